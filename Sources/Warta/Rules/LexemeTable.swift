import Foundation

/// Everything the rules ask of a word form that depends on the form alone, computed once per run for
/// each distinct form and shared by the workers: its folded text, shape and hashes (`TokenView.Form`),
/// the word lists with an entry starting with it, which gazetteers of each match phase have an entry
/// starting with it, and the answers of the rules' regular expressions (asked when a rule first needs
/// them; answers found in one document are kept for the next).
///
/// News vocabulary repeats: over 2,000 articles nine tokens in ten are forms seen before, so the
/// per-token work of building a view (folding, shape, two hashes), of `MatchContext` (a lookup of the
/// lists starting with each token), of the gazetteer start masks (two lookups per token and phase) and
/// of the regular expressions becomes one lookup of the token's bytes.
///
/// Owned by a `TagStage` (no process-wide state). A document's tokens are looked up under one lock
/// acquisition (`lookUp`); answers found while matching are published at the document's end
/// (`publish`). Bounded: at most `capacity` forms are entered; a form met when the table is full is
/// answered for its document alone, with the same answers.
final class LexemeTable: @unchecked Sendable {
    /// The default number of forms kept (about 100 bytes each).
    static let defaultCapacity = 1 << 16
    /// Regular expressions numbered below this have their answers kept per form.
    static let regexBits = 64

    let capacity: Int
    /// For each phase of the rule set, its slot among the match phases that have gazetteers (-1: none).
    let gazetteerSlot: [Int]
    let gazetteerSlots: Int
    private let listsStartingWith: HashedStringTable<[Int32]>
    private let gazetteerStarts: [GazetteerStarts]

    /// Every stored field below is read and written with `lock` held only; they skip Swift's run-time
    /// exclusivity checks, which cost more than the reads.
    private let lock = NSLock()
    /// Open addressing by the form's `StringSet.hash`: a slot holds the hash and the form's number (-1: empty).
    private struct Slot { var hash: UInt64; var id: Int32 }
    @exclusivity(unchecked) private var slots = [Slot](repeating: Slot(hash: 0, id: -1), count: 1024)
    /// The forms' bytes, those of form k at `keyBytes[keyOffsets[k]..<keyOffsets[k + 1]]`.
    @exclusivity(unchecked) private var keyBytes: [UInt8] = []
    @exclusivity(unchecked) private var keyOffsets: [Int] = [0]
    @exclusivity(unchecked) private var forms: [TokenView.Form] = []
    /// `RuleAttributes` of form k, flat: its lists `lists[listOffsets[k]..<listOffsets[k + 1]]`, its
    /// mask `listMasks[k]`, its gazetteer masks `gazetteerMasks[k * gazetteerSlots ..< (k + 1) * gazetteerSlots]`.
    @exclusivity(unchecked) private var listOffsets: [Int32] = [0]
    @exclusivity(unchecked) private var lists: [Int32] = []
    @exclusivity(unchecked) private var listMasks: [UInt64] = []
    @exclusivity(unchecked) private var gazetteerMasks: [UInt64] = []
    /// The regular expressions' answers per form: bit r of `regexKnown[k]` set when expression r has
    /// been asked of form k, bit r of `regexYes[k]` its answer.
    @exclusivity(unchecked) private var regexKnown: [UInt64] = []
    @exclusivity(unchecked) private var regexYes: [UInt64] = []

    /// What the rules' word lists and gazetteers say of a form.
    struct RuleAttributes {
        /// The lists with an entry starting with the folded form.
        var lists: [Int32]
        /// The same for lists 0..<64 as a mask.
        var listMask: UInt64
        /// Per gazetteer slot, the mask of `GazetteerStarts`.
        var gazetteerMasks: [UInt64]
    }

    init(rules: RuleSet, gazetteerStarts: [GazetteerStarts?], capacity: Int = LexemeTable.defaultCapacity) {
        self.capacity = capacity
        listsStartingWith = rules.listsStartingWith
        var slot: [Int] = []
        var starts: [GazetteerStarts] = []
        for (p, g) in gazetteerStarts.enumerated() {
            if let g, case .match(_, let gazetteers, _) = rules.phases[p], !gazetteers.isEmpty {
                slot.append(starts.count)
                starts.append(g)
            } else {
                slot.append(-1)
            }
        }
        gazetteerSlot = slot
        gazetteerSlots = starts.count
        self.gazetteerStarts = starts
    }

    /// The number of forms entered.
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return forms.count
    }

    private func ruleAttributes(_ form: TokenView.Form) -> RuleAttributes {
        let lists = listsStartingWith.value(form.folded, hash: form.foldedHash, isASCII: form.isASCII) ?? []
        var mask: UInt64 = 0
        for l in lists where l < 64 { mask |= 1 << UInt64(l) }
        return RuleAttributes(lists: lists, listMask: mask,
                              gazetteerMasks: gazetteerStarts.map { $0.mask(form.text, form.folded, textHash: form.textHash,
                                                                          foldedHash: form.foldedHash, isASCII: form.isASCII) })
    }

    /// Looks every token of a document up, entering the forms not seen yet, and calls `body` with each
    /// token's index and form in token order.
    func lookUp(_ tokens: [Token], in text: UnsafeBufferPointer<UInt8>, _ body: (Int, TokenView.Form) -> Void) -> DocumentLexemes {
        var lexemes = DocumentLexemes(tokenCount: tokens.count, gazetteerSlots: gazetteerSlots)
        lock.lock()
        defer { lock.unlock() }
        for (i, t) in tokens.enumerated() {
            let bytes = UnsafeBufferPointer(rebasing: text[t.range.start..<t.range.end])
            let hash = StringSet.hash(bytes)
            if let id = find(bytes, hash: hash) {
                forms.withUnsafeBufferPointer { body(i, $0[id]) }
                lexemes.append(id: Int32(id), lists: lists, Int(listOffsets[id])..<Int(listOffsets[id + 1]), mask: listMasks[id],
                               gazetteerMasks: gazetteerMasks, id * gazetteerSlots..<(id + 1) * gazetteerSlots,
                               known: regexKnown[id], yes: regexYes[id])
                continue
            }
            let form = TokenView.Form(bytes, hash: hash)
            let attributes = ruleAttributes(form)
            body(i, form)
            let id = forms.count < capacity ? insert(bytes, hash: hash, form, attributes) : -1
            lexemes.append(id: Int32(id), lists: attributes.lists, attributes.lists.indices, mask: attributes.listMask,
                           gazetteerMasks: attributes.gazetteerMasks, attributes.gazetteerMasks.indices, known: 0, yes: 0)
        }
        return lexemes
    }

    /// Keeps the regular expressions' answers a document found (`MatchContext.regexKnown`/`regexYes`,
    /// per token) with the tokens' forms.
    func publish(_ lexemes: DocumentLexemes, known: [UInt64], yes: [UInt64]) {
        lock.lock()
        defer { lock.unlock() }
        for (t, id) in lexemes.ids.enumerated() where id >= 0 && known[t] & ~regexKnown[Int(id)] != 0 {
            let new = known[t] & ~regexKnown[Int(id)]
            regexKnown[Int(id)] |= new
            regexYes[Int(id)] |= yes[t] & new
        }
    }

    private func find(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[i]
            if slot.id < 0 { return nil }
            if slot.hash == hash {
                let id = Int(slot.id)
                let start = keyOffsets[id], end = keyOffsets[id + 1]
                if end - start == bytes.count && keyBytes.withUnsafeBufferPointer({ key in
                    bytes.isEmpty || memcmp(key.baseAddress! + start, bytes.baseAddress!, bytes.count) == 0
                }) {
                    return id
                }
            }
            i = (i + 1) & mask
        }
    }

    private func insert(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64, _ form: TokenView.Form, _ attributes: RuleAttributes) -> Int {
        if (forms.count + 1) * 2 > slots.count {
            let old = slots
            slots = [Slot](repeating: Slot(hash: 0, id: -1), count: old.count * 2)
            for s in old where s.id >= 0 { place(s) }
        }
        let id = forms.count
        place(Slot(hash: hash, id: Int32(id)))
        keyBytes.append(contentsOf: bytes)
        keyOffsets.append(keyBytes.count)
        forms.append(form)
        lists.append(contentsOf: attributes.lists)
        listOffsets.append(Int32(lists.count))
        listMasks.append(attributes.listMask)
        gazetteerMasks.append(contentsOf: attributes.gazetteerMasks)
        regexKnown.append(0)
        regexYes.append(0)
        return id
    }

    private func place(_ slot: Slot) {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: slot.hash) & mask
        while slots[i].id >= 0 { i = (i + 1) & mask }
        slots[i] = slot
    }
}

/// The lexemes of one document's tokens (`LexemeTable.lookUp`), as flat arrays by token.
struct DocumentLexemes: Sendable {
    /// Each token's form number in the table (-1: not entered, the table was full).
    private(set) var ids: [Int32] = []
    /// The lists with an entry starting with token t: `lists[listOffsets[t]..<listOffsets[t + 1]]`.
    private(set) var listOffsets: [Int32] = [0]
    private(set) var lists: [Int32] = []
    private(set) var listMasks: [UInt64] = []
    /// `gazetteerMasks[t * gazetteerSlots + slot]`.
    private(set) var gazetteerMasks: [UInt64] = []
    let gazetteerSlots: Int
    /// The regular expressions' answers known for each token's form when the document began.
    private(set) var regexKnown: [UInt64] = []
    private(set) var regexYes: [UInt64] = []

    init(tokenCount: Int, gazetteerSlots: Int) {
        self.gazetteerSlots = gazetteerSlots
        ids.reserveCapacity(tokenCount)
        listOffsets.reserveCapacity(tokenCount + 1)
        listMasks.reserveCapacity(tokenCount)
        gazetteerMasks.reserveCapacity(tokenCount * gazetteerSlots)
        regexKnown.reserveCapacity(tokenCount)
        regexYes.reserveCapacity(tokenCount)
    }

    /// Appends a token: its form number, its lists (`lists[listRange]`), list mask, gazetteer masks
    /// (`gazetteerMasks[gazetteerRange]`) and known regular-expression answers.
    @inline(__always)
    mutating func append(id: Int32, lists: [Int32], _ listRange: Range<Int>, mask: UInt64,
                         gazetteerMasks: [UInt64], _ gazetteerRange: Range<Int>, known: UInt64, yes: UInt64) {
        ids.append(id)
        for k in listRange { self.lists.append(lists[k]) } // mostly none
        listOffsets.append(Int32(self.lists.count))
        listMasks.append(mask)
        for k in gazetteerRange { self.gazetteerMasks.append(gazetteerMasks[k]) }
        regexKnown.append(known)
        regexYes.append(yes)
    }

    /// The gazetteer start masks of every token for the phase with gazetteer slot `slot`.
    func gazetteerMasks(slot: Int) -> [UInt64] {
        (0..<ids.count).map { gazetteerMasks[$0 * gazetteerSlots + slot] }
    }
}
