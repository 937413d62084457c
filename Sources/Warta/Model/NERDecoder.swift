/// Greedy left-to-right BIO decoding with `NERModel`'s weights, as `decode()` of `scripts/train_ner.py`: at
/// each word the highest-scoring tag allowed after the previous one (an `I-` tag only continues a `B-`/`I-`
/// tag of its type; a tie goes to the first tag of the model's order).
struct NERDecoder {
    let model: NERModel
    /// For each tag, the tags allowed after it, and for the sentence's start (last row).
    private let allowedAfter: [[Bool]]

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
    }

    /// The tag of each word (as an index into the model's tags) and the margin of its score over the best
    /// other allowed tag's.
    func decode(_ words: [String]) -> (tags: [Int], margins: [Int32]) {
        let (obs, lowered) = NERFeatures.observations(words)
        let n = model.tags.count
        let names = model.tags.map { Array($0.utf8) } + [NERFeatures.shapeStart]
        var tags: [Int] = [], margins: [Int32] = []
        tags.reserveCapacity(words.count)
        margins.reserveCapacity(words.count)
        var prev2 = n, prev1 = n  // n: the sentence's start (`<s>`)
        var scores = [Int32](repeating: 0, count: n)
        for (i, features) in obs.enumerated() {
            for k in 0..<n { scores[k] = 0 }
            for f in features { model.add(f, to: &scores) }
            for f in NERFeatures.history(prev2: names[prev2], prev1: names[prev1], lowered: lowered[i]) {
                model.add(f, to: &scores)
            }
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
