/// The answers of the rules' token tests by token CLASS within one document: a test asked at a token
/// whose class has been asked before is answered by a bit, not evaluated again.
///
/// A token's class is what a test may read of it (`TokenTestRef.evaluate`): its word form (the
/// lexeme table's row, which fixes the text, folded text, shape, hashes, form-part bits and the
/// regular expressions' answers), its kind, its four flags (`spaceBefore`, `paragraphStart`,
/// `titleLine`, `sentenceStart`) and, for a test with `entity`/`not_entity`, the type of the smallest
/// entity covering it (`MatchContext.entityCovering`, set per phase: the class holds the type, so an
/// answer stays true across phases). Two tokens of one class get the same answer from every test,
/// so the answers are kept for the whole document. See BENCHMARKS.md ("Issue 22, fifth session") for
/// why nothing else is read.
///
/// Only with lexemes (a row per form); a test that reads a regular expression whose answers are not
/// kept per form (numbered 64 or more, or not numbered) is never kept: its side effects (the
/// "gave up" warnings) are per token. Used by one thread (one document's tag stage).
struct TokenClassAnswers {
    /// The class of each token without the covering type: a dense number per (form row, kind, flags).
    private let baseClass: [Int32]
    /// Words per answer row (one bit per test number).
    private let width: Int
    /// For class `base * 9 + covering`, where its rows begin in `answers` (-1: none yet).
    private var rowStart: [Int32]
    /// Per class, `width` words of "asked" bits followed by `width` words of answers.
    private var answers: [UInt64] = []

    /// `rows`: the lexeme row of each token (`DocumentLexemes.ids`); `testCount`: the number of test
    /// numbers (`RuleSet.formTestCount`).
    /// No classes (a view without lexemes): nothing is kept.
    init() {
        baseClass = []
        width = 1
        rowStart = []
    }

    init(view: TokenView, rows: [Int32], testCount: Int) {
        width = max(1, (testCount + 63) / 64)
        var numbers: [Int64: Int32] = [:]
        numbers.reserveCapacity(view.count)
        var classes = [Int32](repeating: 0, count: view.count)
        for t in 0..<view.count {
            let key = Int64(rows[t]) << 8 | Int64(Self.flags(view.features[t]))
            if let k = numbers[key] {
                classes[t] = k
            } else {
                let k = Int32(numbers.count)
                numbers[key] = k
                classes[t] = k
            }
        }
        baseClass = classes
        rowStart = [Int32](repeating: -1, count: numbers.count * 9)
    }

    /// Kind and flags in 6 bits.
    static func flags(_ f: TokenView.Features) -> Int {
        var bits = f.kind.bit.trailingZeroBitCount
        if f.spaceBefore { bits |= 4 }
        if f.paragraphStart { bits |= 8 }
        if f.titleLine { bits |= 16 }
        if f.sentenceStart { bits |= 32 }
        return bits
    }

    /// The class number of token t with covering type `covering` (0: none, else 1 + the type's bit's
    /// index); equal for two tokens exactly when their kind, flags, form and that type are.
    @inline(__always) func classOf(_ t: Int, covering: Int) -> Int { Int(baseClass[t]) * 9 + covering }

    /// The kept answer of test `id` for class `c` (nil: not asked yet).
    @inline(__always) func answer(_ c: Int, _ id: Int) -> Bool? {
        let start = Int(rowStart[c])
        guard start >= 0 else { return nil }
        let bit: UInt64 = 1 << UInt64(id & 63)
        if answers[start + id >> 6] & bit == 0 { return nil }
        return answers[start + width + id >> 6] & bit != 0
    }

    mutating func store(_ c: Int, _ id: Int, _ answer: Bool) {
        var start = Int(rowStart[c])
        if start < 0 {
            start = answers.count
            rowStart[c] = Int32(start)
            answers.append(contentsOf: repeatElement(0, count: 2 * width))
        }
        let bit: UInt64 = 1 << UInt64(id & 63)
        answers[start + id >> 6] |= bit
        if answer { answers[start + width + id >> 6] |= bit }
    }

    /// The number of classes with kept answers (tests).
    var classesAsked: Int { answers.count / (2 * width) }
}
