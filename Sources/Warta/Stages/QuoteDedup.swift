/// Marks quotes that repeat an earlier quote of the run, word for word or nearly.
///
/// Runs in the runner's ordered hand-off, so it sees quotes in input order and a quote can only point
/// back: the first occurrence is the original, every repeat gets `duplicate_of` = that original and a
/// similarity. Output can stream while the run goes on.
///
/// Each quote is reduced to its case-folded words (punctuation ignored), hashed. Exact repeats are found
/// by a hash of the whole word sequence. Near repeats (a word changed, added or dropped, truncated, split
/// in pieces) are found in two steps, never by comparing all pairs:
///
/// 1. Candidates. An inverted index maps each word shingle (`shingle_size` words) to the originals that
///    have it: at most `max_postings` of them, the earliest, so that a stock phrase found in thousands
///    of quotes costs no more to look up than a rare one. A new quote looks up at most
///    `query_shingles` of its shingles (those with the smallest hashes: a bottom-k sample, so the cost
///    per quote is bounded whatever its length), and the originals hit by at least two of them (one,
///    when the quote has only a few shingles) are candidates.
/// 2. Verification, on the candidates only. A candidate is repeated when the shingle Jaccard similarity
///    reaches `jaccard`, or the containment (shared shingles over the smaller set: truncated quotes and
///    the pieces of a split one) reaches `containment`, or the word-level edit similarity (longest common
///    word subsequence over the longer quote: catches one or two words changed, added or dropped in a
///    short quote, where a single change breaks most shingles) reaches `edit_similarity`. The most
///    similar candidate wins; ties go to the earliest original.
///
/// Quotes shorter than `short_words` words have too few shingles for this to be reliable (a few common
/// words would link unrelated short quotes), so they never become near originals and are matched
/// exactly, or as a piece of one earlier quote: a short quote of at least `piece_min_words` words whose
/// words appear, in order and contiguous, in exactly one earlier original (a phrase several originals
/// share is a stock phrase, not a piece of one of them; 0 turns this off).
///
/// Only originals (quotes that repeat nothing) are indexed and answer lookups, so a repeat of a repeat
/// points at the first occurrence. Hashes are computed here (FNV-1a over the folded bytes of a word, a
/// fixed mix over word sequences), not by Swift's per-process seeded `Hasher`, and no result depends on
/// the iteration order of a dictionary, so results are the same on every run.
///
/// Memory: per original, its word hashes (8 bytes a word) and up to one index posting per shingle.
public final class QuoteDedupStage: ReplayableStage {
    public static let name = "dedup"
    public static let requires: [Layer] = [.quotes]
    public static let provides: [Layer] = [.duplicates]

    let shingleSize: Int
    let jaccardThreshold: Double
    let containmentThreshold: Double
    let editThreshold: Double
    let shortWords: Int
    let queryShingles: Int
    let maxPostings: Int
    let pieceMinWords: Int

    private var exact: [UInt64: QuoteReference] = [:]
    /// Shingle → first posting (index into `postingOriginal`/`postingNext`) and number of postings.
    private var postingHead: [UInt64: (first: Int32, count: Int32)] = [:]
    /// Postings as linked lists in flat arrays (one allocation for the whole index, not one per shingle).
    private var postingOriginal: [Int32] = []
    private var postingNext: [Int32] = []
    private var originals: [(reference: QuoteReference, words: [UInt64])] = []

    public required init(options: StageOptions) throws {
        shingleSize = try options.int("shingle_size", default: 3, range: 1...8)
        jaccardThreshold = try options.double("jaccard", default: 0.5, range: 0...1)
        containmentThreshold = try options.double("containment", default: 0.8, range: 0...1)
        editThreshold = try options.double("edit_similarity", default: 0.8, range: 0...1)
        shortWords = try options.int("short_words", default: 6, range: 1...100)
        queryShingles = try options.int("query_shingles", default: 32, range: 1...1000)
        maxPostings = try options.int("max_postings", default: 16, range: 1...10000)
        pieceMinWords = try options.int("piece_min_words", default: 4, range: 0...100)
    }

    public init(shingleSize: Int = 3, jaccard: Double = 0.5, containment: Double = 0.8, editSimilarity: Double = 0.8,
                shortWords: Int = 6, queryShingles: Int = 32, maxPostings: Int = 16, pieceMinWords: Int = 4) {
        self.shingleSize = shingleSize
        jaccardThreshold = jaccard
        containmentThreshold = containment
        editThreshold = editSimilarity
        self.shortWords = shortWords
        self.queryShingles = queryShingles
        self.maxPostings = maxPostings
        self.pieceMinWords = pieceMinWords
    }

    /// Number of originals held (each costs its word hashes in memory).
    public var originalCount: Int { originals.count }

    public func process(_ document: inout Document) {
        let decisions = assign(documentID: document.id, quoteWords: Self.quoteWords(document))
        Self.apply(decisions, to: &document)
    }

    /// What the stage decided for one quote: the original it repeats and how similar it is, or nil.
    public typealias Decision = (original: QuoteReference, similarity: Double)?

    /// Runs the stage over the quotes of one document, given as their hashed words, in order; updates
    /// the state and returns a decision per quote. `process` is this over the document's quotes.
    func assign(documentID: String, quoteWords: [[UInt64]]) -> [Decision] {
        var decisions = [Decision](repeating: nil, count: quoteWords.count)
        for (i, words) in quoteWords.enumerated() {
            guard !words.isEmpty else { continue }
            let reference = QuoteReference(document: documentID, quote: i)
            let key = Self.combine(words)
            if let original = exact[key] {
                decisions[i] = (original, 1)
                continue
            }
            exact[key] = reference
            if words.count < shortWords {
                if pieceMinWords > 0, words.count >= max(pieceMinWords, shingleSize), let original = pieceOf(words) {
                    exact[key] = nil
                    decisions[i] = (original, 1)
                }
                continue
            }
            let shingles = self.shingles(words)
            if let (original, similarity) = bestCandidate(words: words, shingles: shingles) {
                exact[key] = nil // only originals answer exact lookups: a repeat points at the first occurrence
                decisions[i] = (original, (similarity * 1000).rounded() / 1000)
                continue
            }
            let id = Int32(originals.count)
            originals.append((reference, words))
            for s in shingles { addPosting(s, id) }
        }
        return decisions
    }

    static func apply(_ decisions: [Decision], to document: inout Document) {
        for (i, decision) in decisions.enumerated() where i < document.quotes.count {
            document.quotes[i].duplicateOf = decision?.original
            document.quotes[i].similarity = decision?.similarity
        }
    }

    private func addPosting(_ shingle: UInt64, _ original: Int32) {
        let head = postingHead[shingle]
        if let head, head.count >= maxPostings { return }
        // Appended at the end of the chain so that the earliest originals come first.
        let index = Int32(postingOriginal.count)
        postingOriginal.append(original)
        postingNext.append(-1)
        guard let head else {
            postingHead[shingle] = (index, 1)
            return
        }
        var p = Int(head.first)
        while postingNext[p] >= 0 { p = Int(postingNext[p]) }
        postingNext[p] = index
        postingHead[shingle] = (head.first, head.count + 1)
    }

    private func bestCandidate(words: [UInt64], shingles: [UInt64]) -> (QuoteReference, Double)? {
        let sample = shingles.count <= queryShingles ? shingles : Array(shingles.prefix(queryShingles)) // sorted: bottom-k
        var hits: [Int32: Int] = [:]
        for s in sample {
            guard let head = postingHead[s] else { continue }
            var p = head.first
            while p >= 0 {
                hits[postingOriginal[Int(p)], default: 0] += 1
                p = postingNext[Int(p)]
            }
        }
        let needed = sample.count <= 4 ? 1 : 2
        // Candidates in a fixed order (not the dictionary's), so that ties are decided the same way on every run.
        let candidates = hits.filter { $0.value >= needed }.map(\.key).sorted()
        var best: (id: Int32, similarity: Double)? = nil
        for id in candidates {
            let other = originals[Int(id)].words
            guard let similarity = similarity(words, shingles, other) else { continue }
            if best == nil || similarity > best!.similarity { best = (id, similarity) }
        }
        return best.map { (originals[Int($0.id)].reference, $0.similarity) }
    }

    /// The one original that holds these words, in order and contiguous, when exactly one does and the
    /// phrase is not a stock phrase (none of its shingles has reached `max_postings` originals).
    private func pieceOf(_ words: [UInt64]) -> QuoteReference? {
        var common: [Int32]? = nil
        for s in shingles(words) {
            guard let head = postingHead[s], head.count < maxPostings else { return nil }
            var owners: [Int32] = []
            var p = head.first
            while p >= 0 {
                owners.append(postingOriginal[Int(p)])
                p = postingNext[Int(p)]
            }
            common = common.map { c in c.filter { owners.contains($0) } } ?? owners
            if common!.isEmpty { return nil }
        }
        guard let common, common.count == 1 else { return nil }
        let original = originals[Int(common[0])]
        let other = original.words
        guard other.count >= words.count else { return nil }
        for start in 0...(other.count - words.count) where other[start] == words[0] {
            if other[start..<(start + words.count)].elementsEqual(words) { return original.reference }
        }
        return nil
    }

    /// The similarity of a quote to an original when it is a repeat of it, else nil.
    func similarity(_ words: [UInt64], _ shingles: [UInt64], _ otherWords: [UInt64]) -> Double? {
        let other = self.shingles(otherWords)
        let shared = Self.intersectionCount(shingles, other)
        let jaccard = Double(shared) / Double(shingles.count + other.count - shared)
        let containment = Double(shared) / Double(min(shingles.count, other.count))
        var best = 0.0
        if jaccard >= jaccardThreshold { best = max(best, jaccard) }
        if containment >= containmentThreshold { best = max(best, containment) }
        let (short, long) = words.count <= otherWords.count ? (words.count, otherWords.count) : (otherWords.count, words.count)
        if Double(short) >= editThreshold * Double(long), long <= 400 {
            let edit = Double(Self.lcs(words, otherWords)) / Double(long)
            if edit >= editThreshold { best = max(best, edit) }
        }
        return best > 0 ? best : nil
    }

    // MARK: Incremental runs

    /// The record kept in the manifest for a document: each quote's hashed words (all the stage reads of
    /// a document) and what the stage decided for it. Little-endian: quote count; per quote, word count,
    /// words, then 0 (no duplicate) or 1, original's id (length, UTF-8), quote index, similarity bits.
    public func record(of document: Document) -> [UInt8] {
        let words = Self.quoteWords(document)
        var out: [UInt8] = []
        func put32(_ v: Int) { withUnsafeBytes(of: UInt32(v).littleEndian) { out.append(contentsOf: $0) } }
        func put64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        put32(words.count)
        for (i, w) in words.enumerated() {
            put32(w.count)
            for h in w { put64(h) }
            if let original = document.quotes[i].duplicateOf {
                out.append(1)
                let id = Array(original.document.utf8)
                put32(id.count); out.append(contentsOf: id)
                put32(original.quote)
                put64((document.quotes[i].similarity ?? 0).bitPattern)
            } else {
                out.append(0)
            }
        }
        return out
    }

    /// Runs the stage over a document known only by its record, exactly as `process` would have run over
    /// the document; returns whether any decision differs from the recorded one, and the new decisions
    /// to apply when the document is processed again. Nil when the record cannot be read.
    public func replay(documentID: String, record: [UInt8]) -> (changed: Bool, apply: (inout Document) -> Void)? {
        var at = 0
        func get32() -> Int? {
            guard at + 4 <= record.count else { return nil }
            var v: UInt32 = 0
            for k in 0..<4 { v |= UInt32(record[at + k]) << (8 * k) }
            at += 4
            return Int(v)
        }
        func get64() -> UInt64? {
            guard at + 8 <= record.count else { return nil }
            var v: UInt64 = 0
            for k in 0..<8 { v |= UInt64(record[at + k]) << (8 * k) }
            at += 8
            return v
        }
        guard let count = get32() else { return nil }
        var words: [[UInt64]] = []
        var recorded: [Decision] = []
        for _ in 0..<count {
            guard let n = get32(), n <= (record.count - at) / 8 else { return nil }
            var w: [UInt64] = []
            w.reserveCapacity(n)
            for _ in 0..<n { w.append(get64()!) }
            words.append(w)
            guard at < record.count else { return nil }
            let flag = record[at]
            at += 1
            if flag == 0 { recorded.append(nil); continue }
            guard let length = get32(), at + length <= record.count else { return nil }
            let id = String(decoding: record[at..<(at + length)], as: UTF8.self)
            at += length
            guard let quote = get32(), let bits = get64() else { return nil }
            recorded.append((QuoteReference(document: id, quote: quote), Double(bitPattern: bits)))
        }
        guard at == record.count else { return nil }
        let decisions = assign(documentID: documentID, quoteWords: words)
        let changed = !zip(decisions, recorded).allSatisfy { a, b in
            a?.original == b?.original && a?.similarity.bitPattern == b?.similarity.bitPattern
        }
        return (changed, { Self.apply(decisions, to: &$0) })
    }

    /// The words of every quote of the document, case-folded and hashed, in one pass over the tokens.
    static func quoteWords(_ document: Document) -> [[UInt64]] {
        let tokens = document.tokens
        return document.quotes.map { quote in
            // The first token at or after the quote's start (binary search), then the tokens inside it.
            var low = 0, high = tokens.count
            while low < high {
                let mid = (low + high) / 2
                if tokens[mid].range.start < quote.range.start { low = mid + 1 } else { high = mid }
            }
            var words: [UInt64] = []
            var k = low
            while k < tokens.count, tokens[k].range.end <= quote.range.end {
                if tokens[k].kind == .word || tokens[k].kind == .number {
                    words.append(fnv(ICU.foldCase(Array(document.text[tokens[k].range.start..<tokens[k].range.end]))))
                }
                k += 1
            }
            return words
        }
    }

    /// The quote's words, case-folded, without punctuation.
    static func words(_ document: Document, _ range: TextRange) -> [String] {
        document.tokens.lazy.filter { range.contains($0.range) && ($0.kind == .word || $0.kind == .number) }
            .map { ICU.foldCase(document.substring($0.range)) }
    }

    /// Sorted, unique hashes of the word n-grams.
    func shingles(_ words: [UInt64]) -> [UInt64] {
        let n = min(shingleSize, words.count)
        guard n > 0 else { return [] }
        var result: [UInt64] = []
        result.reserveCapacity(words.count - n + 1)
        for i in 0...(words.count - n) { result.append(Self.combine(words[i..<(i + n)])) }
        result.sort()
        var unique: [UInt64] = []
        unique.reserveCapacity(result.count)
        for h in result where unique.last != h { unique.append(h) }
        return unique
    }

    static func fnv(_ bytes: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return h
    }

    /// A hash of a sequence of word hashes.
    static func combine<C: Collection>(_ words: C) -> UInt64 where C.Element == UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for w in words {
            h = (h ^ w) &* 0x100000001b3
            h = (h ^ (h >> 29)) &* 0xbf58476d1ce4e5b9
        }
        return h ^ (h >> 32)
    }

    static func intersectionCount(_ a: [UInt64], _ b: [UInt64]) -> Int {
        var i = 0, j = 0, n = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] { n += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return n
    }

    /// Length of the longest common subsequence of two word sequences (two rows of the usual table).
    static func lcs(_ a: [UInt64], _ b: [UInt64]) -> Int {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        var previous = [Int](repeating: 0, count: b.count + 1)
        var current = previous
        for x in a {
            for (j, y) in b.enumerated() {
                current[j + 1] = x == y ? previous[j] + 1 : max(previous[j + 1], current[j])
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
