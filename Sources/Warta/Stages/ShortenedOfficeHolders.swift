extension QuoteWork {
    /// An office still linked to nobody whose first word is a short form (`Kasi Intel`, `Kajari Ogan Ilir`,
    /// `Kadis Pendidikan`; acting prefix aside) stands for the one person the document names under a long
    /// form: each ROLE that opens with the long form of that word and holds every other word (short ones by
    /// their long form: `Kepala Seksi Intelijen Kejaksaan Negeri Padang`, not `Kepala Kejaksaan Negeri
    /// Padang`, for `Kasi Intel`; the words written between an office and its holder count, `heldWords`) gives
    /// its linked person, or the person named beside it (`holdersBeside`), a headline's office aside; two
    /// different names leave the office as it is.
    ///
    /// - Complexity: for each distinct set of words of such an office, the ROLEs holding the rarest word of
    ///   each of its long forms (a pass over every ROLE made a document of N such offices take N² steps).
    static func shortenedOfficeHolders(
        _ document: Document, view: TokenView, entityTokens: [(start: Int, end: Int)], resolved: [Int],
        shortening: OfficeShortening, acting: Set<String>, beside: [Int: Int?]
    ) -> [Int] {
        guard !shortening.isEmpty else { return resolved }
        let entities = document.entities
        let roles = entities.indices.filter { entities[$0].type == .ROLE }
        func words(_ i: Int) -> [String] {
            var w = (entityTokens[i].start..<entityTokens[i].end).filter { view.features[$0].kind == .word }
                .map { view.features[$0].folded }
            if w.count > 1, acting.contains(w[0]) { w.removeFirst() }
            return w
        }
        let shortened = roles.filter { resolved[$0] == $0 }.compactMap { r -> (Int, [String])? in
            let w = words(r)
            return shortening.longForms[w.first ?? ""] == nil ? nil : (r, w)
        }
        guard !shortened.isEmpty else { return resolved }
        let written = Dictionary(uniqueKeysWithValues: roles.map { ($0, words($0)) })
        let held = heldWords(roles, written: written, view: view, entityTokens: entityTokens, beside: beside)
        // The ROLEs off headlines holding each word, so that an office is compared only with those holding
        // the rarest word of a long form (in the document's order, as a walk over every ROLE met them).
        var rolesByWord: [String: [Int]] = [:]
        for i in roles where entityTokens[i].start >= view.count || !view.features[entityTokens[i].start].titleLine {
            for w in held[i]! { rolesByWord[w, default: []].append(i) }
        }
        func name(_ e: Int) -> String { entities[e].norm ?? document.substring(entities[e].range) }
        var memo: [[String]: Int?] = [:]
        var result = resolved
        for (r, mine) in shortened {
            if memo[mine] == nil {
                let forms = shortening.expansions(of: mine)
                var candidates = Set<Int>()
                for form in forms {
                    let rarest = form.words.min { (rolesByWord[$0]?.count ?? 0) < (rolesByWord[$1]?.count ?? 0) }
                    candidates.formUnion(rarest.flatMap { rolesByWord[$0] } ?? [])
                }
                var holder: Int? = nil
                var ambiguous = false
                for i in candidates.sorted() {
                    let theirs = written[i]!
                    guard forms.contains(where: { theirs.starts(with: $0.head) && $0.words.isSubset(of: held[i]!) })
                    else { continue }
                    let p = entities[resolved[i]].type == .PERSON ? resolved[i] : beside[i] ?? nil
                    guard let p else { continue }
                    if let h = holder, name(h) != name(p) { ambiguous = true; break }
                    if holder == nil { holder = p }
                }
                memo[mine] = .some(ambiguous ? nil : holder)
            }
            if let holder = memo[mine] ?? nil { result[r] = holder }
        }
        return result
    }

    /// The words each office holds: its own (`written`), and those written between it and the holder named
    /// after it (`Kepala Badan Kepegawaian ... (BKPSDM), <name>` holds `BKPSDM`, for `Kaban BKPSDM`; issue 19,
    /// seventeenth pass).
    static func heldWords(
        _ roles: [Int], written: [Int: [String]], view: TokenView, entityTokens: [(start: Int, end: Int)],
        beside: [Int: Int?]
    ) -> [Int: Set<String>] {
        var held: [Int: Set<String>] = [:]
        for i in roles {
            held[i] = Set(written[i]!)
            if let p = beside[i] ?? nil, entityTokens[p].start >= entityTokens[i].end {
                held[i]!.formUnion(
                    (entityTokens[i].end..<entityTokens[p].start).filter { view.features[$0].kind == .word }.map {
                        view.features[$0].folded
                    })
            }
        }
        return held
    }
}
