/// What a short ASCII token must be for a rule's regular expression to match it whole, read off the
/// expression once: its length bounds, the characters it may hold, may begin with and may end with. A
/// token that fails one of these cannot match, so the answer is no without a call to ICU (thousands of
/// instructions a call; most tokens asked are words against a number's expression or the reverse).
///
/// Only expressions of a small subset are read: literals, `\d`, `\p{L}`, `\p{Lu}`, `\p{Ll}`, escaped
/// punctuation, `.`, classes of those and of ASCII ranges (not negated), groups (`(` and `(?:`), `|`, and
/// the greedy quantifiers `?`, `*`, `+`, `{m}`, `{m,}`, `{m,n}`; no repeated subexpression holding a
/// repeat or an alternative (star height one), at most `maxRepeats` repeats in all. Anything else has no
/// prefilter (nil). The bounds on the expression and on the token (`maxLength`) keep ICU's backtracking
/// on any token the prefilter answers far below its step limit (`CWARTA_REGEX_TIME_LIMIT`: 10 M steps), so
/// ICU would have answered no, never given up: the answers, and the give-up warnings, are the same.
/// Tokens longer than `maxLength` or not ASCII are always left to ICU.
struct RegexPrefilter: Equatable {
    /// The longest token (in UTF-8 bytes, ASCII only) answered here.
    static let maxLength = 24
    /// The most repeats (quantifiers that allow more than one) an expression may have.
    static let maxRepeats = 2

    /// A set of ASCII characters, bit c of `low` (c < 64) or of `high` (c ≥ 64).
    struct CharSet: Equatable {
        var low: UInt64 = 0
        var high: UInt64 = 0
        static let all = CharSet(low: ~0, high: ~0)
        func contains(_ c: UInt8) -> Bool { c < 64 ? low & (1 << UInt64(c)) != 0 : high & (1 << UInt64(c - 64)) != 0 }
        mutating func insert(_ c: UInt8) {
            if c < 64 { low |= 1 << UInt64(c) } else { high |= 1 << UInt64(c - 64) }
        }
        mutating func insert(_ range: ClosedRange<UInt8>) { for c in range { insert(c) } }
        func union(_ o: CharSet) -> CharSet { CharSet(low: low | o.low, high: high | o.high) }
    }

    /// What an expression (or a part) says of the texts it matches whole.
    struct Summary: Equatable {
        var chars = CharSet()
        var first = CharSet()
        var last = CharSet()
        var minLength = 0
        /// nil: unbounded.
        var maxLength: Int? = 0
        /// Holds a repeat or an alternative (a repeat of it would have star height two).
        var branches = false
        var repeats = 0
        var nullable: Bool { minLength == 0 }
    }

    let summary: Summary

    /// The prefilter of `pattern`, nil when the pattern is outside the subset. A leading `^` and a final
    /// `$` after a closing parenthesis (the rule loader's `^(?:…)$`) are dropped: a whole match is anchored
    /// at both ends anyway, and a token holds no line end.
    init?(_ pattern: String) {
        var bytes = Array(pattern.utf8)
        if bytes.count >= 3, bytes.first == UInt8(ascii: "^"), bytes.last == UInt8(ascii: "$"),
            bytes[bytes.count - 2] == UInt8(ascii: ")")
        {
            bytes = Array(bytes[1..<bytes.count - 1])
        }
        var parser = Parser(bytes)
        guard let s = parser.alternation(), parser.atEnd, s.repeats <= Self.maxRepeats else { return nil }
        summary = s
    }

    /// True when `text` cannot match the expression whole (the answer is no); false when it may (or when
    /// it is longer than `maxLength` or not ASCII: ICU answers).
    func rejects(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count <= Self.maxLength, !bytes.contains(where: { $0 >= 0x80 }) else { return false }
            if bytes.count < summary.minLength { return true }
            if let max = summary.maxLength, bytes.count > max { return true }
            guard let first = bytes.first, let last = bytes.last else { return false }
            if !summary.first.contains(first) || !summary.last.contains(last) { return true }
            return bytes.contains { !summary.chars.contains($0) }
        }
    }

    /// A recursive-descent reader of the subset; every method returns nil outside it.
    private struct Parser {
        let p: [UInt8]
        var i = 0
        init(_ p: [UInt8]) { self.p = p }
        var atEnd: Bool { i == p.count }

        mutating func alternation() -> Summary? {
            guard var s = concatenation() else { return nil }
            while i < p.count, p[i] == UInt8(ascii: "|") {
                i += 1
                guard let t = concatenation() else { return nil }
                s = Summary(
                    chars: s.chars.union(t.chars), first: s.first.union(t.first), last: s.last.union(t.last),
                    minLength: min(s.minLength, t.minLength),
                    maxLength: s.maxLength.flatMap { a in t.maxLength.map { max(a, $0) } }, branches: true,
                    repeats: s.repeats + t.repeats)
            }
            return s
        }

        mutating func concatenation() -> Summary? {
            var s = Summary()
            while i < p.count, p[i] != UInt8(ascii: "|"), p[i] != UInt8(ascii: ")") {
                guard let t = quantified() else { return nil }
                let first = s.nullable ? s.first.union(t.first) : s.first
                let last = t.nullable ? s.last.union(t.last) : t.last
                s = Summary(
                    chars: s.chars.union(t.chars), first: first, last: last, minLength: s.minLength + t.minLength,
                    maxLength: s.maxLength.flatMap { a in t.maxLength.map { a + $0 } },
                    branches: s.branches || t.branches, repeats: s.repeats + t.repeats)
            }
            return s
        }

        mutating func quantified() -> Summary? {
            guard var s = atom() else { return nil }
            guard i < p.count else { return s }
            var low = 1, high: Int? = 1
            switch p[i] {
            case UInt8(ascii: "?"): (low, high) = (0, 1); i += 1
            case UInt8(ascii: "*"): (low, high) = (0, nil); i += 1
            case UInt8(ascii: "+"): (low, high) = (1, nil); i += 1
            case UInt8(ascii: "{"):
                i += 1
                guard let m = number() else { return nil }
                low = m
                high = m
                if i < p.count, p[i] == UInt8(ascii: ",") {
                    i += 1
                    high = number()
                    if let h = high, h < m { return nil }
                }
                guard i < p.count, p[i] == UInt8(ascii: "}") else { return nil }
                i += 1
            default: return s
            }
            // Lazy and possessive forms are left to ICU.
            if i < p.count, p[i] == UInt8(ascii: "?") || p[i] == UInt8(ascii: "+") { return nil }
            let repeats = high.map { $0 > 1 } ?? true
            if repeats && (s.branches || s.repeats > 0) { return nil }
            if high == 0 {
                // `{0}`: matches the empty text only.
                s.chars = CharSet()
                s.first = CharSet()
                s.last = CharSet()
                s.maxLength = 0
            } else if let max = s.maxLength, max == 0 {
                s.maxLength = 0
            } else if let max = s.maxLength, let high {
                s.maxLength = max * high
            } else {
                s.maxLength = nil
            }
            s.minLength *= low
            s.branches = s.branches || low != high
            if repeats { s.repeats += 1 }
            return s
        }

        mutating func number() -> Int? {
            var n = 0, digits = 0
            while i < p.count, p[i] >= UInt8(ascii: "0"), p[i] <= UInt8(ascii: "9"), digits < 4 {
                n = n * 10 + Int(p[i] - UInt8(ascii: "0"))
                i += 1
                digits += 1
            }
            return digits == 0 ? nil : n
        }

        /// One character's summary.
        static func one(_ set: CharSet) -> Summary {
            Summary(chars: set, first: set, last: set, minLength: 1, maxLength: 1)
        }

        mutating func atom() -> Summary? {
            guard i < p.count else { return nil }
            let c = p[i]
            i += 1
            switch c {
            case UInt8(ascii: "("):
                if i < p.count, p[i] == UInt8(ascii: "?") {
                    guard i + 1 < p.count, p[i + 1] == UInt8(ascii: ":") else { return nil }
                    i += 2
                }
                guard let s = alternation(), i < p.count, p[i] == UInt8(ascii: ")") else { return nil }
                i += 1
                return s
            case UInt8(ascii: "["): return charClass().map(Self.one)
            case UInt8(ascii: "\\"): return escape().map(Self.one)
            case UInt8(ascii: "."): return Self.one(.all)
            case UInt8(ascii: ")"), UInt8(ascii: "|"), UInt8(ascii: "?"), UInt8(ascii: "*"), UInt8(ascii: "+"),
                UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: "^"), UInt8(ascii: "$"):
                return nil
            default:
                guard c < 0x80, c >= 0x20 else { return nil }
                var set = CharSet()
                set.insert(c)
                return Self.one(set)
            }
        }

        /// After a backslash: `\d`, `\p{L}`, `\p{Lu}`, `\p{Ll}` or escaped ASCII punctuation.
        mutating func escape() -> CharSet? {
            guard i < p.count else { return nil }
            let c = p[i]
            i += 1
            var set = CharSet()
            switch c {
            case UInt8(ascii: "d"): set.insert(UInt8(ascii: "0")...UInt8(ascii: "9"))
            case UInt8(ascii: "p"):
                for (name, ranges) in [
                    ("{L}", [UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z")]),
                    ("{Lu}", [UInt8(ascii: "A")...UInt8(ascii: "Z")]), ("{Ll}", [UInt8(ascii: "a")...UInt8(ascii: "z")])
                ] {
                    let n = Array(name.utf8)
                    if i + n.count <= p.count, Array(p[i..<i + n.count]) == n {
                        i += n.count
                        for r in ranges { set.insert(r) }
                        return set
                    }
                }
                return nil
            default:
                // Escaped punctuation stands for itself; letters and digits name classes or anchors.
                guard c < 0x80, c > 0x20, !(c >= 0x30 && c <= 0x39), !(c >= 0x41 && c <= 0x5A),
                    !(c >= 0x61 && c <= 0x7A)
                else { return nil }
                set.insert(c)
            }
            return set
        }

        /// After `[`: items up to `]`, not negated, no nested classes or set operations.
        mutating func charClass() -> CharSet? {
            var set = CharSet()
            guard i < p.count, p[i] != UInt8(ascii: "^") else { return nil }
            // `[]` (ICU reads the `]` as a member, other engines as the end) is left to ICU.
            guard i < p.count, p[i] != UInt8(ascii: "]") else { return nil }
            while i < p.count, p[i] != UInt8(ascii: "]") {
                let c = p[i]
                i += 1
                var low: UInt8
                switch c {
                case UInt8(ascii: "\\"):
                    guard let e = escape() else { return nil }
                    // A class escape (more than one character) cannot start a range.
                    if e.low.nonzeroBitCount + e.high.nonzeroBitCount != 1 {
                        set = set.union(e)
                        continue
                    }
                    low = UInt8(e.low != 0 ? e.low.trailingZeroBitCount : 64 + e.high.trailingZeroBitCount)
                case UInt8(ascii: "["), UInt8(ascii: "&"): return nil
                default:
                    guard c < 0x80, c >= 0x20 else { return nil }
                    low = c
                }
                // A range `a-z`; a `-` before `]` is literal.
                if i + 1 < p.count, p[i] == UInt8(ascii: "-"), p[i + 1] != UInt8(ascii: "]") {
                    i += 1
                    let h = p[i]
                    i += 1
                    guard h != UInt8(ascii: "\\"), h != UInt8(ascii: "["), h < 0x80, h >= low else { return nil }
                    set.insert(low...h)
                } else {
                    set.insert(low)
                }
            }
            guard i < p.count else { return nil }
            i += 1
            return set
        }
    }
}
