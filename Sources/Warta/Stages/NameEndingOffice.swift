extension QuoteWork {
    /// The name an office speaker linked to nobody ends with, when the tagger ran the office on into its
    /// holder's name (`Kepala <acronym> <given> <surname>` as one ROLE): the title-case words at its end after
    /// its body, none of them an office's word or a place's head (`officeHeads`) nor inside a place, right
    /// after a clear end of the body (an acronym, a closing bracket, a place); two words at least, the first of
    /// them written nowhere else inside a body, place, facility or office (`Direktur RSUD <three-word hospital
    /// name>` keeps its office). Nil otherwise (issue 19, seventeenth pass).
    func nameEndingOffice(_ role: Int) -> String? {
        guard document.entities[role].type == .ROLE, resolve(role) == role, document.entities[role].person == nil
        else { return nil }
        let span = entityTokens[role]
        guard span.end <= view.count, span.end - span.start >= 3 else { return nil }
        let f = view.features
        let places = document.entities.indices.filter {
            document.entities[$0].type == .LOC && entityTokens[$0].start >= span.start
                && entityTokens[$0].end <= span.end
        }
        func inPlace(_ t: Int) -> Bool { places.contains { entityTokens[$0].start <= t && t < entityTokens[$0].end } }
        var start = span.end
        while start > span.start + 1, f[start - 1].kind == .word, f[start - 1].shape == .title,
            !inPlace(start - 1), !stage.officeHeads.contains(f[start - 1].folded)
        { start -= 1 }
        guard start < span.end, start > span.start + 1 else { return nil }
        let b = start - 1
        let bodyEnds =
            (f[b].kind == .word && f[b].shape == .upper && f[b].text.count >= 2) || f[b].text == ")"
            || places.contains { entityTokens[$0].end == start }
        guard bodyEnds, span.end - start >= 2 else { return nil }
        let elsewhere = (titlePositions[f[start].text] ?? []).filter { $0 < span.start || $0 >= span.end }
        for t in elsewhere {
            if document.entities.indices.contains(where: {
                [.ORG, .LOC, .FAC, .ROLE].contains(document.entities[$0].type) && entityTokens[$0].start <= t
                    && t < entityTokens[$0].end
            }) {
                return nil
            }
        }
        return (start..<span.end).map { f[$0].text }.joined(separator: " ")
    }
}
