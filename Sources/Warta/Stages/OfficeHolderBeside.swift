extension QuoteWork {
    /// The person named beside each office, its holder in the text: the first PERSON of the name phrase
    /// after it (`personAfterOffice`, going on over the lower-case words of an office's name, `connectors`; past
    /// a one-word PERSON that was the office's place, `holderAfterPlace`),
    /// else the person it stands in apposition to, named right before it and a comma (`"...," ujar <rank>
    /// <name>, <office> dalam ...`) when that person holds no other office, and the office is not a
    /// headline's. Read by `officeHolders` and `shortenedOfficeHolders`: a later bare office (`pesan
    /// <office>`) is that person.
    ///
    /// - Complexity: a walk of at most 12 tokens per ROLE.
    static func holdersBeside(
        _ document: Document, view: TokenView, entityAt: [Int: Int], entityTokens: [(start: Int, end: Int)],
        connectors: Set<String>, honorifics: Set<String>
    ) -> [Int: Int?] {
        let entities = document.entities
        let roles = entities.indices.filter { entities[$0].type == .ROLE }
        var beside: [Int: Int?] = [:]
        for r in roles {
            var holder = personAfterOffice(
                r, entities: entities, view: view, entityAt: entityAt, entityTokens: entityTokens,
                connectors: connectors)
            if let p = holder,
                let q = holderAfterPlace(
                    p, entities: entities, view: view, entityAt: entityAt, entityTokens: entityTokens,
                    honorifics: honorifics)
            {
                holder = q
            }
            beside[r] = .some(holder)
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

    /// The person named after a one-word PERSON right after an office, a comma and a rank or honorific
    /// (`Kapolsek <district>, Iptu <name>`): the one word was the office's place, which no list gave; nil
    /// when the text goes on otherwise.
    static func holderAfterPlace(
        _ p: Int, entities: [Entity], view: TokenView, entityAt: [Int: Int], entityTokens: [(start: Int, end: Int)],
        honorifics: Set<String>
    ) -> Int? {
        var t = entityTokens[p].end
        guard entityTokens[p].end - entityTokens[p].start == 1, t + 2 < view.count,
            view.features[t].text == ",", view.sentenceOf[t] == view.sentenceOf[entityTokens[p].start]
        else { return nil }
        t += 1
        var ranks = 0
        while t < view.count, entityAt[t] == nil, ranks < 3,
            honorifics.contains(view.features[t].folded) || (ranks > 0 && view.features[t].text == ".")
        {
            if view.features[t].kind == .word { ranks += 1 }
            t += 1
        }
        guard ranks > 0, let q = entityAt[t], entities[q].type == .PERSON else { return nil }
        return q
    }

    /// The one-word PERSONs the tagger linked to an office right before them that were the office's place, each
    /// with the person named after it (`holderAfterPlace`), for `resolveAll`.
    static func placesTakenForHolders(
        _ document: Document, view: TokenView, entityAt: [Int: Int], entityTokens: [(start: Int, end: Int)],
        honorifics: Set<String>
    ) -> [Int: Int] {
        var moved: [Int: Int] = [:]
        for (r, e) in document.entities.enumerated() where e.type == .ROLE {
            guard let p = e.person, p < entityTokens.count, entityTokens[p].start == entityTokens[r].end,
                let q = holderAfterPlace(
                    p, entities: document.entities, view: view, entityAt: entityAt, entityTokens: entityTokens,
                    honorifics: honorifics)
            else { continue }
            moved[p] = q
        }
        return moved
    }
}
