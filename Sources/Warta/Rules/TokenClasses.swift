/// The tokens of one document numbered by CLASS: what a token test may read of a token
/// (`TokenTestRef.matches`) is its word form (the lexeme table's row, which fixes the text, folded
/// text, shape, hashes, form-part bits, the lists starting with it and the regular expressions'
/// answers), its kind, its four flags (`spaceBefore`, `paragraphStart`, `titleLine`, `sentenceStart`)
/// and the type of the smallest entity covering it (`MatchContext.entityCovering`, per phase). Two
/// tokens of one class get the same answer from every test, so an answer found at one token of a class
/// holds at the others (`PhaseStartIndex` keeps its rules' start answers so). See BENCHMARKS.md
/// ("Issue 22, fifth session").
///
/// Numbered per document (no state shared between workers) by open addressing over the (row, kind,
/// flags) keys: at most a few classes per token, so memory is bounded by the document.
struct TokenClasses {
    /// The class of each token without the covering type: dense numbers from 0.
    private let base: [Int32]
    /// The number of (row, kind, flags) classes.
    private let baseCount: Int

    /// `rows`: the lexeme row of each token (`DocumentLexemes.ids`).
    init(view: TokenView, rows: [Int32]) {
        var capacity = 16
        while capacity < view.count * 2 { capacity *= 2 }
        let mask = capacity - 1
        var keys = [Int64](repeating: Int64.min, count: capacity)
        var numbers = [Int32](repeating: 0, count: capacity)
        var classes = [Int32](repeating: 0, count: view.count)
        var count: Int32 = 0
        for t in 0..<view.count {
            let key = Int64(rows[t]) << 8 | Int64(Self.flags(view.features[t]))
            var i = Int(truncatingIfNeeded: (UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
            while keys[i] != key && keys[i] != Int64.min { i = (i + 1) & mask }
            if keys[i] == Int64.min {
                keys[i] = key
                numbers[i] = count
                count += 1
            }
            classes[t] = numbers[i]
        }
        base = classes
        baseCount = Int(count)
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

    /// The number of class numbers (`classOf` is below it).
    var count: Int { baseCount * 9 }

    /// The class of token t when the smallest entity covering it has type `covering` (nil: none): equal
    /// for two tokens exactly when their form, kind, flags and that type are.
    @inline(__always) func classOf(_ t: Int, covering: EntityType?) -> Int {
        Int(base[t]) * 9 + (covering.map { 1 + $0.bit.trailingZeroBitCount } ?? 0)
    }
}
