/// Greedy left-to-right BIO decoding with `NERModel`'s weights, as `decode()` of `scripts/train_ner.py`: at
/// each word the highest-scoring tag allowed after the previous one (an `I-` tag only continues a `B-`/`I-`
/// tag of its type; a tie goes to the first tag of the model's order).
struct NERDecoder {
    let model: NERModel
    /// For each tag, the tags allowed after it, and for the sentence's start (last row).
    private let allowedAfter: [[Bool]]
    /// The history features (`history()` of train_ner.py) by previous tags (index n: the sentence's start): `t1=`,
    /// `t2=` (by prev2 * (n + 1) + prev1) as hashes, `tw=` as the hash so far, before the word.
    private let t1: [UInt64], t2: [UInt64], tw: [NERFeatures.Hash]

    init(model: NERModel) {
        self.model = model
        let tags = model.tags
        func allowed(_ prev: String?) -> [Bool] {
            tags.map { t in
                guard t.hasPrefix("I-") else { return true }
                guard let prev, prev != "O" else { return false }
                return prev.dropFirst(2) == t.dropFirst(2)
            }
        }
        allowedAfter = tags.map { allowed($0) } + [allowed(nil)]
        let names = tags.map { Array($0.utf8) } + [NERFeatures.shapeStart]
        let base = NERFeatures.Hash()
        t1 = names.map { base.add("t1=").add($0).value }
        t2 = names.flatMap { p2 in names.map { p1 in base.add("t2=").add(p2).add(NERFeatures.bar).add(p1).value } }
        tw = names.map { base.add("tw=").add($0).add(NERFeatures.bar) }
    }

    /// The tag of each word (as an index into the model's tags) and the margin of its score over the best
    /// other allowed tag's.
    func decode(_ words: [String]) -> (tags: [Int], margins: [Int32]) {
        let n = model.tags.count
        // The scores of each word's observation features (n per word), summed first.
        var observed = [Int32](repeating: 0, count: words.count * n)
        let lowered = observed.withUnsafeMutableBufferPointer { scores in
            NERFeatures.observations(words) { i, feature in model.add(feature, to: scores, at: i * n) }
        }
        var tags: [Int] = [], margins: [Int32] = []
        tags.reserveCapacity(words.count)
        margins.reserveCapacity(words.count)
        var prev2 = n, prev1 = n // n: the sentence's start (`<s>`)
        var scores = [Int32](repeating: 0, count: n)
        for i in words.indices {
            for k in 0..<n { scores[k] = observed[i * n + k] }
            model.add(t1[prev1], to: &scores)
            model.add(t2[prev2 * (n + 1) + prev1], to: &scores)
            model.add(tw[prev1].add(lowered[i]).value, to: &scores)
            let ok = allowedAfter[prev1]
            var best = -1
            for k in 0..<n where ok[k] && (best < 0 || scores[k] > scores[best]) { best = k }
            var second: Int32? = nil
            for k in 0..<n where ok[k] && k != best { second = max(second ?? scores[k], scores[k]) }
            tags.append(best)
            margins.append(scores[best] - (second ?? scores[best]))
            prev2 = prev1
            prev1 = best
        }
        return (tags, margins)
    }

    /// The entities of a decoded sentence: word ranges with their type (the tag's part after `B-`), and the
    /// smallest margin among their words.
    func spans(tags: [Int], margins: [Int32]) -> [(range: Range<Int>, type: String, margin: Int32)] {
        var out: [(range: Range<Int>, type: String, margin: Int32)] = []
        var current: (start: Int, type: Substring, margin: Int32)? = nil
        for i in 0...tags.count {
            let tag = i < tags.count ? model.tags[tags[i]] : "O"
            if tag.hasPrefix("I-"), let c = current, c.type == tag.dropFirst(2) {
                current!.margin = min(c.margin, margins[i])
                continue
            }
            if let c = current { out.append((c.start..<i, String(c.type), c.margin)) }
            current = nil
            if tag != "O" { current = (i, tag.dropFirst(2), margins[i]) }
        }
        return out
    }
}
