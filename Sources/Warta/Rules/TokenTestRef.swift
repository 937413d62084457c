import Foundation

/// A token test behind a reference: the matcher reads the same test for thousands of tokens per
/// document, and reading a struct of ten optional sets out of an array or an optional copies it (and
/// retains and releases every set) each time; a `let` in a final class is read in place.
/// Its fields are copied out of the struct into `let`s, read in place by `matches`.
final class TokenTestRef: @unchecked Sendable {
    let test: TokenTest
    private let text: StringSet?
    private let lower: StringSet?
    /// Shapes, kinds and entity types as bit masks: these enums have String raw values, and a `Set` of
    /// them hashes the raw string at every lookup.
    private let shapes: UInt32?
    private let kinds: UInt32?
    private let regex: ICURegex?
    /// What a short ASCII token must be to match `regex` whole (`RegexPrefilter`): a token that is not
    /// gets no without a call to ICU (the same answer ICU gives it). nil: every token is asked.
    private let prefilter: RegexPrefilter?
    private let notIn: [Int]
    private let notEntity: UInt32?
    private let spaceBefore: Bool?
    private let paragraphStart: Bool?
    private let titleLine: Bool?
    private let sentenceStart: Bool?
    private let inList: [Int]
    private let entity: UInt32?
    /// The expression's number in the rule set (`TokenTest.regexID`; -1: not numbered): its answers are
    /// kept per token in `MatchContext` and per word form in the `LexemeTable`, shared by every test
    /// with the same expression (`(19|20)\d\d` is in eight rules): news text repeats its words, and
    /// ICU's matcher costs thousands of instructions per call where a lookup costs a few.
    private let regexID: Int
    /// The lists of `inList` and of `notIn` numbered below 64 as bit masks (`MatchContext.listStartMask`),
    /// and whether either names a list beyond those: a token where none of them may start an entry
    /// (most tokens) is answered without a look at each list.
    private let inListMask: UInt64
    private let notInMask: UInt64
    private let listsBeyondMasks: Bool
    /// The test's number in its rule set (`TokenTest.formID`; -1: none), under which the `LexemeTable`
    /// keeps the answer of its form part for every word form.
    let formID: Int

    /// The test's answer at a token with no entity covering it is the same at every token of the token's
    /// class (form row, kind, four flags: `TokenClassKey`): it has a number (its form part is a lexeme
    /// bit) and its regular expression, if any, keeps its answers and its "gave up" per form (numbered below
    /// `LexemeTable.regexBits`; the class table gives no row to a class whose form gave up on one).
    var decidedByClass: Bool { formID >= 0 && (regex == nil || (0..<LexemeTable.regexBits).contains(regexID)) }
    /// The number of the test's regular expression (-1: none or not numbered).
    var regexNumber: Int { regexID }

    /// ICU's answer of the test's regular expression for a form's text (nil: ICU gave up at its limit),
    /// as `matches` asks it; true without one.
    func regexAnswer(_ text: String) -> Bool? {
        guard let regex else { return true }
        if let prefilter, prefilter.rejects(text) { return false }
        return regex.wholeMatch(Array(text.utf16))
    }
    /// The test reads the entity covering the token (`entity`, `not_entity`).
    var readsEntity: Bool { entity != nil || notEntity != nil }

    /// The test's answer, after its form part, at a token of kind `kind` and flags `flags`
    /// (`TokenClassKey.bits`) that no entity covers; the regular expression is not asked (see
    /// `regexAnswer`). The same conditions as `matches`.
    func holdsBeyondForm(kind: UInt32, flags: UInt8) -> Bool {
        if let kinds, kinds & kind == 0 { return false }
        if let spaceBefore, (flags & TokenClassKey.spaceBefore != 0) != spaceBefore { return false }
        if let paragraphStart, (flags & TokenClassKey.paragraphStart != 0) != paragraphStart { return false }
        if let titleLine, (flags & TokenClassKey.titleLine != 0) != titleLine { return false }
        if let sentenceStart, (flags & TokenClassKey.sentenceStart != 0) != sentenceStart { return false }
        // No entity covers the token: `entity` fails, `not_entity` holds.
        return entity == nil
    }

    /// The shapes and kinds the test accepts as bit masks (all bits: any), for the matcher's
    /// pre-check (`CompiledPattern.Step`).
    var shapeMask: UInt32 { shapes ?? ~0 }
    var kindMask: UInt32 { kinds ?? ~0 }

    init(_ test: TokenTest) {
        self.test = test
        text = test.text.map(StringSet.init)
        lower = test.lower.map(StringSet.init)
        shapes = test.shapes.map { $0.reduce(0) { $0 | $1.bit } }
        kinds = test.kinds.map { $0.reduce(0) { $0 | $1.bit } }
        regex = test.regex
        prefilter = test.regex.flatMap { RegexPrefilter($0.pattern) }
        regexID = test.regex == nil ? -1 : test.regexID
        notIn = test.notIn
        notEntity = test.notEntity.map { $0.reduce(0) { $0 | $1.bit } }
        spaceBefore = test.spaceBefore
        paragraphStart = test.paragraphStart
        titleLine = test.titleLine
        sentenceStart = test.sentenceStart
        inList = test.inList
        entity = test.entity.map { $0.reduce(0) { $0 | $1.bit } }
        inListMask = test.inList.reduce(0) { $1 < 64 ? $0 | 1 << UInt64($1) : $0 }
        notInMask = test.notIn.reduce(0) { $1 < 64 ? $0 | 1 << UInt64($1) : $0 }
        listsBeyondMasks = (test.inList + test.notIn).contains { $0 >= 64 }
        formID = test.formID
    }

    /// The part of the test that depends on the token's word form alone: its shape, `text`, `lower`,
    /// and single-token `in`/`not_in` lists. `listMask` and `mayStart` say which lists may have an
    /// entry starting with the form (`MatchContext.listStartMask`, `mayStartEntry`), `tries` are the
    /// rule set's lists.
    @inline(__always)
    func formPartHolds(
        text t: String, folded: String, shape: TokenView.Shape, textHash: UInt64, foldedHash: UInt64, isASCII: Bool,
        listMask: UInt64, mayStart: (Int) -> Bool, tries: [TokenTrie<Bool>]
    ) -> Bool {
        if let shapes, shapes & shape.bit == 0 { return false }
        if let text, !text.contains(t, hash: textHash, isASCII: isASCII) { return false }
        if let lower, !lower.contains(folded, hash: foldedHash, isASCII: isASCII) { return false }
        if !inList.isEmpty {
            guard listsBeyondMasks || inListMask & listMask != 0,
                inList.contains(where: { mayStart($0) && tries[$0].hasSingleTokenEntry(folded) })
            else { return false }
        }
        if listsBeyondMasks || notInMask & listMask != 0 {
            for list in notIn where mayStart(list) && tries[list].hasSingleTokenEntry(folded) { return false }
        }
        return true
    }

    /// True when token `index` of the context's view passes every condition of the test. The form part
    /// is one bit when the context has the lexemes' answers (`MatchContext.formPartHolds`); then the
    /// flag tests, the entity tests and the regular expression (all of them must hold, so the order
    /// changes only the cost).
    func matches(at index: Int, context: MatchContext) -> Bool {
        let features = context.view.features
        if let known = context.formPartHolds(formID, index) {
            if !known { return false }
        } else {
            if let shapes, shapes & features[index].shape.bit == 0 { return false }
            if let text,
                !text.contains(features[index].text, hash: features[index].textHash, isASCII: features[index].isASCII)
            {
                return false
            }
            if let lower,
                !lower.contains(
                    features[index].folded, hash: features[index].foldedHash, isASCII: features[index].isASCII)
            {
                return false
            }
            let listsStarting = context.listStartMask(at: index)
            if !inList.isEmpty {
                guard listsBeyondMasks || inListMask & listsStarting != 0,
                    inList.contains(where: { context.startsEntry(of: $0, at: index, singleToken: true) })
                else { return false }
            }
            if listsBeyondMasks || notInMask & listsStarting != 0 {
                for list in notIn where context.startsEntry(of: list, at: index, singleToken: true) { return false }
            }
        }
        if let kinds, kinds & features[index].kind.bit == 0 { return false }
        if let spaceBefore, features[index].spaceBefore != spaceBefore { return false }
        if let paragraphStart, features[index].paragraphStart != paragraphStart { return false }
        if let titleLine, features[index].titleLine != titleLine { return false }
        if let sentenceStart, features[index].sentenceStart != sentenceStart { return false }
        if let entity { guard let t = context.entityCovering(index), entity & t.bit != 0 else { return false } }
        if let notEntity, let t = context.entityCovering(index), notEntity & t.bit != 0 { return false }
        if let regex {
            // Known for the token's form from earlier documents (`LexemeTable`) or for the token from
            // an earlier question in this one; else asked once and kept. nil from ICU: it gave up at its
            // limit, taken as no match, kept and reported (`RegexGiveUps`, which also stops asking an
            // expression that gave up too often in this document: that "no" is not kept). A give-up
            // known from an earlier document counts as a new one, and once the budget is spent the
            // answer is no even where one is known: the document's answers are its own, whatever the
            // documents before it (the run's order, `--jobs`).
            if context.regexGiveUps.spent(regexID) { return false }
            if let known = context.regexAnswer(regexID, index) {
                if !known, context.takeUnreportedRegexGaveUp(regexID, index) {
                    context.regexGiveUps.count(regexID, owner: test.regexOwner, token: features[index].text)
                }
                return known
            }
            let text = features[index].text
            let whole = prefilter?.rejects(text) == true ? false : regex.wholeMatch(Array(text.utf16))
            let answer = whole ?? false
            if whole == nil { context.regexGiveUps.count(regexID, owner: test.regexOwner, token: text) }
            context.storeRegexAnswer(regexID, index, answer, gaveUp: whole == nil)
            return answer
        }
        return true
    }
}
