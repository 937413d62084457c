import Foundation

/// A quote embedded in a narration sentence (`<name> juga menyinggung pernyataan <office>, <other>, yang menjamin
/// "..." dalam proses penataan.`) is words the sentence's subject reports: for a later `-nya` cue the one speaking
/// is that subject, not the one the embedded words are given to (issue 19, eighteenth pass).
extension QuoteWork {
    /// The person who is the subject of the sentence around quote `j` when the quote is embedded in it: it
    /// opens inside the sentence, and the sentence goes on after its closing mark with a lower-case word that is
    /// no speech verb (no cue after it). The subject is the first person named in the sentence before the
    /// opening mark; nil when there is none, or when it is the quote's own speaker.
    func enclosingSubject(_ j: Int, found: [Found], speaker: Int) -> Int? {
        let q = found[j]
        guard let close = q.close, !opensParagraph(q), !opensSentence(q) else { return nil }
        let open = Self.tokenIndex(document.tokens, atOrAfter: q.open)
        let after = Self.tokenIndex(document.tokens, atOrAfter: close + 1)
        guard open > 0, after < view.count, view.sentenceOf[after] == view.sentenceOf[open - 1],
            view.features[after].kind == .word, view.features[after].shape == .lower,
            !stage.verbsBare.contains(folded(after)), !stage.verbsNya.contains(folded(after))
        else { return nil }
        let paragraphStart = Self.tokenIndex(document.tokens, atOrAfter: paragraphStarts[q.paragraph])
        let (_, first) = sentenceStart(endingAt: open - 1, floor: paragraphStart)
        var k = first
        while k < open {
            if let e = entityAt[k] {
                let p = personInNamePhrase(from: k) ?? resolve(e)
                if document.entities[p].type == .PERSON { return p == speaker ? nil : p }
                k = max(k + 1, entityTokens[e].end)
                continue
            }
            if let p = knownPerson(at: k) { return p == speaker ? nil : p }
            k += 1
        }
        return nil
    }
}
