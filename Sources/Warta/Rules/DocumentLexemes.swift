/// The lexemes of one document's tokens (`LexemeTable.lookUp`): each token's form number, by which its
/// form's rows of the table are read in place, and the regular expressions' answers known for it.
struct DocumentLexemes: Sendable {
    /// Each token's form number in the table; negative when the form was not entered (the table was
    /// full): its bits are then row `-1 - id` of the document's own rows (`addLocalRow`).
    private(set) var ids: [Int32] = []
    /// The forms' list and gazetteer starts (`LexemeTable.attributes`: `listWords` words of list bits,
    /// then a gazetteer mask per slot), and those of the forms not entered.
    let attributes: WordColumn
    let listWords: Int
    private(set) var localAttributes: [UInt64] = []
    /// The regular expressions' answers known for each token's form when the document began.
    private(set) var regexKnown: [UInt64] = []
    private(set) var regexYes: [UInt64] = []
    /// Of those answers, the ones ICU gave up on (`LexemeTable.regexGaveUp`).
    private(set) var regexGaveUp: [UInt64] = []

    /// The table's form-part and start-rule bits by form (`LexemeTable.formAnswers`), row `ids[t]` for
    /// token t; for a token whose form was not entered (`ids[t]` < 0), row `-1 - ids[t]` of the local
    /// ones (`localFormBits`, `localStartRules`: `width` words a row).
    let formBits: WordColumn
    let startRules: WordColumn
    let requirementBits: WordColumn
    /// The phases' automaton element bits (`LexemeTable.elementBits`), and those of forms not entered.
    let elementBits: WordColumn
    private(set) var localElementBits: [UInt64] = []
    private(set) var localFormBits: [UInt64] = []
    private(set) var localStartRules: [UInt64] = []
    private(set) var localRequirementBits: [UInt64] = []
    private var localRows = 0
    /// Each token's class (`LexemeTable.classify`): its row of `classStarts`, -1 when it has none; empty
    /// until the view sets it (the flags are set after the lookup).
    var classes: [Int32] = []
    let classStarts: WordColumn?

    init(
        tokenCount: Int, attributes: WordColumn, listWords: Int, formBits: WordColumn, startRules: WordColumn,
        requirementBits: WordColumn, elementBits: WordColumn, classStarts: WordColumn? = nil
    ) {
        self.elementBits = elementBits
        self.classStarts = classStarts
        self.attributes = attributes
        self.listWords = listWords
        self.formBits = formBits
        self.startRules = startRules
        self.requirementBits = requirementBits
        ids.reserveCapacity(tokenCount)
        regexKnown.reserveCapacity(tokenCount)
        regexYes.reserveCapacity(tokenCount)
        regexGaveUp.reserveCapacity(tokenCount)
    }

    /// Appends a token: its form number and known regular-expression answers.
    @inline(__always)
    mutating func append(id: Int32, known: UInt64, yes: UInt64, gaveUp: UInt64) {
        ids.append(id)
        regexKnown.append(known)
        regexYes.append(yes)
        regexGaveUp.append(gaveUp)
    }

    /// Keeps the rows of a form that was not entered; returns the id that names them (negative).
    mutating func addLocalRow(
        _ bits: [UInt64], _ rules: [UInt64], _ requirements: [UInt64], _ elements: [UInt64], _ attributes: [UInt64]
    ) -> Int {
        localAttributes.append(contentsOf: attributes)
        localElementBits.append(contentsOf: elements)
        localFormBits.append(contentsOf: bits)
        localStartRules.append(contentsOf: rules)
        localRequirementBits.append(contentsOf: requirements)
        localRows += 1
        return -localRows
    }

    /// True when token t's form passes the form part of test `id` (`TokenTestRef.formPartHolds`).
    @inline(__always) func formPartHolds(_ id: Int, at t: Int) -> Bool {
        let row = Int(ids[t])
        if row >= 0 { return formBits.bit(row, id) }
        let w = formBits.width
        return localFormBits[(-1 - row) * w + id >> 6] & (1 << UInt64(id & 63)) != 0
    }

    /// Word `k` of token t's requirement bits (`LexemeTable.requirementBits`).
    @inline(__always) func requirementWord(_ t: Int, _ k: Int) -> UInt64 {
        let row = Int(ids[t])
        if row >= 0 { return requirementBits.word(row, k) }
        return localRequirementBits[(-1 - row) * requirementBits.width + k]
    }

    /// Word `k` of token t's element bits (`LexemeTable.elementBits`).
    @inline(__always) func elementWord(_ t: Int, _ k: Int) -> UInt64 {
        let row = Int(ids[t])
        if row >= 0 { return elementBits.word(row, k) }
        return localElementBits[(-1 - row) * elementBits.width + k]
    }

    /// Word `k` of token t's start-rule bits.
    @inline(__always) func startRuleWord(_ t: Int, _ k: Int) -> UInt64 {
        let row = Int(ids[t])
        if row >= 0 { return startRules.word(row, k) }
        return localStartRules[(-1 - row) * startRules.width + k]
    }

    /// Word `k` of token t's row of `attributes`.
    @inline(__always) func attributeWord(_ t: Int, _ k: Int) -> UInt64 {
        let row = Int(ids[t])
        if row >= 0 { return attributes.word(row, k) }
        return localAttributes[(-1 - row) * attributes.width + k]
    }

    /// The gazetteer start masks of every token for the phase with gazetteer slot `slot`.
    func gazetteerMasks(slot: Int) -> [UInt64] {
        (0..<ids.count).map { attributeWord($0, listWords + slot) }
    }
}
