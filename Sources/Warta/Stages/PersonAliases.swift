import Foundation

/// Short names and nicknames that stand for a full name of the document (ANNOTATION.md: a short PERSON
/// mention's norm, and a quote's speaker, is the fullest form of that name), run after `linkFullestNames`.
///
/// Two kinds of mention are linked here, both read off lists of the rules file:
/// - a name after an address form (`alias_address`, and the honorifics: `Bu Lis`, `Pak Harto`, `Gus
///   Sukarsa`, `Men Suarni`): the address form is no part of the name, and what is left links to the one
///   full name it fits: a whole word of it, else (only when exactly one full name fits) the start or the
///   end of one of its words (`Lis` of `Listyawati`, `Yati` of `Nurhayati`, `Wir` of `Wiranto`);
/// - a nickname the text introduces (`alias_cue_before`: `yang akrab disapa X`, `alias X`; `alias_cue_after`:
///   `X, sapaan akrabnya`): X is the person named right before the cue in its sentence (`Ni Ketut Suarni
///   alias Men Suarni`), else the one full name it fits as above. Every mention of that nickname in the
///   document then stands for that person.
/// Two full names that fit equally leave the mention as it was.
extension TagState {
    // Long: its steps (the document's full names, the fit of a short name, nicknames the text introduces,
    // every mention) share the lists, the full names and the fit memo; not yet split into a reader type as
    // `FullNameReader` was for `linkFullestNames` (merged late on 2026-12-06; left for the next pass).
    mutating func linkAliases() {
        let f = view.features
        func list(_ name: String) -> TokenTrie<Bool>? { rules.listIndex(name).map { rules.lists[$0] } }
        let address = [list("honorific"), list("alias_address")].compactMap { $0 }
        let cuesBefore = list("alias_cue_before"), cuesAfter = list("alias_cue_after")
        guard entities.contains(where: { $0.type == .PERSON }),
            !address.isEmpty || cuesBefore != nil || cuesAfter != nil
        else { return }
        func isAddress(_ t: Int) -> Bool {
            guard t >= 0, t < view.count, f[t].kind == .word else { return false }
            return address.contains { $0.hasSingleTokenEntry(f[t].folded) || $0.hasSingleTokenEntry(f[t].folded + ".") }
        }
        /// A cue of `l` (one or more words) that ends right before token `t` / starts at token `t`.
        func cueEnding(before t: Int, _ l: TokenTrie<Bool>?) -> Int? {
            guard let l else { return nil }
            for s in max(0, t - 4)..<t {
                let ms = l.matches(from: s, key: { k in k < t ? f[k].folded : nil })
                if ms.contains(where: { $0.end == t }) { return s }
            }
            return nil
        }
        func cueStarting(at t: Int, _ l: TokenTrie<Bool>?) -> Bool {
            guard let l, t < view.count else { return false }
            return !l.matches(from: t, key: { k in k < view.count && k < t + 5 ? f[k].folded : nil }).isEmpty
        }
        /// The name words of an entity without its leading address forms.
        func nameWords(_ e: Candidate) -> (start: Int, words: [String]) {
            var s = e.start
            while s < e.end - 1, isAddress(s) { s += 1 }
            return (s, (s..<e.end).filter { f[$0].kind == .word }.map { f[$0].text })
        }
        // The full names of the document: each PERSON's norm, or its name words, of more than one word.
        var fullNames: [String] = []
        var seen = Set<String>()
        for e in entities where e.type == .PERSON {
            let name = e.norm ?? nameWords(e).words.joined(separator: " ")
            if name.contains(" "), seen.insert(name).inserted { fullNames.append(name) }
        }
        guard !fullNames.isEmpty else { return }
        /// The one full name the short words fit: each a whole word of it, else each the start or the end
        /// (three letters or more) of one of its words, in order. Nil when none or several fit.
        var fitMemo: [String: String?] = [:]
        func fit(_ short: [String]) -> String? {
            guard !short.isEmpty, short.count <= 2 else { return nil }
            let key = short.joined(separator: " ")
            if let known = fitMemo[key] { return known }
            let answer = fitting(short, key: key)
            fitMemo[key] = .some(answer)
            return answer
        }
        func fitting(_ short: [String], key: String) -> String? {
            func fits(_ name: String, whole: Bool) -> Bool {
                guard name != key else { return false }
                let parts = name.split(separator: " ").map(String.init)
                var k = 0
                for w in short {
                    let lw = w.lowercased()
                    guard
                        let found = parts[k...].firstIndex(where: { p in
                            let lp = p.lowercased()
                            return lp == lw
                                || (!whole && lw.count >= 3 && lp.count > lw.count
                                    && (lp.hasPrefix(lw) || lp.hasSuffix(lw)))
                        })
                    else { return false }
                    k = found + 1
                    if k > parts.count { return false }
                }
                return true
            }
            for whole in [true, false] {
                let names = fullNames.filter { fits($0, whole: whole) }
                // A name that is a part of another one that fits (`Rizal Pakaya`, `Moh. Rizal Pakaya`) is that one.
                let outer = names.filter { n in !names.contains { $0 != n && $0.contains(n) } }
                if outer.count == 1 { return outer[0] }
                if outer.count > 1 { return nil }
            }
            return nil
        }
        var aliasOf: [String: String] = [:]
        // Nicknames the text introduces.
        for e in entities where e.type == .PERSON && e.norm == nil {
            let (start, words) = nameWords(e)
            let key = words.joined(separator: " ")
            guard aliasOf[key] == nil else { continue }
            var cueAt: Int? = nil
            var first = e.start
            while isAddress(first - 1) { first -= 1 }
            if let c = cueEnding(before: first, cuesBefore) { cueAt = c }
            if cueStarting(at: e.end, cuesAfter)
                || (e.end < view.count && f[e.end].text == "," && cueStarting(at: e.end + 1, cuesAfter))
            {
                cueAt = cueAt ?? e.start
            }
            guard let cue = cueAt else { continue }
            // The person named right before the cue, in its sentence (`Ni Ketut Suarni alias Men Suarni`,
            // `Rinaldi, yang akrab disapa Aldi`), when the cue comes before the nickname.
            var named: String? = nil
            if cue < e.start {
                var t = cue - 1
                while t >= 0, t >= cue - 3, view.sentenceOf[t] == view.sentenceOf[cue], named == nil {
                    if let p = entities.first(where: { $0.type == .PERSON && $0.end == t + 1 && $0.start != start }) {
                        let name = p.norm ?? nameWords(p).words.joined(separator: " ")
                        // Initials (`AH alias Ucok`) are no fuller form of a nickname.
                        if name != key, name.contains(where: \.isLowercase) { named = name }
                    }
                    if f[t].kind == .word, f[t].shape == .lower { break }
                    t -= 1
                }
            }
            if let full = named ?? fit(words) { aliasOf[key] = full }
        }
        // Every mention: a nickname introduced, or a short name after an address form.
        for k in entities.indices where entities[k].type == .PERSON && entities[k].norm == nil {
            let e = entities[k]
            let (start, words) = nameWords(e)
            let key = words.joined(separator: " ")
            var full = aliasOf[key]
            if full == nil, start > e.start || isAddress(e.start - 1) { full = fit(words) }
            guard let full, full != text(e.start, e.end) else { continue }
            entities[k].norm = full
            if entities[k].normKind == .none { entities[k].normKind = .text }
        }
    }
}
