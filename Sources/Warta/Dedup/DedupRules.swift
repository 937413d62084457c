import Foundation
import Yams

/// The semantics of quote deduplication, shared by the single-machine stage (`QuoteDedupStage`) and the
/// scale-out steps (`warta dedup`), so that both decide the same way by construction.
///
/// A run's quotes have a global order (input order, then position in the document). Deciding splits in
/// two parts:
///
/// 1. **Static candidates and verification**, which depend only on the two quotes compared and on their
///    positions, never on what was decided for other quotes, so they can be computed by grouping:
///    - *exact*: the earliest quote with the same word sequence (`exactKey`);
///    - *near* (a long quote, at least `shortWords` words): the quotes found in the postings of its
///      bottom-k sample of shingles (`querySample`) by at least `needed` of them. The postings of a
///      shingle are the first `maxPostings` long quotes in global order that contain it, counting
///      each word sequence once (its first occurrence), whatever was decided for them; a quote only
///      sees the postings that are earlier than itself. Verified by `similarity`;
///    - *piece* (a short quote of at least `pieceMinWords` words): the quotes in the postings of every
///      one of its shingles, verified by `isPiece` (its words appear in order and contiguous in the
///      other quote).
/// 2. **Resolve** (`DedupResolver`), sequential in global order over the verified candidates only: an
///    exact repeat takes the decision of the first occurrence of its words (that occurrence, when it is
///    an original); otherwise the best verified near candidate that is itself an original (highest
///    similarity, ties to the earliest); for a piece, the one original among its verified owners when
///    there is exactly one. Anything else is an original. So `duplicate_of` always points at an original.
public struct DedupRules: Sendable, Equatable {
    public var shingleSize = 3
    public var jaccard = 0.5
    public var containment = 0.8
    public var editSimilarity = 0.8
    public var shortWords = 6
    public var queryShingles = 32
    public var maxPostings = 16
    public var pieceMinWords = 4
    /// Another outlet's rendering of a statement (words reordered, a few changed, a clause dropped):
    /// the Dice coefficient of the two quotes' sets of words, for quotes of at least
    /// `renderingMinWords` words each (0: off).
    public var rendering = 0.0
    public var renderingMinWords = 12
    /// A rendering counts only between quotes of the same speaker (`speakersMatch`): the issue's
    /// definition of another outlet's rendering is the same statement by the same speaker.
    public var renderingSameSpeaker = true
    /// Words that present a quote as a statement made again, at a later time (`mengulang penegasan yang
    /// ia sampaikan sehari sebelumnya`), case-folded: written in the sentence that holds the quote's
    /// opening mark (before it) or in the sentence before, they make the quote a new utterance, which no
    /// rendering links to an earlier one (`rendering_restated`, a list file; empty: none).
    public var restatedWords: Set<String> = []

    public init(
        shingleSize: Int = 3, jaccard: Double = 0.5, containment: Double = 0.8, editSimilarity: Double = 0.8,
        shortWords: Int = 6, queryShingles: Int = 32, maxPostings: Int = 16, pieceMinWords: Int = 4,
        rendering: Double = 0, renderingMinWords: Int = 12, renderingSameSpeaker: Bool = true
    ) {
        self.rendering = rendering
        self.renderingSameSpeaker = renderingSameSpeaker
        self.renderingMinWords = renderingMinWords
        self.shingleSize = shingleSize
        self.jaccard = jaccard
        self.containment = containment
        self.editSimilarity = editSimilarity
        self.shortWords = shortWords
        self.queryShingles = queryShingles
        self.maxPostings = maxPostings
        self.pieceMinWords = pieceMinWords
    }

    /// Reads the options of a `dedup` stage (pipeline file).
    public init(options: StageOptions) throws {
        shingleSize = try options.int("shingle_size", default: 3, range: 1...8)
        jaccard = try options.double("jaccard", default: 0.5, range: 0...1)
        containment = try options.double("containment", default: 0.8, range: 0...1)
        editSimilarity = try options.double("edit_similarity", default: 0.8, range: 0...1)
        shortWords = try options.int("short_words", default: 6, range: 1...100)
        queryShingles = try options.int("query_shingles", default: 32, range: 1...1000)
        maxPostings = try options.int("max_postings", default: 16, range: 1...10000)
        pieceMinWords = try options.int("piece_min_words", default: 4, range: 0...100)
        rendering = try options.double("rendering", default: 0, range: 0...1)
        renderingMinWords = try options.int("rendering_min_words", default: 12, range: 1...1000)
        renderingSameSpeaker = try options.bool("rendering_same_speaker", default: true)
        for entries in try options.readFiles("rendering_restated", ListFile.entries) {
            for entry in entries { restatedWords.insert(ICU.foldCase(entry.text)) }
        }
    }

    /// How a quote takes part in the candidate search.
    public enum Role: String, Sendable, CaseIterable {
        /// No words: never a duplicate, never an original of anything.
        case none
        /// Matched exactly only (too short to be a piece).
        case exact
        /// Short: matched exactly, or as a piece of one earlier long quote (looks up all its shingles).
        case piece
        /// Long: indexed under all its shingles; looks up its bottom-k sample.
        case near

        /// The names, for messages: `none, exact, piece, near`.
        static var allNames: String { allCases.map(\.rawValue).joined(separator: ", ") }
    }

    public func role(wordCount: Int) -> Role {
        if wordCount == 0 { return .none }
        if wordCount >= shortWords { return .near }
        if pieceMinWords > 0, wordCount >= max(pieceMinWords, shingleSize) { return .piece }
        return .exact
    }

    /// The shingles a quote looks up: its bottom-k sample when long, all of them when a piece, else none.
    public func queryShingles(role: Role, shingles: [UInt64]) -> ArraySlice<UInt64> {
        switch role {
        case .near: return shingles.prefix(queryShingles) // sorted: bottom-k
        case .piece: return shingles[...]
        case .none, .exact: return []
        }
    }

    /// Number of sampled shingles that must hit a quote for it to be a near candidate.
    public static func needed(sampleCount: Int) -> Int { sampleCount <= 4 ? 1 : 2 }

    /// Near candidates: the quotes hit by at least `needed` of the sampled shingles. `postings`: per
    /// sampled shingle, the visible postings (earlier quotes). Returned in ascending order.
    public static func nearCandidates<ID: Hashable & Comparable>(sampleCount: Int, postings: [[ID]]) -> [ID] {
        var hits: [ID: Int] = [:]
        for list in postings { for id in list { hits[id, default: 0] += 1 } }
        let needed = needed(sampleCount: sampleCount)
        return hits.filter { $0.value >= needed }.map(\.key).sorted()
    }

    /// Piece candidates: the quotes in the visible postings of every shingle of a short quote. Ascending
    /// order. (A full shingle does not rule a piece out: its postings fill up with the edited repeats of
    /// one statement as easily as with a stock phrase; a stock phrase is told by the resolve rule,
    /// which wants exactly one original among the owners.)
    public func pieceCandidates<ID: Hashable & Comparable>(postings: [[ID]]) -> [ID] {
        var common: Set<ID>? = nil
        for list in postings {
            if list.isEmpty { return [] }
            common = common.map { $0.intersection(list) } ?? Set(list)
            if common!.isEmpty { return [] }
        }
        return (common ?? []).sorted()
    }

    /// Sorted, unique hashes of the word n-grams.
    public func shingles(_ words: [UInt64]) -> [UInt64] {
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

    /// The key of a quote's whole word sequence (exact repeats).
    public static func exactKey(_ words: [UInt64]) -> UInt64 { combine(words) }

    /// The similarity of a quote to an earlier one when it is a near repeat of it (rounded to 3
    /// decimals, as written), else nil. `speaker`, `otherSpeaker`: the two quotes' speaker keys
    /// (`speakerKey`), read only by the rendering measure.
    public func similarity(
        _ words: [UInt64], _ shingles: [UInt64], _ otherWords: [UInt64],
        speaker: [UInt64] = [], otherSpeaker: [UInt64] = []
    ) -> Double? {
        let other = self.shingles(otherWords)
        let shared = Self.intersectionCount(shingles, other)
        let jaccardValue = Double(shared) / Double(shingles.count + other.count - shared)
        let containmentValue = Double(shared) / Double(min(shingles.count, other.count))
        var best = 0.0
        if jaccardValue >= jaccard { best = max(best, jaccardValue) }
        if containmentValue >= containment { best = max(best, containmentValue) }
        let (short, long) =
            words.count <= otherWords.count ? (words.count, otherWords.count) : (otherWords.count, words.count)
        if Double(short) >= editSimilarity * Double(long), long <= 400 {
            let edit = Double(Self.lcs(words, otherWords)) / Double(long)
            if edit >= editSimilarity { best = max(best, edit) }
        }
        if rendering > 0, short >= renderingMinWords, !renderingSameSpeaker || Self.speakersMatch(speaker, otherSpeaker)
        {
            let dice = Self.wordDice(words, otherWords)
            if dice >= rendering { best = max(best, dice) }
        }
        return best > 0 ? (best * 1000).rounded() / 1000 : nil
    }

    /// A quote's speaker as the sorted, unique hashes of its case-folded words (`[]`: no speaker). The
    /// speaker is the fullest name the quotes stage gave (or the office or body when no person is named).
    public static func speakerKey(_ speaker: String?) -> [UInt64] {
        guard let speaker else { return [] }
        var keys = Set<UInt64>()
        for word in ICU.foldCase(speaker).split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            keys.insert(fnv(Array(word.utf8)))
        }
        return keys.sorted()
    }

    /// Whether two quotes can be by the same speaker: both have one, and the words of one are all words
    /// of the other (`Andi Nurhikmah Lamba` and `Andi Nurhikmah Lamba`, or `Nurhikmah` where an outlet
    /// never wrote the full name). A quote with no speaker matches nobody.
    public static func speakersMatch(_ a: [UInt64], _ b: [UInt64]) -> Bool {
        guard !a.isEmpty, !b.isEmpty else { return false }
        return intersectionCount(a, b) == min(a.count, b.count)
    }

    /// The Dice coefficient of two quotes' sets of words: 2 |A ∩ B| / (|A| + |B|).
    static func wordDice(_ a: [UInt64], _ b: [UInt64]) -> Double {
        let x = Array(Set(a)).sorted(), y = Array(Set(b)).sorted()
        guard !x.isEmpty || !y.isEmpty else { return 0 }
        return 2 * Double(intersectionCount(x, y)) / Double(x.count + y.count)
    }

    /// Whether `words` appear, in order and contiguous, in `other`.
    ///
    /// - Complexity: O(`words.count` + `other.count`) (Knuth–Morris–Pratt). Comparing at every start
    ///   was their product: a `warta dedup verify` line of a 5,000-word piece of a 10,000-word quote,
    ///   the same word over and over, took 0.09 s, four times as long 0.85 s.
    public static func isPiece(_ words: [UInt64], of other: [UInt64]) -> Bool {
        guard !words.isEmpty, other.count >= words.count else { return false }
        // fallback[i]: the length of the longest proper prefix of words[0...i] that is also its suffix.
        var fallback = [Int](repeating: 0, count: words.count)
        var k = 0
        for i in 1..<words.count {
            while k > 0 && words[i] != words[k] { k = fallback[k - 1] }
            if words[i] == words[k] { k += 1 }
            fallback[i] = k
        }
        var matched = 0
        for w in other {
            while matched > 0 && w != words[matched] { matched = fallback[matched - 1] }
            if w == words[matched] { matched += 1 }
            if matched == words.count { return true }
        }
        return false
    }

    static func fnv(_ bytes: [UInt8]) -> UInt64 {
        FNV1a().add(bytes).value
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

/// The sequential part of deduplication: given a quote's verified candidates (all earlier quotes), and
/// what was decided for earlier quotes, decides it. Call in global order.
public struct DedupResolver<ID: Hashable & Comparable> {
    /// What was decided for a quote: the original it repeats and the similarity, or nil (an original).
    public typealias Decision = (original: ID, similarity: Double)?

    /// Decided quotes that are duplicates (every other quote seen is an original).
    private var duplicates: [ID: (original: ID, similarity: Double)] = [:]

    public init() {}

    public func isOriginal(_ id: ID) -> Bool { duplicates[id] == nil }

    /// Decides one quote and records the decision. `exactFirst`: the first occurrence of its words,
    /// when earlier than the quote. `near`: verified near candidates with their similarity. `pieceOwners`:
    /// verified piece owners.
    public mutating func resolve(_ id: ID, exactFirst: ID?, near: [(ID, Double)], pieceOwners: [ID]) -> Decision {
        let decision = Self.decide(
            exactFirst: exactFirst, near: near, pieceOwners: pieceOwners,
            isOriginal: isOriginal, decisionOf: { duplicates[$0] })
        if let decision { duplicates[id] = decision }
        return decision
    }

    /// The rule itself, over any store of earlier decisions.
    @inline(__always)
    public static func decide(
        exactFirst: ID?, near: [(ID, Double)], pieceOwners: [ID], isOriginal: (ID) -> Bool,
        decisionOf: (ID) -> (original: ID, similarity: Double)?
    ) -> Decision {
        if let first = exactFirst {
            return isOriginal(first) ? (first, 1) : decisionOf(first)
        }
        var best: (original: ID, similarity: Double)? = nil
        for (candidate, similarity) in near where isOriginal(candidate) {
            if best == nil || similarity > best!.similarity
                || (similarity == best!.similarity && candidate < best!.original)
            {
                best = (candidate, similarity)
            }
        }
        if let best { return best }
        let originals = Set(pieceOwners.filter(isOriginal))
        if originals.count == 1 { return (originals.first!, 1) }
        return nil
    }
}

extension DedupRules {
    /// The options of the `dedup` stage of a pipeline file, read without building the other stages
    /// (`warta dedup` steps need only these). Errors name the file and line, as `Pipeline.load` does.
    public static func load(pipeline url: URL) throws -> DedupRules {
        let path = url.path
        let yaml = try FileBytes.configurationText(path, what: "pipeline file")
        let root = try ConfigYAML.compose(yaml, file: path)
        guard let root, case .mapping(let map) = root, let stages = map[key: "stages"],
            case .sequence(let entries) = stages
        else {
            throw ConfigError(file: path, line: 1, "expected a mapping with 'name' and 'stages'")
        }
        for entry in entries {
            var optionsNode: Yams.Node? = nil
            if let name = entry.scalar?.string {
                guard name == QuoteDedupStage.name else { continue }
            } else if case .mapping(let m) = entry, m.count == 1, m.keys.first?.string == QuoteDedupStage.name {
                optionsNode = m.values.first
            } else {
                continue
            }
            let options = try StageOptions(
                stage: QuoteDedupStage.name, node: optionsNode, file: path, line: entry.mark?.line,
                baseDirectory: url.deletingLastPathComponent())
            let rules = try DedupRules(options: options)
            try options.finish()
            return rules
        }
        throw ConfigError(file: path, "the pipeline has no dedup stage")
    }
}
