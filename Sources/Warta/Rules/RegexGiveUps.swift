/// One document's account of ICU giving up on the token tests' regular expressions, and its budget.
///
/// ICU's limit bounds one call (about 0.3 to 0.6 s here), not a document: a document of many different
/// long words on which an expression backtracks without bound asked ICU once per word. After
/// `perExpression` calls that reached the limit in one document, an expression is not asked again in
/// it: a token it was not asked of is taken as not matching there, even where its answer is known. That
/// answer is the document's, not the word form's, so it is never kept (neither in `MatchContext` nor in
/// the run-wide `LexemeTable`): another document with the same word still asks ICU and gets the true answer.
/// A give-up known from an earlier document (the lexeme table) counts as one asked here, so the budget
/// runs out at the same token whatever documents came before (the run's order, `--jobs`).
///
/// A value of one document (counted by `TokenTestRef.matches`; the lexeme table's class step keeps its
/// own, which bounds its ICU calls only), and the source of the tag stage's warnings about it, one per rule.
struct RegexGiveUps: Sendable {
    /// The calls of one expression that may reach ICU's limit in one document before it is not asked
    /// again there (as furniture rules' lines, `NormalizeStage.furnitureGiveUps`).
    static let perExpression = 3

    /// Calls that reached the limit in this document, by expression number (`TokenTest.regexID`).
    private var counts: [Int: Int] = [:]
    /// The rules whose expression gave up on a token of this document (asked here or known from the
    /// lexeme table), each with the first such token, in the order met.
    private(set) var gaveUp: [(owner: String, token: String)] = []
    /// The rules whose call spent their expression's budget, in the order spent (not where a token went
    /// unasked: whether one is asked after that depends on what the lexeme table's classes answered,
    /// which depends on the documents before).
    private(set) var skipped: [String] = []

    /// True when expression `id` reached ICU's limit `perExpression` times in this document.
    func spent(_ id: Int) -> Bool { (counts[id] ?? 0) >= Self.perExpression }

    /// A call of expression `id` that reached ICU's limit in this document (or a give-up known from an
    /// earlier one, met here), on `token`, for rule `owner`.
    mutating func count(_ id: Int, owner: String, token: String) {
        counts[id, default: 0] += 1
        report(owner: owner, token: token)
        if counts[id] == Self.perExpression, !skipped.contains(owner) { skipped.append(owner) }
    }

    /// An answer "gave up" for rule `owner` on `token` (counted or known from an earlier document).
    mutating func report(owner: String, token: String) {
        if !gaveUp.contains(where: { $0.owner == owner }) { gaveUp.append((owner, token)) }
    }

    /// The document's warnings: one per rule whose expression gave up, then one per rule whose call spent
    /// its expression's budget (not asked on the rest of the document).
    var warnings: [String] {
        let gave = gaveUp.map { owner, token in
            let shown =
                token.unicodeScalars.count > 40
                ? String(String.UnicodeScalarView(token.unicodeScalars.prefix(40))) + "…" : token
            return
                "rule '\(owner)': its regex gave up at ICU's regular expression limit on the token '\(shown)' (it backtracks too much there); taken as no match"
        }
        let rest = skipped.map { owner in
            "rule '\(owner)': its regex reached ICU's regular expression limit \(Self.perExpression) times in this document and was not asked on the rest of it; taken as no match there"
        }
        return gave + rest
    }
}
