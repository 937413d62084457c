import Foundation

/// The fullest form of each person's name in a document (ANNOTATION.md: a short PERSON mention's norm
/// is the fullest form of that name in the document; a quote's speaker is that form).
///
/// The full name is read off the text, not only off the PERSON entities: it is often written only
/// inside an office phrase the tagger took whole (`Juru bicara Fraksi PKS Nenden Kurniasih`), after
/// the quote, or in a caption. For each PERSON entity, its core (its name words, without a leading
/// honorific, place or headline word and without trailing degrees) is looked up at every place the
/// document writes those words; at each place the name is grown left and right over name words
/// (title-case words that are no office, body, place, honorific, degree, day or month; a short word
/// with its abbreviation dot inside a name, `Darmin Hi. Ahmad`, `Syahrial Dt. Rajo Mudo`). The
/// longest grown form is the fullest name when every other grown form is a part of it; when two
/// forms disagree (two people share the word) the mention stays as it was.
extension TagState {
    mutating func linkFullestNames() {
        guard entities.contains(where: { $0.type == .PERSON }) else { return }
        let names = FullNameReader(self)
        let f = view.features
        // Where each word is written (text as written), for the look-ups.
        var positions: [String: [Int]] = [:]
        for t in 0..<view.count where f[t].shape == .title && (!f[t].titleLine || names.personCover[t]) {
            positions[f[t].text, default: []].append(t)
        }
        var places = NamePlaces(positions: positions, features: f)
        // The written words by their first letters, for names written shortened (`fullestTruncated`).
        var byStart: [String: [String]] = [:]
        for w in positions.keys where w.count >= TagState.truncationMinLetters + 2 {
            byStart[String(w.prefix(TagState.truncationMinLetters)), default: []].append(w)
        }
        var answers: [[String]: String?] = [:]
        for k in entities.indices where entities[k].type == .PERSON {
            let e = entities[k]
            let best = names.core(start: e.start, end: e.end)
            guard best.count > 0 else { continue }
            let core = best.map { f[$0].text }
            let full: String?
            if let known = answers[core] {
                full = known
            } else {
                let next = core.count >= 2 ? core[1] : nil
                full = names.fullest(core, at: places.places(of: core[0], before: next))
                    .map { found in
                        // No fuller form written whole: one written with its words shortened.
                        found.split(separator: " ").count > core.count
                            ? found
                            : names.fullestTruncated(
                                core, placesOf: { places.places(of: $0, before: next) }, byStart: byStart)
                                ?? names.fullestInCaptions(core) ?? found
                    }
                answers[core] = .some(full)
            }
            guard let full else { continue }
            let written = text(e.start, e.end)
            let norm = names.withoutGluedHonorific(names.keptNorm(entities[k].norm, full: full))
            entities[k].norm = norm == written ? nil : norm
            if entities[k].normKind == .none { entities[k].normKind = .text }
        }
        linkLeadMentions(names)
    }

    /// A PERSON mention made only of the words up to a lead title (`lead_title`) that a name of the document is
    /// written with (`kata Jero Mangku` after `Jero Mangku <name>`) stands for that name, when only one is.
    mutating func linkLeadMentions(_ names: FullNameReader) {
        var byLead: [[String]: Set<String>] = [:]
        for e in entities where e.type == .PERSON {
            guard let lead = names.lead(start: e.start, end: e.end) else { continue }
            byLead[lead, default: []].insert(e.norm ?? text(e.start, e.end))
        }
        guard !byLead.isEmpty else { return }
        for k in entities.indices where entities[k].type == .PERSON {
            let words = (entities[k].start..<entities[k].end).map { view.features[$0].text }
            guard let full = byLead[words], full.count == 1, let name = full.first else { continue }
            entities[k].norm = name
            if entities[k].normKind == .none { entities[k].normKind = .text }
        }
    }

    /// A word written shortened to its start stands for a longer one from this many letters on.
    static let truncationMinLetters = 4

    /// `short` is `long` shortened to its start (`Rahma` of `Rahmawati`, `Ridwan` of `Ridwansyah`): at least
    /// `truncationMinLetters` letters, and at least two letters left off.
    static func truncates(_ short: String, _ long: String) -> Bool {
        short.count >= truncationMinLetters && long.count >= short.count + 2 && long.hasPrefix(short)
    }

    /// `part` is written in `whole`, contiguous, each word the same or shortened to its start (`truncates`).
    static func isPart(_ part: [String], of whole: [String]) -> Bool {
        guard part.count <= whole.count else { return false }
        if part.isEmpty { return true }
        for s in 0...(whole.count - part.count)
        where (0..<part.count).allSatisfy({ part[$0] == whole[s + $0] || truncates(part[$0], whole[s + $0]) }) {
            return true
        }
        return false
    }

    /// `part` is `whole` written with one or more of its inner words left out (`La Ode Hasan` of `La Ode
    /// Muhammad Hasan Bahtiar`, `Wa Ode Rini` of `Wa Ode Siti Rini`): two or more words, the first of
    /// `whole` kept, the others whole words of it in order, and at least one word skipped between two kept.
    static func isGappedPart(_ part: [String], of whole: [String]) -> Bool {
        guard part.count >= 2, part.count < whole.count, part[0] == whole[0] else { return false }
        var k = 1
        var skipped = false
        for w in part.dropFirst() {
            guard let found = whole[k...].firstIndex(of: w) else { return false }
            if found > k { skipped = true }
            k = found + 1
        }
        return skipped
    }

    static func isContiguous(_ part: [String], in whole: [String]) -> Bool {
        guard part.count <= whole.count else { return false }
        if part.isEmpty { return true }
        for s in 0...(whole.count - part.count) where whole[s] == part[0] {
            if whole[s..<(s + part.count)].elementsEqual(part) { return true }
        }
        return false
    }
}
