/// For a new word form, which rules of each phase can start with it (its start-rule bits, `LexemeTable`),
/// computed from its form-part bits in one pass over the bits that are set, not by asking every start
/// element of every rule.
///
/// A rule's start element passes a form when the form passes the form part of the element's test (bit
/// `formID` of the form's form-part bits; an element without a test number always passes) and, for an
/// `in:` consumer, its list may start with the form. Elements without a list are filed by test number
/// (a sparse row of rule bits each); those whose test holds for every form, or that have no number,
/// are OR-ed into one row; the few `in:` consumers are asked one by one. Same bits as asking each
/// element: bits are only OR-ed, so the order does not matter.
struct StartRuleIndex: Sendable {
    /// Words of start-rule bits per form.
    let width: Int
    /// The rule bits set for every form.
    private let always: [UInt64]
    /// Test number f's rule bits: words `wordIndex[k]` OR-ed with `wordBits[k]` for k in
    /// `offsets[f]..<offsets[f + 1]`.
    private let offsets: [Int32]
    private let wordIndex: [Int32]
    private let wordBits: [UInt64]
    /// The form-part bits of tests that hold for every form (`LexemeTable.alwaysBits`): not looked up.
    private let alwaysTests: [UInt64]
    /// `in:` consumers: (word, bit) of the rule, the test number (-1: none) and the list.
    private let listElements: [(word: Int32, bit: UInt64, formID: Int32, list: Int32)]

    /// `elements[p]`: the start elements of phase p's rules that are not `entity:` consumers, (rule,
    /// test number, list of an `in:` consumer or -1); `wordOffset[p]`: where phase p's rule bits begin
    /// (in words); `alwaysTests`: the tests that hold for every form; `testCount`: the number of tests.
    init(
        elements: [[(rule: Int, formID: Int, list: Int)]], wordOffset: [Int], width: Int, alwaysTests: [UInt64],
        testCount: Int
    ) {
        self.width = width
        self.alwaysTests = alwaysTests
        var always = [UInt64](repeating: 0, count: width)
        var byTest = [[Int: UInt64]](repeating: [:], count: testCount)
        var lists: [(word: Int32, bit: UInt64, formID: Int32, list: Int32)] = []
        for (p, phaseElements) in elements.enumerated() {
            for e in phaseElements {
                let word = wordOffset[p] + e.rule >> 6, bit: UInt64 = 1 << UInt64(e.rule & 63)
                if e.list >= 0 {
                    lists.append((Int32(word), bit, Int32(e.formID), Int32(e.list)))
                } else if e.formID < 0 || alwaysTests[e.formID >> 6] & (1 << UInt64(e.formID & 63)) != 0 {
                    always[word] |= bit
                } else {
                    byTest[e.formID][word, default: 0] |= bit
                }
            }
        }
        var offsets: [Int32] = [0], words: [Int32] = [], bits: [UInt64] = []
        for row in byTest {
            for (w, b) in row.sorted(by: { $0.key < $1.key }) {
                words.append(Int32(w))
                bits.append(b)
            }
            offsets.append(Int32(words.count))
        }
        self.always = always
        self.offsets = offsets
        wordIndex = words
        wordBits = bits
        listElements = lists
    }

    /// Appends the start-rule bits of a form to `rules`: `formBits[bitsBase...]` are its form-part
    /// bits, `mayStart(l)` says whether list l may have an entry starting with it.
    func append(
        to rules: inout [UInt64], formBits: [UInt64], bitsBase: Int, mayStart: (Int) -> Bool
    ) {
        let base = rules.count
        rules.append(contentsOf: always)
        for w in alwaysTests.indices {
            var set = formBits[bitsBase + w] & ~alwaysTests[w]
            while set != 0 {
                let f = w << 6 | set.trailingZeroBitCount
                set &= set - 1
                for k in Int(offsets[f])..<Int(offsets[f + 1]) { rules[base + Int(wordIndex[k])] |= wordBits[k] }
            }
        }
        for e in listElements {
            let f = Int(e.formID)
            let passes = f < 0 || formBits[bitsBase + f >> 6] & (1 << UInt64(f & 63)) != 0
            if passes && mayStart(Int(e.list)) { rules[base + Int(e.word)] |= e.bit }
        }
    }
}
