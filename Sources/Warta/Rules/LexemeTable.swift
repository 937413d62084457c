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
    /// The rule set's token tests by `formID` (nil: none with that number; its bit is never asked)
    /// and lists, for the tests' form parts.
    /// The distinct form parts among them (tests with the same shapes, `text`, `lower` and lists share
    /// one), each with a test that has it, its shape mask and the numbers of its tests
    /// (`groupIDs[groupOffsets[g]..<groupOffsets[g + 1]]`): a new form is asked each once. Tests without
    /// a form part hold for every form (`alwaysBits`).
    private let groups: [(test: Unmanaged<TokenTestRef>, shapes: UInt32)]
    private let groupOffsets: [Int]
    private let groupIDs: [Int]
    private let alwaysBits: [UInt64]
    /// The groups to ask of an ASCII form: those whose `text` (or, without one, `lower`) set holds only
    /// ASCII words are asked only of a form found in it (`groupsByText`, `groupsByFolded`: an ASCII
    /// token equals such a word exactly when the bytes are equal), the others (`scannedGroups`) of every
    /// form. A form that is not ASCII is asked every group.
    private let groupsByText: HashedStringTable<[Int32]>
    private let groupsByFolded: HashedStringTable<[Int32]>
    private let scannedGroups: [Int32]
    /// Keeps the tests of `groups` alive (the rule set holds them too).
    private let formTests: [TokenTestRef?]
    private let tries: [TokenTrie<Bool>]
    /// Words of form-part bits per form.
    let formWords: Int
    /// For each phase, where its rules' start bits begin among a form's start-rule words (in words),
    /// and the start elements of its rules that are not `entity:` consumers: (rule, test number, list
    /// of an `in:` consumer or -1). Bit r of a phase's words is set for a form when some such start
    /// element of rule r passes its form part (and, for a list consumer, the list may start with it).
    let ruleWordOffset: [Int]
    let ruleWords: Int
    private let startElements: [[(rule: Int, formID: Int, list: Int)]]
    /// For each phase, where its automaton's element bits (`PhaseAutomaton`) begin among a form's
    /// element words (in words), and the phase's elements, numbered as the automaton numbers them:
    /// (test number, list of an `in:` consumer or -1). Bit e of a phase's words is set for a form when
    /// element e passes its form part (and, for a list consumer, the list may start with the form).
    let elementWordOffset: [Int]
    let elementWords: Int
    /// The element bits by test number: a form's element row is `alwaysElementBits`, OR-ed for each
    /// test number f whose form part the form passes with the words `elementWordIndex[k]`,
    /// `elementWordBits[k]` for k in `elementOffsets[f]..<elementOffsets[f + 1]` (its elements), and
    /// for each list l the form cannot start, AND-ed with the complement of its `in:` consumers
    /// (`listElementWords[listElementOffsets[l]...]`, same layout).
    private let alwaysElementBits: [UInt64]
    private let elementOffsets: [Int32]
    private let elementWordIndex: [Int32]
    private let elementWordBits: [UInt64]
    private let listElementOffsets: [Int32]
    private let listElementWordIndex: [Int32]
    private let listElementWordBits: [UInt64]

    /// Every stored field below is read and written with `lock` held only; they skip Swift's run-time
    /// exclusivity checks, which cost more than the reads.
    private let lock = NSLock()
    /// The forms by their bytes (`ByteKeyIndex`): form k of the index is `forms[k]`.
    @exclusivity(unchecked) private var index = ByteKeyIndex()
    @exclusivity(unchecked) private var forms: [TokenView.Form] = []
    /// The regular expressions' answers per form: bit r of `regexKnown[k]` set when expression r has
    /// been asked of form k, bit r of `regexYes[k]` its answer, bit r of `regexGaveUp[k]` set when ICU
    /// gave up at its match limit (the answer is then no, and every document meeting the form reports it).
    @exclusivity(unchecked) private var regexKnown: [UInt64] = []
    @exclusivity(unchecked) private var regexYes: [UInt64] = []
    @exclusivity(unchecked) private var regexGaveUp: [UInt64] = []
    /// Form k's form-part bits (row k of `formBits`) and start-rule bits (row k of `startRules`):
    /// written when the form is entered, then read by the workers in place, without the lock.
    let formBits: WordColumn
    let startRules: WordColumn
    /// Form k's requirement bits (row k): bit j set when the form holds the word key of requirement j
    /// of `RuleRequirements` (`RuleRequirements.wordsHeld`).
    let requirementBits: WordColumn
    /// Form k's element bits (row k), for the phases' automata.
    let elementBits: WordColumn
    /// Form k's list and gazetteer starts (row k, `attributeRow`): `listWords` words with bit l set when
    /// list l has an entry starting with the folded form, then per gazetteer slot the mask of
    /// `GazetteerStarts`. Read by the documents in place, by the token's form number.
    let attributes: WordColumn
    let listWords: Int
    private let requirements: RuleRequirements?
    /// The run-wide class table (`classify`): per class of token (`TokenClassKey`: form row, kind, four
    /// flags), a row laid out as `startRules` (the phases' rule bits, `ruleWordOffset`) holding, for the
    /// rules whose start the class decides (`ClassStartRules.isDecided`, bits `decidedRules`), whether
    /// `PatternMatcher.canStart` holds at a token of the class that no entity covers and where none starts
    /// (one of the start elements that consume no entity passes), and for the other rules the form's
    /// start-rule bits. Rows are written when a class is first met, under the lock, and
    /// read in place by the workers (`WordColumn`). At most `classCapacity` classes; a token of a class
    /// met when the table is full has none (its start filter is that of the form's bits).
    let classCapacity: Int
    @exclusivity(unchecked) private var classMap = TokenClassMap()
    let classStarts: WordColumn
    let decidedRules: [UInt64]
    /// The start elements of the decided rules: the word and bit of their rule in a row, the test's number,
    /// the list of an `in:` consumer (-1: none), the step's shape and kind masks, the test.
    private let classElements:
        [(word: Int, bit: UInt64, formID: Int, list: Int, shapes: UInt32, kinds: UInt32, test: Unmanaged<TokenTestRef>)]
    /// The elements of the rule with bit g of a row (word g / 64): `classElements[classElementStarts[g]..<
    /// classElementStarts[g + 1]]`, in the rule's order of start elements.
    private let classElementStarts: [Int32]
    @exclusivity(unchecked) private var scratchClassRow: [UInt64] = []
    /// Scratch rows for `formAnswers`.
    @exclusivity(unchecked) private var scratchBits: [UInt64] = []
    @exclusivity(unchecked) private var scratchElements: [UInt64] = []
    @exclusivity(unchecked) private var scratchRules: [UInt64] = []
    @exclusivity(unchecked) private var scratchRequirements: [UInt64] = []

    /// What the rules' word lists and gazetteers say of a form.
    struct RuleAttributes {
        /// The lists with an entry starting with the folded form.
        var lists: [Int32]
        /// The same for lists 0..<64 as a mask.
        var listMask: UInt64
        /// Per gazetteer slot, the mask of `GazetteerStarts`.
        var gazetteerMasks: [UInt64]
    }

    /// `requirements`: those of the tag stage's rules, whose word keys are answered per form (nil: not).
    /// `elementBits`: keep the phases' automaton element bits per form (false: `elementWords` is 0).
    // Long: fills every column of the table from the rules in one pass; each is a `let` that must be set in `init`.
    init(
        rules: RuleSet, gazetteerStarts: [GazetteerStarts?], requirements: RuleRequirements? = nil,
        capacity: Int = LexemeTable.defaultCapacity, elementBits withElementBits: Bool = true,
        classCapacity: Int? = nil
    ) {
        self.capacity = capacity
        self.classCapacity = classCapacity ?? 2 * capacity
        var decided: [(word: Int, bit: UInt64)] = []
        var classElements:
            [(
                word: Int, bit: UInt64, formID: Int, list: Int, shapes: UInt32, kinds: UInt32,
                test: Unmanaged<TokenTestRef>
            )] =
                []
        self.requirements = requirements
        requirementBits = WordColumn(
            capacity: capacity, width: requirements.map { ($0.requirementCount + 63) / 64 } ?? 0)
        listsStartingWith = rules.listsStartingWith
        listWords = max(1, (rules.lists.count + 63) / 64)
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
        tries = rules.lists
        var tests = [TokenTestRef?](repeating: nil, count: rules.formTestCount)
        func keep(_ t: TokenTestRef) { if t.formID >= 0 && t.formID < tests.count { tests[t.formID] = t } }
        var offsets: [Int] = []
        var words = 0
        var elements: [[(rule: Int, formID: Int, list: Int)]] = []
        var allElements: [[(formID: Int, list: Int)]] = []
        var elementOffsets: [Int] = []
        var elementWords = 0
        for phase in rules.phases {
            offsets.append(words)
            elementOffsets.append(elementWords)
            guard case .match(_, _, let phaseRules) = phase else {
                elements.append([]); allElements.append([]); continue
            }
            var all: [(formID: Int, list: Int)] = []
            for rule in phaseRules where withElementBits {
                for (e, element) in rule.pattern.elements.enumerated() {
                    let step = rule.pattern.steps[e]
                    all.append((element.testRef.formID, step.kind == .listEntry ? step.list : -1))
                }
            }
            allElements.append(all)
            if withElementBits { elementWords += max(1, (all.count + 63) / 64) }
            var phaseElements: [(rule: Int, formID: Int, list: Int)] = []
            for (r, rule) in phaseRules.enumerated() {
                if ClassStartRules.isDecided(rule.pattern) {
                    let word = words + r >> 6, bit: UInt64 = 1 << UInt64(r & 63)
                    decided.append((word, bit))
                    for e in rule.pattern.startElements where rule.pattern.steps[e].kind != .entity {
                        let step = rule.pattern.steps[e]
                        classElements.append(
                            (
                                word, bit, rule.pattern.elements[e].testRef.formID,
                                step.kind == .listEntry ? step.list : -1,
                                step.shapes, step.kinds, step.test
                            ))
                    }
                }
                rule.pattern.elements.forEach { keep($0.testRef) }
                rule.pattern.context.refs.forEach(keep)
                for e in rule.pattern.startElements {
                    let step = rule.pattern.steps[e]
                    guard step.kind != .entity else { continue }
                    phaseElements.append(
                        (r, rule.pattern.elements[e].testRef.formID, step.kind == .listEntry ? step.list : -1))
                }
            }
            elements.append(phaseElements)
            words += (phaseRules.count + 63) / 64
        }
        for g in rules.gazetteers { g.context.refs.forEach(keep) }
        formTests = tests
        formWords = (tests.count + 63) / 64
        struct FormPart: Hashable {
            var shapes: Set<TokenView.Shape>?, text: Set<String>?, lower: Set<String>?, inList: [Int], notIn: [Int]
        }
        var groupOf: [FormPart: Int] = [:]
        var members: [[Int]] = []
        var groups: [(test: Unmanaged<TokenTestRef>, shapes: UInt32)] = []
        var always = [UInt64](repeating: 0, count: formWords)
        for case let test? in tests {
            let t = test.test
            let part = FormPart(shapes: t.shapes, text: t.text, lower: t.lower, inList: t.inList, notIn: t.notIn)
            if part.shapes == nil && part.text == nil && part.lower == nil && part.inList.isEmpty && part.notIn.isEmpty
            {
                always[test.formID >> 6] |= 1 << UInt64(test.formID & 63)
                continue
            }
            if let g = groupOf[part] { members[g].append(test.formID); continue }
            groupOf[part] = groups.count
            groups.append((Unmanaged.passUnretained(test), test.shapeMask))
            members.append([test.formID])
        }
        var byText: [String: [Int32]] = [:], byFolded: [String: [Int32]] = [:]
        var scanned: [Int32] = []
        for (g, group) in groups.enumerated() {
            let t = group.test.takeUnretainedValue().test
            if let words = t.text, WordKeys.canKey(words) {
                for w in words { byText[w, default: []].append(Int32(g)) }
            } else if t.text == nil, let words = t.lower, WordKeys.canKey(words) {
                for w in words { byFolded[w, default: []].append(Int32(g)) }
            } else {
                scanned.append(Int32(g))
            }
        }
        groupsByText = HashedStringTable(byText)
        groupsByFolded = HashedStringTable(byFolded)
        scannedGroups = scanned
        self.groups = groups
        groupOffsets = members.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        groupIDs = members.flatMap { $0 }
        alwaysBits = always
        ruleWordOffset = offsets
        ruleWords = words
        startElements = elements
        elementWordOffset = elementOffsets
        self.elementWords = elementWords
        // Element bits grouped by test number and by list (sparse rows: (word, bits) pairs).
        var alwaysElements = [UInt64](repeating: 0, count: elementWords)
        var byForm = [[Int: UInt64]](repeating: [:], count: tests.count)
        var byList = [[Int: UInt64]](repeating: [:], count: rules.lists.count)
        for (p, elements) in allElements.enumerated() {
            for (k, e) in elements.enumerated() {
                let word = elementOffsets[p] + k >> 6, bit: UInt64 = 1 << UInt64(k & 63)
                if e.formID < 0 || e.formID >= tests.count {
                    alwaysElements[word] |= bit
                } else {
                    byForm[e.formID][word, default: 0] |= bit
                }
                if e.list >= 0 { byList[e.list][word, default: 0] |= bit }
            }
        }
        func flatten(_ groups: [[Int: UInt64]]) -> (offsets: [Int32], words: [Int32], bits: [UInt64]) {
            var offsets: [Int32] = [0], words: [Int32] = [], bits: [UInt64] = []
            for g in groups {
                for (w, b) in g.sorted(by: { $0.key < $1.key }) { words.append(Int32(w)); bits.append(b) }
                offsets.append(Int32(words.count))
            }
            return (offsets, words, bits)
        }
        let byFormFlat = flatten(byForm), listed = flatten(byList)
        alwaysElementBits = alwaysElements
        self.elementOffsets = byFormFlat.offsets
        elementWordIndex = byFormFlat.words
        elementWordBits = byFormFlat.bits
        listElementOffsets = listed.offsets
        listElementWordIndex = listed.words
        listElementWordBits = listed.bits
        elementBits = WordColumn(capacity: capacity, width: elementWords)
        attributes = WordColumn(capacity: capacity, width: listWords + gazetteerSlots)
        formBits = WordColumn(capacity: capacity, width: (tests.count + 63) / 64)
        startRules = WordColumn(capacity: capacity, width: words)
        classStarts = WordColumn(capacity: self.classCapacity, width: words)
        decidedRules = decided.reduce(into: [UInt64](repeating: 0, count: words)) { $0[$1.word] |= $1.bit }
        self.classElements = classElements
        // Elements are appended rule by rule, in the order of the rules' bits (word * 64 + bit).
        var elementStarts = [Int32](repeating: 0, count: words * 64 + 1)
        for e in classElements { elementStarts[e.word * 64 + e.bit.trailingZeroBitCount + 1] += 1 }
        for g in 0..<words * 64 { elementStarts[g + 1] += elementStarts[g] }
        classElementStarts = elementStarts
    }

    /// The form-part bits of a form (`TokenTestRef.formPartHolds` of every test) and its start-rule
    /// bits, appended to `bits` and `rules`.
    // Long: the per-form answers of every test and start rule, written into four rows in one pass (a new form's
    // cost, profiled in BENCHMARKS.md).
    private func formAnswers(
        _ form: TokenView.Form, _ attributes: RuleAttributes, bits: inout [UInt64], rules: inout [UInt64],
        requirementRow: inout [UInt64], elementRow: inout [UInt64]
    ) {
        let requirementBase = requirementRow.count
        requirementRow.append(contentsOf: repeatElement(0, count: requirementBits.width))
        requirements?.forEachWordKeyHeld(form, lists: attributes.lists) { j in
            requirementRow[requirementBase + Int(j) >> 6] |= 1 << UInt64(Int(j) & 63)
        }
        let base = bits.count, ruleBase = rules.count
        bits.append(contentsOf: alwaysBits)
        rules.append(contentsOf: repeatElement(0, count: ruleWords))
        let mask = attributes.listMask, lists = attributes.lists
        let mayStart = { (l: Int) -> Bool in l < 64 ? mask & (1 << UInt64(l)) != 0 : lists.contains(Int32(l)) }
        let shapeBit = form.shape.bit
        func ask(_ g: Int) {
            guard groups[g].shapes & shapeBit != 0 else { return }
            let holds = groups[g].test._withUnsafeGuaranteedRef {
                $0.formPartHolds(
                    text: form.text, folded: form.folded, shape: form.shape, textHash: form.textHash,
                    foldedHash: form.foldedHash, isASCII: form.isASCII, listMask: mask, mayStart: mayStart, tries: tries
                )
            }
            guard holds else { return }
            for k in groupOffsets[g]..<groupOffsets[g + 1] {
                let id = groupIDs[k]
                bits[base + id >> 6] |= 1 << UInt64(id & 63)
            }
        }
        if form.isASCII {
            for g in scannedGroups { ask(Int(g)) }
            for g in groupsByText.value(form.text, hash: form.textHash, isASCII: true) ?? [] { ask(Int(g)) }
            for g in groupsByFolded.value(form.folded, hash: form.foldedHash, isASCII: true) ?? [] { ask(Int(g)) }
        } else {
            for g in groups.indices { ask(g) }
        }
        for (p, elements) in startElements.enumerated() {
            for e in elements {
                let passes = e.formID < 0 || bits[base + e.formID >> 6] & (1 << UInt64(e.formID & 63)) != 0
                guard passes, e.list < 0 || mayStart(e.list) else { continue }
                rules[ruleBase + ruleWordOffset[p] + e.rule >> 6] |= 1 << UInt64(e.rule & 63)
            }
        }
        guard elementWords > 0 else { return }
        let elementBase = elementRow.count
        elementRow.append(contentsOf: alwaysElementBits)
        for w in 0..<formWords {
            var set = bits[base + w]
            while set != 0 {
                let f = w << 6 | set.trailingZeroBitCount
                set &= set - 1
                for k in Int(elementOffsets[f])..<Int(elementOffsets[f + 1]) {
                    elementRow[elementBase + Int(elementWordIndex[k])] |= elementWordBits[k]
                }
            }
        }
        for l in 0..<listElementOffsets.count - 1
        where listElementOffsets[l] != listElementOffsets[l + 1] && !mayStart(l) {
            for k in Int(listElementOffsets[l])..<Int(listElementOffsets[l + 1]) {
                elementRow[elementBase + Int(listElementWordIndex[k])] &= ~listElementWordBits[k]
            }
        }
    }

    /// The number of forms entered.
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return forms.count
    }

    /// The row of `attributes` of a form with these attributes.
    private func attributeRow(_ attributes: RuleAttributes) -> [UInt64] {
        var row = [UInt64](repeating: 0, count: listWords + gazetteerSlots)
        for l in attributes.lists { row[Int(l) >> 6] |= 1 << UInt64(Int(l) & 63) }
        for (k, mask) in attributes.gazetteerMasks.enumerated() { row[listWords + k] = mask }
        return row
    }

    private func ruleAttributes(_ form: TokenView.Form) -> RuleAttributes {
        let lists = listsStartingWith.value(form.folded, hash: form.foldedHash, isASCII: form.isASCII) ?? []
        var mask: UInt64 = 0
        for l in lists where l < 64 { mask |= 1 << UInt64(l) }
        return RuleAttributes(
            lists: lists, listMask: mask,
            gazetteerMasks: gazetteerStarts.map {
                $0.mask(
                    form.text, form.folded, textHash: form.textHash,
                    foldedHash: form.foldedHash, isASCII: form.isASCII)
            })
    }

    /// Looks every token of a document up, entering the forms not seen yet, and appends each token's
    /// features (`TokenView.Features`, from its form) to `features`, in token order.
    func lookUp(_ tokens: [Token], in text: UnsafeBufferPointer<UInt8>, features: inout [TokenView.Features])
        -> DocumentLexemes
    {
        var lexemes = DocumentLexemes(
            tokenCount: tokens.count, attributes: attributes, listWords: listWords, formBits: formBits,
            startRules: startRules, requirementBits: requirementBits, elementBits: elementBits,
            classStarts: classStarts)
        lock.lock()
        defer { lock.unlock() }
        for (i, t) in tokens.enumerated() {
            let bytes = UnsafeBufferPointer(rebasing: text[t.range.start..<t.range.end])
            let hash = StringSet.hash(bytes)
            if let id = index.find(bytes, hash: hash) {
                forms.withUnsafeBufferPointer {
                    features.append(TokenView.Features($0[id], token: i, of: tokens, in: text))
                }
                lexemes.append(id: Int32(id), known: regexKnown[id], yes: regexYes[id], gaveUp: regexGaveUp[id])
                continue
            }
            let form = TokenView.Form(bytes, hash: hash)
            let attributes = ruleAttributes(form)
            features.append(TokenView.Features(form, token: i, of: tokens, in: text))
            var id = -1
            if forms.count < capacity {
                id = insert(bytes, hash: hash, form, attributes)
            } else {
                // The table is full: the form's answers are kept in the document's own rows.
                scratchBits.removeAll(keepingCapacity: true)
                scratchRules.removeAll(keepingCapacity: true)
                scratchRequirements.removeAll(keepingCapacity: true)
                scratchElements.removeAll(keepingCapacity: true)
                formAnswers(
                    form, attributes, bits: &scratchBits, rules: &scratchRules, requirementRow: &scratchRequirements,
                    elementRow: &scratchElements)
                id = lexemes.addLocalRow(
                    scratchBits, scratchRules, scratchRequirements, scratchElements, attributeRow(attributes))
            }
            lexemes.append(id: Int32(id), known: 0, yes: 0, gaveUp: 0)
        }
        return lexemes
    }

    /// The class (`TokenClassKey`) of every token of a document (`ids`: the tokens' form rows,
    /// `DocumentLexemes.ids`; `features`: with their flags set), entering the classes not met yet: a row
    /// of `classStarts` by number, -1 for a token whose form was not entered, whose class was met when
    /// the table was full, or whose form made ICU give up on a regular expression of a decided start test
    /// (its warning is reported per token, by `TokenTestRef.matches`).
    /// A new form's ICU give-ups count into `giveUps`, the class step's own budget of ICU calls in this
    /// document; a class whose expression's budget is spent there is left out (-1 for this document only,
    /// not entered: another document asks it). That budget is not the document's (`RegexGiveUps`): which
    /// forms are new depends on the documents before, and a class of -1 only sends the token to
    /// `TokenTestRef.matches`, which counts every give-up of the document, known or new, and asks again.
    func classify(_ ids: [Int32], _ features: [TokenView.Features], giveUps: inout RegexGiveUps) -> [Int32] {
        var classes = [Int32](repeating: -1, count: ids.count)
        lock.lock()
        defer { lock.unlock() }
        features.withUnsafeBufferPointer { features in
            for t in ids.indices where ids[t] >= 0 {
                let bits = TokenClassKey.bits(
                    kind: features[t].kind, spaceBefore: features[t].spaceBefore,
                    paragraphStart: features[t].paragraphStart, titleLine: features[t].titleLine,
                    sentenceStart: features[t].sentenceStart)
                let key = TokenClassKey.key(row: ids[t], bits: bits)
                if let c = classMap.number(of: key) {
                    classes[t] = c
                } else if classMap.count < classCapacity {
                    guard let c = enterClass(row: Int(ids[t]), bits: bits, giveUps: &giveUps) else { continue }
                    classes[t] = classMap.insert(key, number: c)
                }
            }
        }
        return classes
    }

    /// Appends the `classStarts` row of the class of form `row` with kind and flags `bits` and returns
    /// its number; -1 (no row) when ICU gives up on the form for a regular expression that a start test
    /// asks; nil when such an expression's budget is spent in the document (`RegexGiveUps`).
    private func enterClass(row id: Int, bits: UInt8, giveUps: inout RegexGiveUps) -> Int32? {
        scratchClassRow.removeAll(keepingCapacity: true)
        for w in 0..<ruleWords { scratchClassRow.append(startRules.word(id, w) & ~decidedRules[w]) }
        let tokenBits = forms[id].shape.bit | TokenClassKey.kindBit(bits) << 8
        let kind = TokenClassKey.kindBit(bits)
        // Only the decided rules whose start-rule bit the form has: for the others no start element passes
        // its form part (nor is a regular expression asked).
        for w in 0..<ruleWords {
            var set = startRules.word(id, w) & decidedRules[w]
            while set != 0 {
                let g = w << 6 | set.trailingZeroBitCount
                set &= set - 1
                for k in Int(classElementStarts[g])..<Int(classElementStarts[g + 1]) {
                    let e = classElements[k]
                    // `PatternMatcher.canStart`'s conditions, in its order: the step's masks, the consumer's
                    // list, the test (its form part, then the rest, then the expression).
                    guard tokenBits & e.shapes != 0 && (tokenBits >> 8) & e.kinds != 0 else { continue }
                    if e.list >= 0 { guard attributes.bit(id, e.list) else { continue } }
                    guard formBits.bit(id, e.formID),
                        e.test._withUnsafeGuaranteedRef({ $0.holdsBeyondForm(kind: kind, flags: bits) })
                    else { continue }
                    let r = e.test._withUnsafeGuaranteedRef { $0.regexNumber }
                    if r >= 0 {
                        switch formRegexAnswer(id, r, e.test, giveUps: &giveUps) {
                        case .yes: break
                        case .no: continue
                        case .gaveUp: return -1
                        case .notAsked: return nil
                        }
                    }
                    scratchClassRow[w] |= e.bit
                    break
                }
            }
        }
        classStarts.append(scratchClassRow)
        return Int32(classStarts.count - 1)
    }

    /// A form's answer of an expression (`formRegexAnswer`).
    private enum FormRegexAnswer { case yes, no, gaveUp, notAsked }

    /// Form `id`'s answer of expression `r` (asked of `test` when not known yet, and kept per form as the
    /// documents keep theirs, `publish`); `.notAsked` when not known and the expression's budget is
    /// spent in the document (nothing kept).
    private func formRegexAnswer(
        _ id: Int, _ r: Int, _ test: Unmanaged<TokenTestRef>, giveUps: inout RegexGiveUps
    ) -> FormRegexAnswer {
        let bit: UInt64 = 1 << UInt64(r)
        if regexKnown[id] & bit == 0 {
            if giveUps.spent(r) { return .notAsked }
            let answer = test._withUnsafeGuaranteedRef { $0.regexAnswer(forms[id].text) }
            regexKnown[id] |= bit
            if answer == true { regexYes[id] |= bit }
            if answer == nil {
                regexGaveUp[id] |= bit
                giveUps.count(r, owner: test._withUnsafeGuaranteedRef { $0.test.regexOwner }, token: forms[id].text)
            }
        }
        if regexGaveUp[id] & bit != 0 { return .gaveUp }
        return regexYes[id] & bit != 0 ? .yes : .no
    }

    /// Keeps the regular expressions' answers a document found (`MatchContext.regexKnown`/`regexYes`/
    /// `regexGaveUpBits`, per token) with the tokens' forms.
    func publish(_ lexemes: DocumentLexemes, known: [UInt64], yes: [UInt64], gaveUp: [UInt64]) {
        lock.lock()
        defer { lock.unlock() }
        for (t, id) in lexemes.ids.enumerated() where id >= 0 && known[t] & ~regexKnown[Int(id)] != 0 {
            let new = known[t] & ~regexKnown[Int(id)]
            regexKnown[Int(id)] |= new
            regexYes[Int(id)] |= yes[t] & new
            regexGaveUp[Int(id)] |= gaveUp[t] & new
        }
    }

    private func insert(
        _ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64, _ form: TokenView.Form, _ attributes: RuleAttributes
    ) -> Int {
        let id = index.add(bytes, hash: hash)
        forms.append(form)
        regexKnown.append(0)
        regexYes.append(0)
        regexGaveUp.append(0)
        scratchBits.removeAll(keepingCapacity: true)
        scratchRules.removeAll(keepingCapacity: true)
        scratchRequirements.removeAll(keepingCapacity: true)
        scratchElements.removeAll(keepingCapacity: true)
        formAnswers(
            form, attributes, bits: &scratchBits, rules: &scratchRules, requirementRow: &scratchRequirements,
            elementRow: &scratchElements)
        formBits.append(scratchBits)
        self.attributes.append(attributeRow(attributes))
        elementBits.append(scratchElements)
        startRules.append(scratchRules)
        requirementBits.append(scratchRequirements)
        return id
    }
}
