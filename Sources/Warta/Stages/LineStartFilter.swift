/// The ASCII characters a line may begin with for a whole-line (`line:`) furniture rule to match it,
/// decided once when the rule is loaded, by ICU from the rule's own pattern: for each ASCII unit `c`,
/// the anchored match on the one-character text `c` either succeeds, reads at the end (the outcome
/// depends on what follows), or fails having read only `c`, in which case no line that begins with `c`
/// matches (`ICURegex.prefixMayMatch`). A line that begins with any other character is always tried.
///
/// Most lines of an article begin with a letter that most line rules cannot begin with, and ICU's full
/// match costs a `setText` and a matcher reset even when it fails at the first character (about 2,700
/// instructions a try; BENCHMARKS.md, issue 22, the normalize stage by design); this is one bit test.
struct LineStartFilter: Sendable {
    /// Bit `c` set: a line beginning with ASCII unit `c` may match.
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    init(_ regex: ICURegex) {
        for unit in UInt16(0)..<128 where regex.prefixMayMatch([unit]) {
            if unit < 64 { low |= 1 << UInt64(unit) } else { high |= 1 << UInt64(unit - 64) }
        }
    }

    /// Whether a line whose first UTF-16 unit is `unit` may match (always true past ASCII).
    @inline(__always) func mayStart(with unit: UInt16) -> Bool {
        if unit < 64 { return low & (1 << UInt64(unit)) != 0 }
        if unit < 128 { return high & (1 << UInt64(unit - 64)) != 0 }
        return true
    }
}
