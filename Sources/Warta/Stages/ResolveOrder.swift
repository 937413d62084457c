/// The order in which `TagState.resolve` considers candidates: longest span (in characters) first, then
/// higher priority, earlier phase, leftmost start, type name; the candidate's position in the pool last,
/// so that the order is total (no two keys are equal) and any correct sort gives the same sequence.
struct ResolveKey {
    var length: Int, priority: Int, phase: Int, start: Int, typeRank: Int, index: Int

    @inline(__always) static func precedes(_ a: ResolveKey, _ b: ResolveKey) -> Bool {
        if a.length != b.length { return a.length > b.length }
        if a.priority != b.priority { return a.priority > b.priority }
        if a.phase != b.phase { return a.phase < b.phase }
        if a.start != b.start { return a.start < b.start }
        if a.typeRank != b.typeRank { return a.typeRank < b.typeRank }
        return a.index < b.index
    }
}

/// The candidates of one `resolve` in `ResolveKey` order, from the entities accepted before (in the
/// order the last `resolve` accepted them: already sorted, unless a step has changed a span since) and
/// the new candidates: the new ones are sorted and merged in, rather than sorting all again per phase.
enum ResolveOrder {
    /// `previous` and `found` in `ResolveKey.precedes` order: `found` sorted, `previous` sorted only if a
    /// check finds it out of order, then one merge. The same sequence as sorting both together (the
    /// order is total).
    static func merged(_ previous: [ResolveKey], _ found: [ResolveKey]) -> [ResolveKey] {
        var previous = previous, found = found
        found.sort(by: ResolveKey.precedes)
        if !isSorted(previous) { previous.sort(by: ResolveKey.precedes) }
        if found.isEmpty { return previous }
        if previous.isEmpty { return found }
        var result: [ResolveKey] = []
        result.reserveCapacity(previous.count + found.count)
        var i = 0, j = 0
        while i < previous.count && j < found.count {
            if ResolveKey.precedes(found[j], previous[i]) {
                result.append(found[j])
                j += 1
            } else {
                result.append(previous[i])
                i += 1
            }
        }
        result.append(contentsOf: previous[i...])
        result.append(contentsOf: found[j...])
        return result
    }

    static func isSorted(_ keys: [ResolveKey]) -> Bool {
        var k = 1
        while k < keys.count {
            if !ResolveKey.precedes(keys[k - 1], keys[k]) { return false }
            k += 1
        }
        return true
    }
}
