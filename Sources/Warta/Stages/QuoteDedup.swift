/// Marks quotes that repeat an earlier quote of the run, word for word or nearly.
///
/// Runs in the runner's ordered hand-off, so it sees quotes in input order and a quote can only point
/// back: the first occurrence is the original, every repeat gets `duplicate_of` = that original and a
/// similarity. Output can stream while the run goes on.
///
/// Each quote is reduced to its case-folded words. Exact repeats are found by a hash of the whole
/// word sequence. Near repeats (punctuation changed, a word changed, added or dropped, truncated, split
/// in pieces) are found through word shingles (`shingle_size` words): an index maps each shingle to the
/// first original that has it; a new quote looks up up to `query_shingles` of its shingles (the ones
/// with the smallest hashes, a bottom-k sample, so the cost per quote is bounded), and only originals
/// hit by at least two of them are compared: never all pairs. A candidate is a repeat when the shingle
/// Jaccard similarity reaches `jaccard` or the containment (shared shingles over the smaller set,
/// which catches truncated and split repeats) reaches `containment`. Quotes shorter than `short_words`
/// words have too few shingles for that to be reliable, so they are only matched exactly.
/// Hashes are FNV-1a, not Swift's per-process seeded `Hasher`, so results are the same on every run.
public final class QuoteDedupStage: SequentialStage {
    public static let name = "dedup"
    public static let requires: [Layer] = [.quotes]
    public static let provides: [Layer] = [.duplicates]

    let shingleSize: Int
    let jaccardThreshold: Double
    let containmentThreshold: Double
    let shortWords: Int
    let queryShingles: Int

    private var exact: [UInt64: QuoteReference] = [:]
    private var shingleOwner: [UInt64: Int32] = [:]
    private var originals: [(reference: QuoteReference, shingles: [UInt64])] = []

    public required init(options: StageOptions) throws {
        shingleSize = try options.int("shingle_size", default: 3, range: 1...8)
        jaccardThreshold = try options.double("jaccard", default: 0.5, range: 0...1)
        containmentThreshold = try options.double("containment", default: 0.8, range: 0...1)
        shortWords = try options.int("short_words", default: 6, range: 1...100)
        queryShingles = try options.int("query_shingles", default: 32, range: 1...1000)
    }

    public init(shingleSize: Int = 3, jaccard: Double = 0.5, containment: Double = 0.8, shortWords: Int = 6, queryShingles: Int = 32) {
        self.shingleSize = shingleSize
        jaccardThreshold = jaccard
        containmentThreshold = containment
        self.shortWords = shortWords
        self.queryShingles = queryShingles
    }

    /// Number of originals held (each costs its shingles in memory).
    public var originalCount: Int { originals.count }

    public func process(_ document: inout Document) {
        for i in document.quotes.indices {
            let words = Self.words(document, document.quotes[i].range)
            guard !words.isEmpty else { continue }
            let reference = QuoteReference(document: document.id, quote: i)
            let key = Self.fnv(words)
            if let original = exact[key] {
                document.quotes[i].duplicateOf = original
                document.quotes[i].similarity = 1
                continue
            }
            if words.count < shortWords {
                exact[key] = reference
                continue
            }
            let shingles = self.shingles(words)
            if let (original, similarity) = bestCandidate(shingles) {
                document.quotes[i].duplicateOf = original
                document.quotes[i].similarity = similarity
                continue
            }
            exact[key] = reference
            let id = Int32(originals.count)
            originals.append((reference, shingles))
            for s in shingles where shingleOwner[s] == nil { shingleOwner[s] = id }
        }
    }

    private func bestCandidate(_ shingles: [UInt64]) -> (QuoteReference, Double)? {
        var hits: [Int32: Int] = [:]
        let sample = shingles.count <= queryShingles ? shingles : Array(shingles.sorted().prefix(queryShingles))
        for s in sample { if let owner = shingleOwner[s] { hits[owner, default: 0] += 1 } }
        let needed = min(2, sample.count)
        var best: (id: Int32, similarity: Double)? = nil
        for (id, count) in hits where count >= needed {
            let other = originals[Int(id)].shingles
            let shared = Self.intersectionCount(shingles, other)
            let jaccard = Double(shared) / Double(shingles.count + other.count - shared)
            let containment = Double(shared) / Double(min(shingles.count, other.count))
            guard jaccard >= jaccardThreshold || containment >= containmentThreshold else { continue }
            let similarity = max(jaccard, containment)
            if best == nil || similarity > best!.similarity || (similarity == best!.similarity && id < best!.id) {
                best = (id, similarity)
            }
        }
        return best.map { (originals[Int($0.id)].reference, $0.similarity) }
    }

    /// The quote's words, case-folded, without punctuation.
    static func words(_ document: Document, _ range: TextRange) -> [String] {
        document.tokens.lazy.filter { range.contains($0.range) && ($0.kind == .word || $0.kind == .number) }
            .map { ICU.foldCase(document.substring($0.range)) }
    }

    /// Sorted, unique hashes of the word n-grams.
    func shingles(_ words: [String]) -> [UInt64] {
        let hashes = words.map { Self.fnv([$0]) }
        let n = min(shingleSize, hashes.count)
        var set = Set<UInt64>()
        for i in 0...(hashes.count - n) {
            var h: UInt64 = 0xcbf29ce484222325
            for k in i..<(i + n) { h = (h ^ hashes[k]) &* 0x100000001b3 }
            set.insert(h)
        }
        return set.sorted()
    }

    static func fnv(_ words: [String]) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for w in words {
            for b in w.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
            h = (h ^ 0x1F) &* 0x100000001b3 // word separator
        }
        return h
    }

    static func intersectionCount(_ a: [UInt64], _ b: [UInt64]) -> Int {
        var i = 0, j = 0, n = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] { n += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return n
    }
}
