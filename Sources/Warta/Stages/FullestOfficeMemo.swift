/// What `QuoteWork.fullestOffice` found in one document: the longer ROLE per distinct office, and every
/// ROLE's case-folded words in entity order, made on the first question. Each answer compares the office
/// with every ROLE of the document, the same office is asked again from every later quote whose search passes
/// it (a statement read out, `readOutAuthor`), and a long document repeats its offices: without the memo the
/// quote stage grew as the square of a long document's offices (1 MB of the seeds took 15 times the CPU of
/// 128 KB: `LargeDocumentTests`). One per document, never shared.
final class FullestOfficeMemo {
    /// An office by its case-folded words and its length in tokens.
    struct Key: Hashable {
        let words: [String]
        let length: Int
    }
    /// The first longest ROLE (entity order) holding an office's words, nil when none is longer than it.
    var longerRole: [Key: Int?] = [:]
    var roleWords: [(index: Int, words: [String])]? = nil
}
