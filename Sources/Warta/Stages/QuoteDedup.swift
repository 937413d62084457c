/// Marks quotes that repeat an earlier quote of the run, word for word or nearly.
///
/// Runs in the runner's ordered hand-off, so it sees quotes in input order and a quote can only point
/// back: the first occurrence is the original, every repeat gets `duplicate_of` = that original and a
/// similarity. Output can stream while the run goes on.
///
/// Each quote is reduced to its case-folded words (punctuation ignored), hashed. What is a repeat of
/// what is defined in `DedupRules` (shared with `warta dedup`, which computes the same decisions on a
/// cluster by grouping): exact repeats by a hash of the whole word sequence; near repeats of long quotes
/// (at least `short_words` words) through an inverted index from word shingles (`shingle_size` words)
/// to the first `max_postings` long quotes that contain them, looked up with a bottom-k sample of
/// `query_shingles` shingles (so a stock phrase found in thousands of quotes costs no more than a rare
/// one), verified by shingle Jaccard (`jaccard`), containment (`containment`: truncated quotes, split
/// pieces) or word-level edit similarity (`edit_similarity`); short quotes of at least
/// `piece_min_words` words as a contiguous piece of exactly one earlier original (0 turns this off).
///
/// The index holds every long quote (the first occurrence of its words) whatever was decided for it,
/// so candidates depend only on the quotes compared and their positions; then a quote is a duplicate of
/// its best verified candidate that is itself an original, so a repeat of a repeat points at the first
/// occurrence. Hashes are computed here (FNV-1a over the folded bytes of a word, a fixed mix over word
/// sequences), not by Swift's per-process seeded `Hasher`, and no result depends on the iteration order
/// of a dictionary, so results are the same on every run.
///
/// Memory: per distinct quote an exact-match entry; per indexed long quote its word hashes (8 bytes a
/// word) and up to one index posting per shingle.
public final class QuoteDedupStage: ReplayableStage {
    public static let name = "dedup"
    public static let requires: [Layer] = [.quotes]
    public static let provides: [Layer] = [.duplicates]

    public let rules: DedupRules

    /// The first occurrence of each word sequence: its position in the run's quote order.
    private var exact: [UInt64: Int] = [:]
    /// First occurrences, by position: reference and decision (nil: an original).
    private var firsts: [Int: (reference: QuoteReference, decision: (original: Int, similarity: Double)?)] = [:]
    /// Words of the indexed long quotes, by position.
    private var indexedWords: [Int: [UInt64]] = [:]
    /// Speaker keys of the indexed long quotes that have a speaker, by position (the rendering measure).
    private var indexedSpeakers: [Int: [UInt64]] = [:]
    /// Shingle → first posting (index into `postingQuote`/`postingNext`) and number of postings.
    private var postingHead: [UInt64: (first: Int32, count: Int32)] = [:]
    /// Postings as linked lists in flat arrays (one allocation for the whole index, not one per shingle).
    private var postingQuote: [Int] = []
    private var postingNext: [Int32] = []
    /// Position of the next quote in the run's order.
    private var sequence = 0

    public required init(options: StageOptions) throws {
        rules = try DedupRules(options: options)
    }

    public init(
        shingleSize: Int = 3, jaccard: Double = 0.5, containment: Double = 0.8, editSimilarity: Double = 0.8,
        shortWords: Int = 6, queryShingles: Int = 32, maxPostings: Int = 16, pieceMinWords: Int = 4
    ) {
        rules = DedupRules(
            shingleSize: shingleSize, jaccard: jaccard, containment: containment, editSimilarity: editSimilarity,
            shortWords: shortWords, queryShingles: queryShingles, maxPostings: maxPostings,
            pieceMinWords: pieceMinWords)
    }

    public init(rules: DedupRules) {
        self.rules = rules
    }

    /// Number of quotes held in the index (each costs its word hashes in memory).
    public var indexedCount: Int { indexedWords.count }

    public func process(_ document: inout Document) {
        let decisions = assign(
            documentID: document.id, quoteWords: Self.quoteWords(document),
            quoteSpeakers: Self.quoteSpeakers(document, rules: rules))
        Self.apply(decisions, to: &document)
    }

    /// What the stage decided for one quote: the original it repeats and how similar it is, or nil.
    public typealias Decision = (original: QuoteReference, similarity: Double)?

    /// Runs the stage over the quotes of one document, given as their hashed words (and speaker keys,
    /// `DedupRules.speakerKey`; missing ones are no speaker), in order; updates the state and returns a
    /// decision per quote. `process` is this over the document's quotes.
    func assign(documentID: String, quoteWords: [[UInt64]], quoteSpeakers: [[UInt64]] = []) -> [Decision] {
        var decisions = [Decision](repeating: nil, count: quoteWords.count)
        for (i, words) in quoteWords.enumerated() {
            let role = rules.role(wordCount: words.count)
            guard role != .none else { continue }
            let position = sequence
            sequence += 1
            let key = DedupRules.exactKey(words)
            let speaker = i < quoteSpeakers.count ? quoteSpeakers[i] : []
            let isOriginal: (Int) -> Bool = { self.firsts[$0]?.decision == nil }
            let decisionOf: (Int) -> (original: Int, similarity: Double)? = { self.firsts[$0]?.decision }
            if let first = exact[key] {
                let decision = DedupResolver<Int>.decide(
                    exactFirst: first, near: [], pieceOwners: [],
                    isOriginal: isOriginal, decisionOf: decisionOf)
                decisions[i] = decision.map { (firsts[$0.original]!.reference, $0.similarity) }
                continue
            }
            exact[key] = position
            let shingles = rules.shingles(words)
            let query = rules.queryShingles(role: role, shingles: shingles)
            var near: [(Int, Double)] = []
            var pieceOwners: [Int] = []
            switch role {
            case .near:
                let postings = query.map { self.postings($0) }
                for candidate in DedupRules.nearCandidates(sampleCount: query.count, postings: postings) {
                    // Only originals can win: verifying the others would not change the decision.
                    guard isOriginal(candidate),
                        let similarity = rules.similarity(
                            words, shingles, indexedWords[candidate]!,
                            speaker: speaker, otherSpeaker: indexedSpeakers[candidate] ?? [])
                    else { continue }
                    near.append((candidate, similarity))
                }
            case .piece:
                let postings = query.map { self.postings($0) }
                pieceOwners = rules.pieceCandidates(postings: postings).filter {
                    isOriginal($0) && DedupRules.isPiece(words, of: indexedWords[$0]!)
                }
            case .none, .exact:
                break
            }
            let decision = DedupResolver<Int>.decide(
                exactFirst: nil, near: near, pieceOwners: pieceOwners,
                isOriginal: isOriginal, decisionOf: decisionOf)
            firsts[position] = (QuoteReference(document: documentID, quote: i), decision)
            decisions[i] = decision.map { (firsts[$0.original]!.reference, $0.similarity) }
            if role == .near {
                var added = false
                for s in shingles { added = addPosting(s, position) || added }
                if added {
                    indexedWords[position] = words
                    if !speaker.isEmpty { indexedSpeakers[position] = speaker }
                }
            }
        }
        return decisions
    }

    static func apply(_ decisions: [Decision], to document: inout Document) {
        for (i, decision) in decisions.enumerated() where i < document.quotes.count {
            document.quotes[i].duplicateOf = decision?.original
            document.quotes[i].similarity = decision?.similarity
        }
    }

    /// The postings of a shingle, earliest first (all earlier than the quote being decided).
    private func postings(_ shingle: UInt64) -> [Int] {
        guard let head = postingHead[shingle] else { return [] }
        var result: [Int] = []
        result.reserveCapacity(Int(head.count))
        var p = head.first
        while p >= 0 {
            result.append(postingQuote[Int(p)])
            p = postingNext[Int(p)]
        }
        return result
    }

    /// Adds a posting unless the shingle already has `max_postings`; whether it was added.
    private func addPosting(_ shingle: UInt64, _ quote: Int) -> Bool {
        let head = postingHead[shingle]
        if let head, head.count >= rules.maxPostings { return false }
        // Appended at the end of the chain so that the earliest quotes come first.
        let index = Int32(postingQuote.count)
        postingQuote.append(quote)
        postingNext.append(-1)
        guard let head else {
            postingHead[shingle] = (index, 1)
            return true
        }
        var p = Int(head.first)
        while postingNext[p] >= 0 { p = Int(postingNext[p]) }
        postingNext[p] = index
        postingHead[shingle] = (head.first, head.count + 1)
        return true
    }

    /// The similarity of a quote to an original when it is a repeat of it, else nil.
    func similarity(_ words: [UInt64], _ shingles: [UInt64], _ otherWords: [UInt64]) -> Double? {
        rules.similarity(words, shingles, otherWords)
    }

    // MARK: Incremental runs

    /// The record kept in the manifest for a document: each quote's hashed words and speaker key (all
    /// the stage reads of a document) and what the stage decided for it. Little-endian: quote count; per
    /// quote, word count, words, speaker key count, speaker key, then 0 (no duplicate) or 1, original's
    /// id (length, UTF-8), quote index, similarity bits.
    public func record(of document: Document) -> [UInt8] {
        let words = Self.quoteWords(document)
        let speakers = Self.quoteSpeakers(document, rules: rules)
        var out: [UInt8] = []
        func put32(_ v: Int) { withUnsafeBytes(of: UInt32(v).littleEndian) { out.append(contentsOf: $0) } }
        func put64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        put32(words.count)
        for (i, w) in words.enumerated() {
            put32(w.count)
            for h in w { put64(h) }
            put32(speakers[i].count)
            for h in speakers[i] { put64(h) }
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
        guard let (words, speakers, recorded) = Self.readRecord(record) else { return nil }
        let decisions = assign(documentID: documentID, quoteWords: words, quoteSpeakers: speakers)
        let changed = !zip(decisions, recorded).allSatisfy { a, b in
            a?.original == b?.original && a?.similarity.bitPattern == b?.similarity.bitPattern
        }
        return (changed, { Self.apply(decisions, to: &$0) })
    }

    public func canReplay(record: [UInt8]) -> Bool { Self.readRecord(record) != nil }

    /// A record's quote words and recorded decisions (see `record(of:)`), or nil when it is malformed.
    static func readRecord(_ record: [UInt8]) -> (words: [[UInt64]], speakers: [[UInt64]], recorded: [Decision])? {
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
        var speakers: [[UInt64]] = []
        var recorded: [Decision] = []
        for _ in 0..<count {
            guard let n = get32(), n <= (record.count - at) / 8 else { return nil }
            var w: [UInt64] = []
            w.reserveCapacity(n)
            for _ in 0..<n { w.append(get64()!) }
            words.append(w)
            guard let m = get32(), m <= (record.count - at) / 8 else { return nil }
            var s: [UInt64] = []
            s.reserveCapacity(m)
            for _ in 0..<m { s.append(get64()!) }
            speakers.append(s)
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
        return (words, speakers, recorded)
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

    /// The speaker key of every quote of the document (`DedupRules.speakerKey`); none for a quote the
    /// text presents as said again (`DedupRules.restatedWords` in the sentence that holds its start,
    /// before it, or in the sentence before).
    static func quoteSpeakers(_ document: Document, rules: DedupRules) -> [[UInt64]] {
        let first = restatedWords(document, words: rules.restatedWords)
        return document.quotes.map { quote in
            restated(document, first, before: quote.range.start) ? [] : DedupRules.speakerKey(quote.speaker)
        }
    }

    /// For each sentence, the offset of its first word that is one of `words` (nil: none). One pass over
    /// the tokens (a quote looks up two entries: scanning back from each quote was quadratic in one
    /// long sentence of many quotes); only words of a length in the list are case-folded.
    static func restatedWords(_ document: Document, words: Set<String>) -> [Int?] {
        guard !words.isEmpty else { return [] }
        let lengths = Set(words.map(\.utf8.count))
        let sentences = document.sentences
        var first = [Int?](repeating: nil, count: sentences.count)
        var s = 0
        for token in document.tokens where token.kind == .word && lengths.contains(token.range.end - token.range.start)
        {
            while s < sentences.count, sentences[s].end <= token.range.start { s += 1 }
            guard s < sentences.count, sentences[s].start <= token.range.start else { continue }
            if first[s] == nil, words.contains(ICU.foldCase(document.substring(token.range))) {
                first[s] = token.range.start
            }
        }
        return first
    }

    /// Whether a word of `restatedWords` is written in the sentence that holds `offset` (before it) or
    /// in the sentence before that one.
    static func restated(_ document: Document, _ first: [Int?], before offset: Int) -> Bool {
        guard !first.isEmpty else { return false }
        let sentences = document.sentences
        var low = 0, high = sentences.count
        while low < high {
            let mid = (low + high) / 2
            if sentences[mid].start <= offset { low = mid + 1 } else { high = mid }
        }
        let s = low - 1
        if s >= 0, let p = first[s], p < offset { return true }
        return s >= 1 && first[s - 1] != nil
    }

    /// The quote's words, case-folded, without punctuation.
    static func words(_ document: Document, _ range: TextRange) -> [String] {
        document.tokens.lazy.filter { range.contains($0.range) && ($0.kind == .word || $0.kind == .number) }
            .map { ICU.foldCase(document.substring($0.range)) }
    }

    /// Sorted, unique hashes of the word n-grams.
    func shingles(_ words: [UInt64]) -> [UInt64] { rules.shingles(words) }

    static func fnv(_ bytes: [UInt8]) -> UInt64 { DedupRules.fnv(bytes) }

    /// A hash of a sequence of word hashes.
    static func combine<C: Collection>(_ words: C) -> UInt64 where C.Element == UInt64 { DedupRules.combine(words) }

    static func intersectionCount(_ a: [UInt64], _ b: [UInt64]) -> Int { DedupRules.intersectionCount(a, b) }

    static func lcs(_ a: [UInt64], _ b: [UInt64]) -> Int { DedupRules.lcs(a, b) }
}
