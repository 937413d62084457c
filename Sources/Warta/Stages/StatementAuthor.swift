import Foundation

/// The author of a statement read out on someone's behalf (ANNOTATION.md: the statement is its author's, not the
/// reader's), where the sentence that names the statement writes the author (issue 19, eighteenth pass): right
/// after the statement's word (`Dalam sambutan Bupati <regency> yang dibacakan Asisten I, disampaikan ...`), or
/// as the sentence's subject before it (`<office>, <name>, dalam sambutan yang dibacakan <reader>, mengingatkan
/// ...`). The reader after `dibacakan` is no subject for the quotes that follow.
extension QuoteWork {
    /// The most words between a statement's word and the word of its reading (`sambutan Bupati <regency> yang
    /// dibacakan`).
    static let maxReadOutGap = 8

    /// The author of a statement read out that the sentence from token `first` to `t` names (a word of
    /// `statement`, then within `maxReadOutGap` words one of `read_out_passive`), in its fullest form; nil when
    /// the sentence names none or writes no author.
    func readOutAuthor(_ first: Int, through t: Int) -> Int? {
        guard first < t else { return nil }
        for s in first..<t where stage.statements.contains(folded(s)) {
            let hi = min(t, s + Self.maxReadOutGap)
            guard (s + 1...hi).contains(where: { stage.readOutPassive.contains(folded($0)) }) else { continue }
            guard let author = authorAfter(statement: s) ?? authorBefore(statement: s, from: first) else {
                return nil
            }
            return fullestOffice(author)
        }
        return nil
    }

    /// The person or office named within two words after the statement's word at token `s`.
    func authorAfter(statement s: Int) -> Int? {
        for k in (s + 1)..<min(s + 3, view.count) {
            if let e = entityAt[k], [.PERSON, .ROLE].contains(document.entities[e].type) {
                return personInNamePhrase(from: k) ?? resolve(e)
            }
        }
        return nil
    }

    /// The first person or office named in the sentence from token `first` before the statement's word at
    /// token `s` (its subject), when the statement is not the object of a reading (`<reader> membacakan
    /// sambutan ...`: a word of `read_out` right before it).
    func authorBefore(statement s: Int, from first: Int) -> Int? {
        guard s > 0, !stage.readOut.contains(folded(s - 1)) else { return nil }
        var k = first
        while k < s {
            if let e = entityAt[k] {
                if [.PERSON, .ROLE].contains(document.entities[e].type) {
                    return personInNamePhrase(from: k) ?? resolve(e)
                }
                k = max(k + 1, entityTokens[e].end)
                continue
            }
            k += 1
        }
        return nil
    }
}
