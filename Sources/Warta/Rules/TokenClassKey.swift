/// A token's CLASS: what a token test may read of a token (`TokenTestRef.matches`) besides the entities
/// of the phase is its word form (the lexeme table's row, which fixes the text, folded text, shape,
/// hashes, form-part bits, the lists starting with it and the regular expressions' answers), its kind
/// and its four flags (`spaceBefore`, `paragraphStart`, `titleLine`, `sentenceStart`). The key is the
/// form's row with the kind and the flags in six bits; see BENCHMARKS.md ("Issue 22, fifth session" for
/// why the key is exact, "sixth session" for the run-wide class table, `LexemeTable.classify`).
enum TokenClassKey {
    /// The flags' bits in `bits(_:)`; bits 0 and 1 hold the kind (the index of `Token.Kind.bit`).
    static let spaceBefore: UInt8 = 4
    static let paragraphStart: UInt8 = 8
    static let titleLine: UInt8 = 16
    static let sentenceStart: UInt8 = 32

    /// The kind and the four flags of a token in six bits.
    @inline(__always) static func bits(
        kind: Token.Kind, spaceBefore s: Bool, paragraphStart p: Bool, titleLine l: Bool, sentenceStart t: Bool
    ) -> UInt8 {
        var bits = UInt8(kind.bit.trailingZeroBitCount)
        if s { bits |= spaceBefore }
        if p { bits |= paragraphStart }
        if l { bits |= titleLine }
        if t { bits |= sentenceStart }
        return bits
    }

    /// The kind's bit (`Token.Kind.bit`) of `bits`.
    @inline(__always) static func kindBit(_ bits: UInt8) -> UInt32 { 1 << UInt32(bits & 3) }

    /// The class key of a form row (not negative) and the kind-and-flags bits.
    @inline(__always) static func key(row: Int32, bits: UInt8) -> Int64 { Int64(row) << 6 | Int64(bits) }
}

/// Class keys (`TokenClassKey.key`) to class numbers, by open addressing; the numbers are given in the
/// order the keys are entered, from 0. Safe code; its owner (`LexemeTable`) reads and writes it under
/// its lock.
struct TokenClassMap {
    private var keys = [Int64](repeating: -1, count: 1024)
    private var numbers = [Int32](repeating: 0, count: 1024)
    private(set) var count = 0

    @inline(__always) private static func slot(_ key: Int64, mask: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// The number of `key` (not negative), nil when it was not entered.
    @inline(__always) func number(of key: Int64) -> Int32? {
        let mask = keys.count - 1
        var i = Self.slot(key, mask: mask)
        while true {
            let k = keys[i]
            if k == key { return numbers[i] }
            if k < 0 { return nil }
            i = (i + 1) & mask
        }
    }

    /// Enters `key` (not entered yet) with the next number; returns the number.
    mutating func insert(_ key: Int64) -> Int32 { insert(key, number: Int32(count)) }

    /// Enters `key` (not entered yet) with `number`; returns it.
    @discardableResult
    mutating func insert(_ key: Int64, number n: Int32) -> Int32 {
        precondition(key >= 0)
        if (count + 1) * 2 > keys.count {
            let oldKeys = keys, oldNumbers = numbers
            keys = [Int64](repeating: -1, count: oldKeys.count * 2)
            numbers = [Int32](repeating: 0, count: oldKeys.count * 2)
            for (i, k) in oldKeys.enumerated() where k >= 0 { place(k, oldNumbers[i]) }
        }
        place(key, n)
        count += 1
        return n
    }

    private mutating func place(_ key: Int64, _ n: Int32) {
        let mask = keys.count - 1
        var i = Self.slot(key, mask: mask)
        while keys[i] >= 0 { i = (i + 1) & mask }
        keys[i] = key
        numbers[i] = n
    }
}

/// Which rules of a phase have their start decided by the token's class (`TokenClassKey`): every start
/// test is `TokenTestRef.decidedByClass`. `PatternMatcher.canStart`'s answer for such a rule at a token
/// that no entity covers and where no entity starts is then a function of the token's class (the answer
/// of its start elements that consume no entity); where an entity covers the token too when no start
/// test reads the covering entity (`readsEntity` false), and where an entity starts too when no start
/// element consumes one (`consumesEntity` false).
enum ClassStartRules {
    static func isDecided(_ pattern: CompiledPattern) -> Bool {
        pattern.startElements.allSatisfy { pattern.elements[$0].testRef.decidedByClass }
    }

    static func consumesEntity(_ pattern: CompiledPattern) -> Bool {
        pattern.startElements.contains { pattern.steps[$0].kind == .entity }
    }

    static func readsEntity(_ pattern: CompiledPattern) -> Bool {
        pattern.startElements.contains { pattern.elements[$0].testRef.readsEntity }
    }
}
