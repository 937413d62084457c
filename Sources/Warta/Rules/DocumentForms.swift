import Foundation

/// The word forms of one document, for a token view built without a `LexemeTable` (the quote stage's):
/// each distinct byte string of the document's tokens gets its `TokenView.Form` (a `String`, its folded
/// text, shape and two hashes) once, and a token whose bytes were met before in the document reads it
/// back. News text repeats its words within an article (`yang`, `di`, the names, the punctuation), and a
/// form costs several hundred instructions where a lookup costs a hash and a compare.
///
/// Open addressing by `StringSet.hash` of the bytes; a slot names the form's first token, whose bytes are
/// compared in the document's text (`memcmp`). Per document: it lives for one view and holds at most one
/// form per token.
struct DocumentForms {
    private var slots: [Int32]
    /// For each form, its first token's byte range in the text.
    private var starts: [Int] = []
    private var ends: [Int] = []
    private(set) var forms: [TokenView.Form] = []

    /// A table for up to `tokenCount` distinct forms.
    init(tokenCount: Int) {
        var size = 16
        while size < 2 * tokenCount { size *= 2 }
        slots = [Int32](repeating: -1, count: size)
        forms.reserveCapacity(tokenCount)
        starts.reserveCapacity(tokenCount)
        ends.reserveCapacity(tokenCount)
    }

    /// The form of `text[range]`: the one entered for the same bytes earlier, else a new one entered now.
    mutating func form(_ range: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> TokenView.Form {
        let bytes = UnsafeBufferPointer(rebasing: text[range])
        let hash = StringSet.hash(bytes)
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: hash) & mask
        while true {
            let k = Int(slots[i])
            if k < 0 { break }
            if forms[k].textHash == hash && ends[k] - starts[k] == bytes.count
                && (bytes.isEmpty || memcmp(text.baseAddress! + starts[k], bytes.baseAddress!, bytes.count) == 0)
            {
                return forms[k]
            }
            i = (i + 1) & mask
        }
        precondition(forms.count * 2 < slots.count, "DocumentForms: more forms than tokens")
        let form = TokenView.Form(bytes, hash: hash)
        slots[i] = Int32(forms.count)
        forms.append(form)
        starts.append(range.lowerBound)
        ends.append(range.upperBound)
        return form
    }
}
