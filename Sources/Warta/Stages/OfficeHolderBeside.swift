extension QuoteWork {
    /// The person named beside each office, its holder in the text: the first PERSON of the name phrase
    /// after it (`personAfterOffice`, going on over the lower-case words of an office's name, `connectors`),
    /// else the person it stands in apposition to, named right before it and a comma (`"...," ujar <rank>
    /// <name>, <office> dalam ...`) when that person holds no other office, and the office is not a
    /// headline's. Read by `officeHolders` and `shortenedOfficeHolders`: a later bare office (`pesan
    /// <office>`) is that person.
    ///
    /// - Complexity: a walk of at most 12 tokens per ROLE.
    static func holdersBeside(
        _ document: Document, view: TokenView, entityAt: [Int: Int], entityTokens: [(start: Int, end: Int)],
        connectors: Set<String>
    ) -> [Int: Int?] {
        let entities = document.entities
        let roles = entities.indices.filter { entities[$0].type == .ROLE }
        var beside: [Int: Int?] = [:]
        for r in roles {
            beside[r] = personAfterOffice(
                r, entities: entities, view: view, entityAt: entityAt, entityTokens: entityTokens,
                connectors: connectors)
        }
        // The persons already holding an office: linked to one, or named after one.
        var holding = Set(roles.compactMap { entities[$0].person })
        for case let p? in beside.values { holding.insert(p) }
        var personEndingAt: [Int: Int] = [:]
        for (i, e) in entities.enumerated() where e.type == .PERSON { personEndingAt[entityTokens[i].end] = i }
        for r in roles where beside[r]! == nil && entities[r].person == nil {
            let start = entityTokens[r].start
            guard start >= 2, start < view.count, !view.features[start].titleLine,
                view.features[start - 1].kind == .punct, view.features[start - 1].text == ",",
                view.sentenceOf[start - 1] == view.sentenceOf[start],
                let p = personEndingAt[start - 1], !holding.contains(p)
            else { continue }
            beside[r] = p
        }
        return beside
    }
}
