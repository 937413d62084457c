import Foundation

/// The look-ups behind `linkAliases` (PersonAliases.swift), for one document: the address forms and the
/// cues of nicknames (lists of the rules file), the document's full names, which full name a short name
/// fits, the nicknames the text introduces and the norm each short PERSON mention takes.
///
/// A class only for its memos, `fitMemo` and `shortenedMemo` (the fit of one short name is asked again for
/// each of its mentions); built once per document and not shared.
final class AliasReader {
    let state: TagState
    let f: [TokenView.Features]
    /// Address forms that are no part of a name (`honorific`, `alias_address`).
    let address: [TokenTrie<Bool>]
    let cuesBefore: TokenTrie<Bool>?
    let cuesAfter: TokenTrie<Bool>?
    /// Each PERSON's norm, or its name words, of more than one word, in the document's order.
    private(set) var fullNames: [String] = []
    /// Which full names a short word may fit (all of them were tried for every mention: a list of 4,000
    /// names took 21 s).
    private var fullNameIndex = NameWordIndex([])
    private var singleNameIndex = NameWordIndex([])
    /// The entities (indices, in order) that end at each token: what ends right before a cue is looked up,
    /// not searched for among all entities (a list of thousands of nicknamed people was quadratic).
    private lazy var entitiesEndingAt: [Int: [Int]] = Dictionary(grouping: state.entities.indices) {
        state.entities[$0].end
    }
    /// The PERSON names of one word (`Rusdiansyah`, a name written alone), in the document's order.
    private(set) var singleNames: [String] = []
    private var fitMemo: [String: String?] = [:]
    private var shortenedMemo: [String: String?] = [:]

    /// Nil when there is nothing to link: no PERSON, none of the lists, or no full name.
    init?(_ state: TagState) {
        self.state = state
        f = state.view.features
        let rules = state.rules
        func list(_ name: String) -> TokenTrie<Bool>? { rules.listIndex(name).map { rules.lists[$0] } }
        address = [list("honorific"), list("alias_address")].compactMap { $0 }
        cuesBefore = list("alias_cue_before")
        cuesAfter = list("alias_cue_after")
        guard state.entities.contains(where: { $0.type == .PERSON }),
            !address.isEmpty || cuesBefore != nil || cuesAfter != nil
        else { return nil }
        var fullNames: [String] = []
        var singleNames: [String] = []
        var seen = Set<String>()
        for e in state.entities where e.type == .PERSON {
            let name = e.norm ?? writtenName(e)
            guard seen.insert(name).inserted else { continue }
            if name.contains(" ") { fullNames.append(name) } else { singleNames.append(name) }
        }
        guard !fullNames.isEmpty || !singleNames.isEmpty else { return nil }
        self.fullNames = fullNames
        self.singleNames = singleNames
        fullNameIndex = NameWordIndex(fullNames)
        singleNameIndex = NameWordIndex(singleNames)
    }

    /// The full names a first short word `w` can fit, in the document's order (`NameWordIndex`: a superset
    /// of the names `fits` and `shortenedFitting` accept, whose first short word equals, starts or ends
    /// one of their words).
    func candidates(_ w: String) -> [String] { fullNameIndex.candidates(w).map { fullNames[$0] } }

    var count: Int { state.view.count }

    /// The first entity (in entity order) ending right before token `end` that `test` accepts.
    func firstEntity(endingAt end: Int, where test: (Candidate) -> Bool) -> Candidate? {
        entitiesEndingAt[end, default: []].lazy.map { self.state.entities[$0] }.first(where: test)
    }

    func isAddress(_ t: Int) -> Bool {
        guard t >= 0, t < count, f[t].kind == .word else { return false }
        return address.contains { $0.hasSingleTokenEntry(f[t].folded) || $0.hasSingleTokenEntry(f[t].folded + ".") }
    }

    /// A cue of `l` (one or more words) that ends right before token `t`: where it starts.
    func cueEnding(before t: Int, _ l: TokenTrie<Bool>?) -> Int? {
        guard let l else { return nil }
        for s in max(0, t - 4)..<t {
            let ms = l.matches(from: s, key: { k in k < t ? self.f[k].folded : nil })
            if ms.contains(where: { $0.end == t }) { return s }
        }
        return nil
    }

    /// A cue of `l` starts at token `t`.
    func cueStarting(at t: Int, _ l: TokenTrie<Bool>?) -> Bool {
        guard let l, t < count else { return false }
        return !l.matches(from: t, key: { k in k < self.count && k < t + 5 ? self.f[k].folded : nil }).isEmpty
    }

    /// The name words of an entity without its leading address forms.
    /// A PERSON's name words as written (`nameWords`), each with the abbreviation dot written right after it
    /// (`Kiagus M. Yusuf`, not `Kiagus M Yusuf`): the full name a short mention takes (issue 19, seventeenth pass).
    func writtenName(_ e: Candidate) -> String {
        let start = nameWords(e).start
        let tokens = state.document.tokens
        var words: [String] = []
        for t in start..<e.end {
            if f[t].kind == .word {
                words.append(f[t].text)
            } else if f[t].text == ".", t > start, f[t - 1].kind == .word,
                tokens[t - 1].range.end == tokens[t].range.start
            {
                words[words.count - 1] += "."
            }
        }
        return words.joined(separator: " ")
    }

    func nameWords(_ e: Candidate) -> (start: Int, words: [String]) {
        var s = e.start
        while s < e.end - 1, isAddress(s) { s += 1 }
        return (s, (s..<e.end).filter { f[$0].kind == .word }.map { f[$0].text })
    }

    /// The one full name the short words fit: each a whole word of it, else each the start or the end
    /// (three letters or more) of one of its words, in order; else, for one word, the one name of a single
    /// word it starts. Nil when none or several fit.
    func fit(_ short: [String]) -> String? {
        guard !short.isEmpty, short.count <= 2 else { return nil }
        let key = short.joined(separator: " ")
        return memoized(\.fitMemo, key) { fitting(short, key: key) }
    }

    /// `compute`'s answer for `key`, worked out once per document and kept in `memo`.
    private func memoized(
        _ memo: ReferenceWritableKeyPath<AliasReader, [String: String?]>, _ key: String, _ compute: () -> String?
    ) -> String? {
        if let known = self[keyPath: memo][key] { return known }
        let answer = compute()
        self[keyPath: memo][key] = .some(answer)
        return answer
    }

    /// The names no other of `names` contains (`Moh. Rizal Pakaya`, not `Rizal Pakaya`).
    static func outermost(_ names: [String]) -> [String] {
        names.filter { n in !names.contains { $0 != n && $0.contains(n) } }
    }

    func fitting(_ short: [String], key: String) -> String? {
        for whole in [true, false] {
            let names = candidates(short[0]).filter { Self.fits(short, key: key, $0, whole: whole) }
            // A name that is a part of another one that fits (`Rizal Pakaya`, `Moh. Rizal Pakaya`) is that one.
            let outer = Self.outermost(names)
            if outer.count == 1 { return outer[0] }
            if outer.count > 1 { return nil }
        }
        // No name of two or more words fits: a one-word name of the document whose start it is (`Rusdi` of
        // `Rusdiansyah`, `TagState.truncates`), when only one is.
        guard short.count == 1 else { return nil }
        let single = singleNameIndex.candidates(short[0]).map { singleNames[$0] }.filter {
            TagState.truncates(short[0], $0)
        }
        return single.count == 1 ? single[0] : nil
    }

    /// The short words (`key` joined) fit the full name `name`: in order, each a word of it (`whole`), or
    /// also the start or the end of one.
    static func fits(_ short: [String], key: String, _ name: String, whole: Bool) -> Bool {
        guard name != key else { return false }
        let parts = name.split(separator: " ").map(String.init)
        var k = 0
        for w in short {
            let lw = w.lowercased()
            guard
                let found = parts[k...].firstIndex(where: { p in
                    let lp = p.lowercased()
                    return lp == lw
                        || (!whole && lw.count >= 3 && lp.count > lw.count && (lp.hasPrefix(lw) || lp.hasSuffix(lw)))
                })
            else { return false }
            k = found + 1
            if k > parts.count { return false }
        }
        return true
    }

    /// The one full name a mention of two or more words fits with its words in order, each a word of the
    /// name or the start of one (`TagState.truncates`: `Gusti Ridwan` for `Gusti Muhammad Ridwansyah`), at
    /// least one written whole and one shortened (whole words alone are `linkFullestNames`'s), or all
    /// written whole with inner words of the name left out, its first word kept (`TagState.isGappedPart`:
    /// `Wa Ode Rini` for `Wa Ode Siti Rini`). Nil when none or several fit.
    func shortenedFit(_ short: [String]) -> String? {
        guard short.count >= 2 else { return nil }
        let key = short.joined(separator: " ")
        return memoized(\.shortenedMemo, key) { shortenedFitting(short, key: key) }
    }

    func shortenedFitting(_ short: [String], key: String) -> String? {
        let names = candidates(short[0]).filter { name in
            guard name != key else { return false }
            let parts = name.split(separator: " ").map(String.init)
            var k = 0, whole = false, shortened = false
            for w in short {
                guard k < parts.count,
                    let found = parts[k...].firstIndex(where: { $0 == w || TagState.truncates(w, $0) })
                else { return false }
                if parts[found] == w { whole = true } else { shortened = true }
                k = found + 1
            }
            return (whole && shortened) || TagState.isGappedPart(short, of: parts)
        }
        let outer = Self.outermost(names)
        return outer.count == 1 ? outer[0] : nil
    }

    /// A PERSON mention not linked to a fuller name yet: no norm, or a norm that is only its name words
    /// without the address form before them (`Cak Udin` -> `Udin`).
    func unlinked(_ e: Candidate) -> Bool {
        e.norm == nil || e.norm == nameWords(e).words.joined(separator: " ")
    }

    /// A nickname written in quotation marks inside a name (`Bambang "Bembi" Sutrisno`), with the name
    /// without it.
    func nicknameInMarks(_ e: Candidate) -> (nickname: String, full: String)? {
        let (start, _) = nameWords(e)
        guard let open = (start..<e.end).first(where: { f[$0].text == "\"" }),
            let close = (open + 1..<e.end).first(where: { f[$0].text == "\"" }), close > open + 1
        else { return nil }
        let inside = (open + 1..<close).filter { f[$0].kind == .word }.map { f[$0].text }
        let outside = (start..<e.end).filter { ($0 < open || $0 > close) && f[$0].kind == .word }.map { f[$0].text }
        guard !inside.isEmpty, outside.count >= 2 else { return nil }
        return (inside.joined(separator: " "), outside.joined(separator: " "))
    }

    /// A nickname in parentheses right after a full name (`Bambang Sutrisno (Bembi)`): one title-case word
    /// that is no other kind of entity (a party, `(Golkar)`, is an ORG), with the name before it.
    func nicknameInParentheses(_ e: Candidate) -> (nickname: String, full: String)? {
        let words = nameWords(e).words
        let t = e.end + 1
        guard words.count >= 2, t + 1 < count, f[e.end].text == "(", f[t + 1].text == ")", f[t].kind == .word,
            f[t].shape == .title,
            !state.entities.contains(where: { $0.type != .PERSON && $0.start <= t && t < $0.end })
        else { return nil }
        return (f[t].text, e.norm ?? words.joined(separator: " "))
    }

    /// The nicknames the text introduces, each with the full name it stands for.
    func nicknames() -> [String: String] {
        let entities = state.entities
        var aliasOf: [String: String] = [:]
        for e in entities where e.type == .PERSON {
            if let (nickname, full) = nicknameInMarks(e) ?? nicknameInParentheses(e), aliasOf[nickname] == nil {
                aliasOf[nickname] = full
            }
        }
        for e in entities where e.type == .PERSON && unlinked(e) {
            let (start, words) = nameWords(e)
            let key = words.joined(separator: " ")
            guard aliasOf[key] == nil else { continue }
            var cueAt: Int? = nil
            var first = e.start
            // Address forms before it, each with its abbreviation dot (`disapa dr. Ana`).
            while isAddress(first - 1) || (first >= 2 && f[first - 1].text == "." && isAddress(first - 2)) {
                first -= f[first - 1].text == "." ? 2 : 1
            }
            if let c = cueEnding(before: first, cuesBefore) { cueAt = c }
            if cueStarting(at: e.end, cuesAfter)
                || (e.end < count && f[e.end].text == "," && cueStarting(at: e.end + 1, cuesAfter))
            {
                cueAt = cueAt ?? e.start
            }
            guard let cue = cueAt else { continue }
            let named = cue < e.start ? named(before: cue, key: key, nicknameStart: start) : nil
            if let full = named ?? fit(words) ?? lastWordFit(words) { aliasOf[key] = full }
        }
        return aliasOf
    }

    /// The one name of the document (of one word or more) that the last word of a nickname the text introduces
    /// fits, when its words do not all fit one: a whole word of it, or the start or the end (three letters or
    /// more) of one (`Dayu Sriani, sapaan akrabnya` for `Ida Ayu Made Sriani`; `yang akrab disapa Abu Rahman`
    /// for `Abdurrahman Ismail`). Nil when none or several fit.
    func lastWordFit(_ words: [String]) -> String? {
        guard let last = words.last?.lowercased(), last.count >= 3 else { return nil }
        let key = words.joined(separator: " ")
        let names = (fullNames + singleNames).filter { name in
            name != key
                && name.split(separator: " ").contains { part in
                    let p = part.lowercased()
                    return p == last || (p.count > last.count && (p.hasPrefix(last) || p.hasSuffix(last)))
                }
        }
        let outer = Self.outermost(names)
        return outer.count == 1 ? outer[0] : nil
    }

    /// The person named right before a cue that comes before the nickname, in the cue's sentence (`Ni Ketut
    /// Suarni alias Men Suarni`, `Rinaldi, yang akrab disapa Aldi`).
    func named(before cue: Int, key: String, nicknameStart start: Int) -> String? {
        let view = state.view
        var named: String? = nil
        var t = cue - 1
        while t >= 0, t >= cue - 3, view.sentenceOf[t] == view.sentenceOf[cue], named == nil {
            if let p = firstEntity(endingAt: t + 1, where: { $0.type == .PERSON && $0.start != start }) {
                let name = p.norm ?? nameWords(p).words.joined(separator: " ")
                // Initials (`AH alias Ucok`) are no fuller form of a nickname.
                if name != key, name.contains(where: \.isLowercase) { named = name }
            }
            if f[t].kind == .word, f[t].shape == .lower { break }
            t -= 1
        }
        return named ?? holder(ofOfficeEndingAt: cue)
    }

    /// The one person who holds, in the document, the office written right before a nickname's cue
    /// (`Gubernur yang akrab disapa X`, the governor named earlier as `Gubernur <Province>, <Name>`): the
    /// office's words are the first words of an office followed (after a comma or address forms) by a PERSON.
    /// Nil when no office ends there, or no holder or several distinct ones are named.
    func holder(ofOfficeEndingAt cue: Int) -> String? {
        let entities = state.entities
        guard let office = firstEntity(endingAt: cue, where: { $0.type == .ROLE }) else { return nil }
        let words = (office.start..<office.end).map { f[$0].folded }
        var holders = Set<String>()
        for r in entities where r.type == .ROLE && r.end - r.start >= words.count {
            guard (0..<words.count).allSatisfy({ f[r.start + $0].folded == words[$0] }) else { continue }
            var next = r.end
            if next < count, f[next].text == "," { next += 1 }
            while next < count, isAddress(next) { next += 1 }
            if let p = entities.first(where: {
                $0.type == .PERSON && $0.start <= next && next < $0.end && $0.start >= r.end
            }) {
                let name = p.norm ?? nameWords(p).words.joined(separator: " ")
                if name.contains(" ") { holders.insert(name) }
            }
        }
        return holders.count == 1 ? holders.first : nil
    }

    /// The new norm of each PERSON mention without one that is a nickname introduced, or a short name after
    /// an address form, by entity index.
    func norms(aliasOf: [String: String]) -> [(entity: Int, norm: String)] {
        let entities = state.entities
        var out: [(entity: Int, norm: String)] = []
        for k in entities.indices where entities[k].type == .PERSON && unlinked(entities[k]) {
            let e = entities[k]
            let (start, words) = nameWords(e)
            let key = words.joined(separator: " ")
            var full = aliasOf[key]
            if full == nil, start > e.start || isAddress(e.start - 1) { full = fit(words) }
            if full == nil { full = shortenedFit(words) }
            guard let full, full != state.text(e.start, e.end) else { continue }
            out.append((k, full))
        }
        return out
    }
}
