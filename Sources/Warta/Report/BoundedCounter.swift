/// Counts of values (entity names, speakers) in memory that stays bounded on any corpus.
///
/// Exact while fewer than `capacity` distinct values have been seen. Past that, the values counted
/// only once are dropped (a long tail of names seen once), and `pruned` says so: the counts shown are
/// then lower bounds for values that came back after being dropped.
public struct BoundedCounter {
    public private(set) var counts: [String: Int] = [:]
    public private(set) var pruned = false
    public let capacity: Int

    public init(capacity: Int = 50_000) { self.capacity = capacity }

    public mutating func add(_ value: String) {
        counts[value, default: 0] += 1
        if counts.count > capacity {
            counts = counts.filter { $0.value > 1 }
            pruned = true
            // Everything seen at least twice: keep the most frequent half, so memory stays bounded.
            if counts.count > capacity / 2 {
                let kept = top(capacity / 2)
                counts = Dictionary(uniqueKeysWithValues: kept.map { ($0.value, $0.count) })
            }
        }
    }

    /// The `n` most frequent values, ties in code point order of the value (deterministic).
    public func top(_ n: Int) -> [(value: String, count: Int)] {
        counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(n).map { (value: $0.key, count: $0.value) }
    }
}
