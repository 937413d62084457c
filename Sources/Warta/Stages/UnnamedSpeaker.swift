import Foundation

/// A speaker the text does not name (issue 19, eighteenth pass): someone described by what they are (a word
/// of `unnamed_person`: `seorang petani`, `salah seorang warga`) who speaks. A later pronoun or `-nya` cue that
/// follows them is theirs, so nobody's the document names (ANNOTATION.md: null when nobody is named), not the
/// person named before them.
extension QuoteWork {
    /// The sentence from token `first` to `t` has an unnamed speaker: a word of `unnamed_one` (`seorang`,
    /// `salah` of `salah seorang`), before any person the sentence names, then a word of `speech_active`
    /// (`Seorang petani di <village> mengaku ...`, `Sementara itu, salah seorang warga mengatakan, "..."`). Not
    /// when a person is named before the verb (`salah seorang warga <village>, <name>, mengatakan`), nor when a
    /// demonstrative points back to someone named before (`Lelaki berusia 70 tahun itu mengatakan`) or a
    /// pronoun stands before the verb (`Kepada seorang warga, ia mengatakan`).
    func unnamedSpeaker(_ first: Int, through t: Int) -> Bool {
        guard first <= t else { return false }
        var k = first
        while k <= t {
            if let e = entityAt[k] {
                if namesPerson(e) { return false }
                k = max(k + 1, entityTokens[e].end)
                continue
            }
            if knownPerson(at: k) != nil || stage.verbsActive.contains(folded(k)) { return false }
            if stage.unnamedPersons.contains(folded(k)) {
                return stage.unnamedOne.contains(folded(k)) && speaksUnnamed(from: k, through: t)
            }
            k += 1
        }
        return false
    }

    /// A word of `speech_active` follows the unnamed person's word `u` up to token `t`, with no person named
    /// (no word of a name known in the document), no demonstrative and no pronoun before it.
    func speaksUnnamed(from u: Int, through t: Int) -> Bool {
        var k = u + 1
        while k <= t {
            let word = folded(k)
            if stage.verbsActive.contains(word) { return true }
            if stage.pronouns.contains(word) || stage.demonstratives.contains(word) { return false }
            if let e = entityAt[k] {
                // A person's name, or a word of one inside another entity (a village's name that ran on
                // over the name after it: `warga Desa <village> <name>`).
                let end = max(k + 1, entityTokens[e].end)
                if namesPerson(e) || (k..<end).contains(where: { knownPerson(at: $0) != nil }) { return false }
                k = end
                continue
            }
            if knownPerson(at: k) != nil { return false }
            k += 1
        }
        return false
    }

    /// Entity `e` is a person, or an office or body that resolves to one.
    func namesPerson(_ e: Int) -> Bool {
        document.entities[e].type == .PERSON || document.entities[resolve(e)].type == .PERSON
    }

    /// Quote `j`, which has no speaker, was said by someone the text does not name: its cue after the closing
    /// mark names a word of `unnamed_person` and no person (`"...," kata warga <village> yang meminta namanya
    /// tidak ditulis.`), or its pronoun led to nobody the document names (`unnamed`).
    func saidByUnnamed(_ j: Int, attributions: [Attribution?], unnamedAfterAnchors: [Bool]) -> Bool {
        guard let a = attributions[j], a.entity == nil, a.text == nil, !a.isTitle else { return false }
        return a.unnamed || unnamedAfterAnchors[j]
    }

    /// For each quote, whether the words from its cue's anchor to its region's end name an unnamed person
    /// (a word of `unnamed_person`) and no person (`saidByUnnamed`). Computed once per document: asked of
    /// every earlier quote from every later one, the walk made the quote stage quadratic in the words of a
    /// paragraph of ten thousand quotes (`BadInputTests.testTenThousandUnbalancedQuotationMarks`).
    func unnamedAfterAnchors(_ found: [Found], regions: [Range<Int>]) -> [Bool] {
        found.indices.map { j in
            guard let start = afterAnchor(found[j]) else { return false }
            var sawUnnamed = false
            var k = start
            while k < regions[j].upperBound {
                if let e = entityAt[k] {
                    if namesPerson(e) { return false }
                    k = max(k + 1, entityTokens[e].end)
                    continue
                }
                if knownPerson(at: k) != nil { return false }
                if stage.unnamedPersons.contains(folded(k)) { sawUnnamed = true }
                k += 1
            }
            return sawUnnamed
        }
    }
}
