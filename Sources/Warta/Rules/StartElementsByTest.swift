/// The start elements of a rule set's match phases (those that consume no entity), filed by the number of
/// their token test (`TokenTestRef.formID`), for the `LexemeTable`'s start-rule bits of a new form.
///
/// A form's start-rule bit of a rule is set when some start element of the rule passes its form part (the
/// form's bit of the element's test) and, for an `in:` consumer, the list may start with the form. Asked
/// element by element, a new form visited every start element of every phase (thousands); filed by test,
/// it visits only the elements of the tests whose form part it passes (their bits, ascending) and those
/// without a test number (which pass every form part). The bits set are the same: a bit is an OR over
/// elements, so their order does not matter.
struct StartElementsByTest {
    /// One start element: the word and bit of its rule among a form's start-rule words, its test's
    /// number (-1: none, it passes every form part) and the list of an `in:` consumer (-1: none).
    struct Element {
        var word: Int
        var bit: UInt64
        var formID: Int
        var list: Int
    }

    /// The elements of test f: `filed[offsets[f]..<offsets[f + 1]]`, in the order given.
    private let offsets: [Int32]
    private let filed: [(word: Int32, list: Int32, bit: UInt64)]
    /// The elements without a test number.
    private let unnumbered: [(word: Int32, list: Int32, bit: UInt64)]

    /// Files `elements` by test number, for tests numbered `0..<testCount`. An element whose number is
    /// `testCount` or more never passes (no form has its bit), so it is left out.
    init(_ elements: [Element], testCount: Int) {
        var counts = [Int32](repeating: 0, count: testCount + 1)
        for e in elements where e.formID >= 0 && e.formID < testCount { counts[e.formID + 1] += 1 }
        for f in 0..<testCount { counts[f + 1] += counts[f] }
        var next = counts
        var filed = [(word: Int32, list: Int32, bit: UInt64)](repeating: (0, -1, 0), count: Int(counts[testCount]))
        var unnumbered: [(word: Int32, list: Int32, bit: UInt64)] = []
        for e in elements {
            let entry = (word: Int32(e.word), list: Int32(e.list), bit: e.bit)
            if e.formID < 0 {
                unnumbered.append(entry)
            } else if e.formID < testCount {
                filed[Int(next[e.formID])] = entry
                next[e.formID] += 1
            }
        }
        offsets = counts
        self.filed = filed
        self.unnumbered = unnumbered
    }

    /// Calls `body(word, bit)` for every element that passes for a form whose form-part bits are
    /// `formBits[base..<base + words]` (bit f of word f / 64: the form passes test f's form part) and whose
    /// lists are answered by `mayStart`: its test's bit is set (or it has no number) and it consumes no
    /// list or `mayStart` of its list holds.
    @inline(__always)
    func forEachPassing(
        formBits: [UInt64], base: Int, words: Int, mayStart: (Int) -> Bool, _ body: (Int, UInt64) -> Void
    ) {
        for e in unnumbered where e.list < 0 || mayStart(Int(e.list)) { body(Int(e.word), e.bit) }
        let tests = offsets.count - 1
        for w in 0..<words {
            var set = formBits[base + w]
            while set != 0 {
                let f = w << 6 | set.trailingZeroBitCount
                set &= set - 1
                guard f < tests else { break }
                for k in Int(offsets[f])..<Int(offsets[f + 1]) {
                    let e = filed[k]
                    if e.list < 0 || mayStart(Int(e.list)) { body(Int(e.word), e.bit) }
                }
            }
        }
    }
}
