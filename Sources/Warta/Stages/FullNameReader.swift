import Foundation

/// The word tests and the growing behind `linkFullestNames` (PersonFullNames.swift), for one document:
/// which words can be part of a personal name at a place, a PERSON entity's core, the forms a core
/// grows to where the document writes it, and which of them is the fullest name.
///
/// A class only for `placeMemo` (the place test is asked again for the same token); built once per
/// document and not shared.
final class FullNameReader {
    let state: TagState
    let f: [TokenView.Features]
    /// The view's lexemes: which lists have an entry starting with each token (`NameList.mayStart`).
    let lexemes: DocumentLexemes?
    /// Words that are never part of a name, and common words that are part of one only where a name
    /// needs them (`soft`: `H. Lalu Mustiadi`, `Dr. Anak Agung Gede Wiratmaja`, `dr. Rahmat Tanjung,`).
    let blockers: [NameList]
    let soft: [NameList]
    let honorifics: NameList?
    let degrees: NameList?
    let sentenceCommon: NameList?
    let ambiguousPlaces: NameList?
    /// Verbs of a headline (`Bupati Hendra Saputra Resmikan Pasar`, speech verbs too): in a title
    /// line, where every word is capitalized, a name ends before one.
    let headlineVerbs: [NameList]
    /// Speech verbs of the active voice (`Menegaskan`, `Mengatakan`): written capitalized after a name
    /// anywhere (a careless line, a caption), they end it, as a headline's verb does in a title line.
    let activeSpeechVerbs: NameList?
    /// An address form of a wife named after her husband (`Ny. Rina Petrus Silalahi`): the husband's
    /// name written inside hers is no fuller form of his.
    let spouseAddress: NameList?
    /// Police and military ranks (`Irjen`, `AKBP`, `Letkol`): never inside a name, so a PERSON the
    /// tagger ran over an office's last word and a rank (`Raya Irjen Pol Sugeng Wibowo`) starts after the rank.
    let ranks: NameList?
    /// The corps words after a rank (`corps`) and the lists whose words open no name after one
    /// (`neverAfterRank`): `rankOpensName`.
    let corpsWords: NameList?
    /// The office words (`office`): `rightAfterOffice`.
    let officeWords: NameList?
    let barredAfterRank: [NameList]
    /// Customary and religious titles never inside a name (`lead_title`: `Mangku`, `Rato`): as a rank, a PERSON
    /// that holds one with a word after it starts after it (`Jero Mangku <name>`).
    let leadTitles: NameList?
    /// The words written in title case outside title lines (headlines, captions): a name read in a
    /// title line goes on to the right only over words the body writes too (`Bupati Hendra Saputra
    /// Harvests ...`: no `Harvests` in the body).
    let bodyWords: Set<String>
    /// The first words of the document's ORG entities (`Persebaya` of `Persebaya Surabaya`): a PERSON
    /// the tagger ran on from a club or body into a name (`bek kiri Persebaya Ruben Sanadi`) starts after it.
    let bodyStarts: Set<String>
    /// The last words of the document's ROLE and ORG entities that no PERSON covers (`Lotim` of `Kepala
    /// Dinas Dikbud Lotim`): a place or body written after an office. A PERSON the tagger ran on from an
    /// office's place into a name (`Ketua PGRI Lotim Ahmad Juhaeri` giving `Lotim Ahmad Juhaeri`) starts after it.
    let bodyEnds: Set<String>
    /// Where the document writes each capitalized word outside every PERSON entity (token indices), for
    /// `placeAfterOffice`.
    let writtenApart: [String: [Int]]
    /// The tokens right after a ROLE entity (its end), for `placeAfterOffice`.
    let afterRole: Set<Int>
    /// The words the document writes in lower case (folded): a sentence's first word that is one of them
    /// (`Terdakwa` where the text writes `terdakwa` too) is a common word, capitalized only by its place.
    let lowerWords: Set<String>
    /// Cues that introduce a nickname before or after it (`yang akrab disapa`, `sapaan akrabnya`): a
    /// nickname so introduced (`Miq Fikri`) is no fuller form of the name it stands for.
    let aliasCuesBefore: NameList?
    let aliasCuesAfter: NameList?
    let days: NameList?
    /// The words of the photo captions normalize removed as furniture (`Removal.kind` `caption`), each with
    /// whether punctuation ends it: a full name written only there (`<office>, <name> memberikan keterangan.
    /// (Foto: ...)`) is the fullest form of a short mention in the body (`fullestInCaptions`).
    let captions: [[(word: String, stop: Bool)]]
    /// The lists whose words are never, or only sometimes, a word of a name (`captionNameWord`).
    let captionNonNames: [NameList]
    let givenNames: NameList?
    /// Endings that make a woman's name of a man's (`feminine_name_ending`: `tina` of `Agustina`): a one-word
    /// mention is no clipped form of a word that it opens with one of them left off (`fullestTruncated`).
    let feminineEndings: NameList?
    /// One capital letter that is a word, never a name's initial (`A`; the list `not_initial`).
    let notInitials: NameList?
    /// Speech verbs written bare after a quote (`kata`, `tutur`).
    let bareSpeechVerbs: NameList?
    /// Office words that are also a name's last word (`office_surname`: `Hakim`).
    let officeSurnames: NameList?
    let months: NameList?
    /// Hereditary titles that stay in a name (`noble_title`: `Raja`, `Uray`, `Lalu`), even one another list
    /// keeps out of names (`Raja`, an office too).
    let nobleTitles: NameList?
    let places: [Gazetteer]
    /// A PERSON entity covers the token.
    let personCover: [Bool]
    /// The outermost other entity over each token (-1: none).
    let otherCover: [Int]
    /// The narrowest ORG, LOC or FAC entity over each token (-1: none): a name grown inside an office phrase
    /// the tagger took whole does not run on from one body into another (`Ditjen Bina Keuda Kemendagri`).
    let bodyCover: [Int]
    private var placeMemo: [Int: Bool] = [:]

    // Long: one line per list of the rules file it reads and one pass over the entities for the covers.
    init(_ state: TagState) {
        self.state = state
        f = state.view.features
        lexemes = state.view.lexemes
        let rules = state.rules
        func list(_ name: String) -> NameList? {
            rules.listIndex(name).map { NameList(index: $0, trie: rules.lists[$0]) }
        }
        blockers = [
            "office", "org_head", "event_head", "fac_head", "day", "month",
            "role_prefix", "degree", "number_word", "not_person_word", "person_title", "office_en", "corps"
        ]
        .compactMap(list)
        soft = ["not_name", "loc_head", "portfolio", "nominal"].compactMap(list)
        honorifics = list("honorific")
        degrees = list("degree")
        sentenceCommon = list("sentence_common")
        ambiguousPlaces = list("ambiguous_place")
        headlineVerbs = ["headline_verb", "speech_bare", "speech_active", "speech_en"].compactMap(list)
        spouseAddress = list("spouse_address")
        activeSpeechVerbs = list("speech_active")
        ranks = list("rank_word")
        corpsWords = list("corps")
        officeWords = list("office")
        barredAfterRank = Self.neverAfterRank.compactMap(list)
        leadTitles = list("lead_title")
        var bodyWords = Set<String>()
        for t in 0..<state.view.count where f[t].kind == .word && f[t].shape == .title && !f[t].titleLine {
            bodyWords.insert(f[t].text)
        }
        self.bodyWords = bodyWords
        captions = state.document.removed.filter { $0.kind == Self.captionKind }.map { Self.captionWords($0.text) }
        let features = f
        bodyStarts = Set(state.entities.filter { $0.type == .ORG }.map { features[$0.start].text })
        aliasCuesBefore = list("alias_cue_before")
        aliasCuesAfter = list("alias_cue_after")
        days = list("day")
        let given = list("given_name")
        givenNames = given
        feminineEndings = list("feminine_name_ending")
        months = list("month")
        nobleTitles = list("noble_title")
        notInitials = list("not_initial")
        officeSurnames = list("office_surname")
        bareSpeechVerbs = list("speech_bare")
        lowerWords = Set(features.filter { $0.kind == .word && $0.shape == .lower }.map(\.folded))
        places = rules.gazetteers.filter { ["regions", "countries"].contains($0.id) }
        let entities = state.entities
        var personCover = [Bool](repeating: false, count: state.view.count)
        var otherCover = [Int](repeating: -1, count: state.view.count)
        var bodyCover = [Int](repeating: -1, count: state.view.count)
        for (k, e) in entities.enumerated() {
            for t in e.start..<e.end {
                if [.ORG, .LOC, .FAC].contains(e.type),
                    bodyCover[t] < 0 || entities[bodyCover[t]].end - entities[bodyCover[t]].start > e.end - e.start
                {
                    bodyCover[t] = k
                }
                if e.type == .PERSON {
                    personCover[t] = true
                } else if otherCover[t] < 0
                    || entities[otherCover[t]].end - entities[otherCover[t]].start < e.end - e.start
                {
                    otherCover[t] = k
                }
            }
        }
        self.personCover = personCover
        self.otherCover = otherCover
        self.bodyCover = bodyCover
        var writtenApart: [String: [Int]] = [:]
        for t in 0..<state.view.count
        where !personCover[t] && f[t].kind == .word && (f[t].shape == .title || f[t].shape == .upper) {
            writtenApart[f[t].text, default: []].append(t)
        }
        self.writtenApart = writtenApart
        afterRole = Set(entities.filter { $0.type == .ROLE }.map(\.end))
        bodyEnds = Self.lastWordsOfBodies(entities, features, personCover: personCover, givenNames: given)
        let others = [honorifics, degrees, sentenceCommon, days, months, ranks].compactMap { $0 }
        captionNonNames = blockers + soft + headlineVerbs + others
    }

    /// The last words of the ROLE and ORG entities that no PERSON covers and that are no given name (a
    /// given name ending an office is its holder's name cut short by the tagger, not a place): `bodyEnds`.
    static func lastWordsOfBodies(
        _ entities: [Candidate], _ f: [TokenView.Features], personCover: [Bool], givenNames: NameList?
    ) -> Set<String> {
        var ends = Set<String>()
        for e in entities where (e.type == .ROLE || e.type == .ORG) && e.end > e.start && !personCover[e.end - 1] {
            let t = e.end - 1
            if f[t].kind == .word, f[t].shape == .title || f[t].shape == .upper,
                !(givenNames?.hasSingleTokenEntry(f[t].folded) ?? false)
            {
                ends.insert(f[t].text)
            }
        }
        return ends
    }

    /// A sentence's first word (or the first after a colon, `Foto: ...`) that the document also writes in
    /// lower case, and no given name or word of the soft lists: a common word (`Terdakwa`).
    func commonAtSentenceStart(_ t: Int) -> Bool {
        guard t >= 0, t < count, f[t].kind == .word, f[t].sentenceStart || (t > 0 && f[t - 1].text == ":"),
            lowerWords.contains(f[t].folded)
        else { return false }
        return !inList(givenNames, t) && !soft.contains(where: { inList($0, t) })
    }

    /// The words of a PERSON over tokens `start..<end` up to its last lead title (`lead_title`), when a word of
    /// the name follows it (`Jero Mangku` of `Jero Mangku <name>`); nil when it holds none.
    func lead(start: Int, end: Int) -> [String]? {
        guard let title = (start..<end).last(where: { inList(leadTitles, $0) }), title + 1 < end else { return nil }
        return (start...title).map { f[$0].text }
    }

    /// A word the tagger's office, body or place phrases end with, or a sentence's first word that is a
    /// common word: never the first word of a name (`bodyEnds`, `commonAtSentenceStart`).
    func opensNoName(_ t: Int) -> Bool {
        bodyEnds.contains(f[t].text) || commonAtSentenceStart(t) || placeAfterOffice(t)
    }

    /// The office's place or body that a PERSON the tagger ran on from an office into a name starts with
    /// (`Lurah Fitu Ismail Mahmud`, `Raja Negeri Riring Yakob Matital`, the place `Fitu` written apart elsewhere:
    /// `di Kelurahan Fitu`): a word right after a ROLE, before two more capitalized words on its line, that is
    /// no given name, and that the document writes elsewhere outside every PERSON and not before the word
    /// that follows it here. A name's first word written alone elsewhere is a PERSON there (`kata Ismail`).
    func placeAfterOffice(_ t: Int) -> Bool {
        guard rightAfterOffice(t), t + 2 < count, f[t].kind == .word, f[t + 1].kind == .word,
            f[t + 2].kind == .word, f[t + 1].shape == .title, f[t + 2].shape == .title, sameLine(t, t + 2),
            !inList(givenNames, t), let places = writtenApart[f[t].text]
        else { return false }
        return places.contains { $0 != t && ($0 + 1 >= count || f[$0 + 1].text != f[t + 1].text) }
    }

    var count: Int { state.view.count }

    func hash(_ t: Int) -> UInt64 { f[t].isASCII ? f[t].foldedHash : TokenTrie<Bool>.hash(f[t].folded) }

    /// A word is an entry of a list, written with or without its abbreviation dot (`Hj.`, `Dr.`).
    func inList(_ l: NameList?, _ t: Int) -> Bool {
        guard let l else { return false }
        if l.mayStart(at: t, lexemes), l.hasSingleTokenEntry(f[t].folded, hash: hash(t)) { return true }
        // (A folded form ending with "." has the byte 0x2E last: the byte test first.)
        return f[t].folded.utf8.last == 0x2E && f[t].folded.hasSuffix(".")
            && l.hasSingleTokenEntry(String(f[t].folded.dropLast()))
    }

    /// An entry of the list of one or more words covers the word (`Tgk.`, `Letkol Czi`).
    func covered(by l: NameList?, _ t: Int) -> Bool {
        guard let l else { return false }
        if inList(l, t) { return true }
        for s in max(0, t - 2)...t where l.mayStart(at: s, lexemes) {
            let ms = l.matches(from: s, key: { k in k < self.count && k <= t + 1 ? self.f[k].folded : nil })
            if ms.contains(where: { $0.end > t }) { return true }
        }
        return false
    }

    /// Growing onto a word inside an office, body or place phrase stops (`Direktur Utama Perumda Air
    /// Minum Tirta Port Numbay Benyamin Sibi`), unless a PERSON covers it too, or, to the right, the
    /// name began inside that phrase (`Juru bicara Fraksi PKS Nenden Kurniasih` tagged whole).
    ///
    /// To the left, a given name (`given_name`) that the tagger ran an office phrase on over is free too: the
    /// phrase's last word (`Kepala BKPSDM <place> Siti` before `Marlina Hutagalung`), or a word of the same
    /// phrase as the seed (`Kepala BKPSDM <place> Siti Aminah` taken whole, the name `Siti Aminah Rahmawati`).
    func free(_ t: Int, seed: Int, right: Bool) -> Bool {
        guard t >= 0, t < count else { return false }
        if personCover[t] || otherCover[t] < 0 { return true }
        if !right, inList(givenNames, t),
            state.entities[otherCover[t]].end == t + 1 || (otherCover[t] == otherCover[seed] && !personCover[seed])
        {
            return true
        }
        return right && otherCover[t] == otherCover[seed]
            && (bodyCover[t] < 0 || bodyCover[t] == bodyCover[seed])
    }

    /// An honorific (and its dot) right before token `l` (`Dr.`, `TGH`).
    func honorificBefore(_ l: Int) -> Bool {
        guard l >= 1 else { return false }
        if covered(by: honorifics, l - 1) { return true }
        return l >= 2 && f[l - 1].text == "." && covered(by: honorifics, l - 2)
    }

    /// A degree at token `t`, or over a comma after it (`, S.H.`).
    func degreeAt(_ t: Int) -> Bool {
        guard t < count else { return false }
        if covered(by: degrees, t) { return true }
        return f[t].text == "," && t + 1 < count && covered(by: degrees, t + 1)
    }

    /// Token `r`, an office word that is also a name's last word (`office_surname`: `Hakim`), is a word of
    /// the name it follows when the tagger took it into that PERSON (`Abdul Hakim, S.H.`), so that a short
    /// mention (`kata Abdul`) grows to it too.
    func surnameInPerson(_ r: Int) -> Bool {
        guard r > 0, r < count, f[r].kind == .word, f[r].shape == .title, personCover[r], personCover[r - 1],
            inList(officeSurnames, r)
        else { return false }
        return state.entities.contains { $0.type == .PERSON && $0.start < r && r < $0.end }
    }

    /// Token `r`, a capitalized word the lists or the tagger keep out of names (`Ramadhan` taken for a
    /// month, `Hakim` an office), is the last word of the name that starts at `l` because the name is
    /// framed: an honorific before it and a degree after the word (`Dr. Mochtar Ramadhan, S.H.`); or, for
    /// a word that is no day, month or date, a lower-case word after it (`TGH Ahmad Hakim menjelaskan`).
    func framed(_ r: Int, start l: Int) -> Bool {
        guard r > l, r < count, f[r].kind == .word, f[r].shape == .title, !f[r].titleLine, !f[r].sentenceStart,
            personCover[r] || otherCover[r] < 0 || state.entities[otherCover[r]].end == r + 1,
            !covered(by: honorifics, r), !covered(by: degrees, r), sameLine(r - 1, r), honorificBefore(l)
        else { return false }
        if degreeAt(r + 1) { return true }
        guard r + 1 < count, f[r + 1].kind == .word, f[r + 1].shape == .lower else { return false }
        let date = otherCover[r] >= 0 && state.entities[otherCover[r]].type == .DATE
        return !date && !inList(days, r) && !inList(months, r)
    }

    func isPlace(_ t: Int) -> Bool {
        if let known = placeMemo[t] { return known }
        var answer = false
        // A place name of one or more words covers the word (`Kalimantan Barat`, `Halmahera Selatan`),
        // unless it is a one-word place that is also a common word or a given name.
        search: for s in max(0, t - 3)...t {
            for g in places {
                let ms = g.trie.matches(
                    from: s,
                    key: { k in k < self.count && k <= t + 3 ? (g.fold ? self.f[k].folded : self.f[k].text) : nil })
                for m in ms where m.end > t && m.payloads.contains(where: { $0.type == .LOC }) {
                    if m.end - s == 1 && inList(ambiguousPlaces, s) { continue }
                    answer = true
                    break search
                }
            }
        }
        placeMemo[t] = answer
        return answer
    }

    /// A headline's verb (`Resmikan`, `Tegaskan`, `Instructs`) in a title line.
    func headlineVerb(_ t: Int) -> Bool {
        f[t].titleLine && f[t].kind == .word && headlineVerbs.contains { inList($0, t) }
    }

    /// A capitalized speech verb of the active voice (`Menegaskan`), anywhere: no word of a name.
    func capitalizedSpeechVerb(_ t: Int) -> Bool {
        f[t].kind == .word && f[t].shape == .title && inList(activeSpeechVerbs, t)
    }

    /// A bare speech verb written capitalized right after a closing quotation mark (`..." Kata <name>`,
    /// `...,"Tutur <name>`): the quote's cue, never the first word of the name after it.
    func cueAfterQuote(_ t: Int) -> Bool {
        t > 0 && f[t].kind == .word && f[t].shape == .title && f[t - 1].text == "\"" && inList(bareSpeechVerbs, t)
    }

    /// A word outside a title line, or one the body writes too.
    func confirmed(_ t: Int) -> Bool {
        !f[t].titleLine || f[t].kind != .word || bodyWords.contains(f[t].text)
    }

    /// One capital letter that can be a name's initial (`Krisno H. Siregar`): no word of the `not_initial`
    /// list (`A`).
    func initialLetter(_ t: Int) -> Bool {
        f[t].shape == .initial && f[t].text.count == 1 && !inList(notInitials, t)
    }

    /// A word that can be part of a personal name here.
    func nameWord(_ t: Int, grown: Bool, right: Bool = false) -> Bool {
        // A title line (a headline, a caption) capitalizes every word: there a word is a name word
        // only inside a PERSON the tagger found (`Ketua Bawaslu Rahmat Bagja (tengah). Foto: ...`), and
        // never a headline's verb the tagger took into it (`Hendra Saputra Resmikan Pasar`).
        guard t >= 0, t < count, f[t].kind == .word, !f[t].titleLine || personCover[t], !headlineVerb(t),
            !(grown && right && capitalizedSpeechVerb(t)), !(grown && !right && cueAfterQuote(t))
        else {
            return false
        }
        guard f[t].shape == .title || initialLetter(t) else {
            return false
        }
        if !right, nobleTitleOpening(t) || rankOpensName(t) { return true }
        // A degree written without its dots (`MSi`, `SSos`, `MPd`): a short word with a capital inside.
        if f[t].text.count <= 5, f[t].text.dropFirst().contains(where: \.isUppercase) { return false }
        if blockers.contains(where: {
            $0.mayStart(at: t, lexemes) && $0.hasSingleTokenEntry(f[t].folded, hash: hash(t))
        }) {
            return false
        }
        if soft.contains(where: { inList($0, t) }),
            !(grown && (titleWordOpeningName(t) || (right && (titleWordClosingName(t) || surnameBeforeVerb(t)))))
        {
            return false
        }
        // A place before a name is an office's place (`Wali Kota Jayapura Yohanis Wanggai`); after a
        // name's first word it is a surname (`Rahmat Tanjung`).
        if covered(by: honorifics, t) || (!right && isPlace(t)) { return false }
        // A sentence's first word is capitalized whatever it is: part of a name only when tagged so.
        if grown, f[t].sentenceStart, !personCover[t] || inList(sentenceCommon, t) { return false }
        return true
    }

    /// A noble title (`noble_title`) that opens the name after it (`Ketua Bawaslu Lingga, Raja <name>`): written
    /// capitalized, before a capitalized word on its line, and inside a sentence unless the tagger took it
    /// into a PERSON.
    func nobleTitleOpening(_ t: Int) -> Bool {
        guard inList(nobleTitles, t), f[t].shape == .title, t + 1 < count, f[t + 1].kind == .word,
            f[t + 1].shape == .title, sameLine(t, t + 1), !inList(nobleTitles, t + 1)
        else { return false }
        return personCover[t] || (!f[t].sentenceStart && !f[t].titleLine)
    }

    /// A capitalized common word that opens a name right after punctuation, an acronym, an honorific or
    /// an office (`H. Lalu Mustiadi`, `Setda NTB Lalu Mustiadi`): inside a sentence it is capitalized
    /// only as a name.
    func titleWordOpeningName(_ t: Int) -> Bool {
        guard f[t].shape == .title, !f[t].sentenceStart, !f[t].titleLine, t + 1 < count,
            f[t + 1].shape == .title
        else { return false }
        guard t > 0 else { return false }
        let b = t - 1
        return f[b].kind == .punct || f[b].shape == .upper || covered(by: honorifics, b) || otherCover[b] >= 0
    }

    /// A capitalized common word that ends a name, right before punctuation (`dr. Rahmat Tanjung, Sp.PD.`).
    func titleWordClosingName(_ t: Int) -> Bool {
        f[t].shape == .title && !f[t].titleLine && (t + 1 == count || f[t + 1].kind == .punct)
    }

    /// A capitalized common word right after a tagged name's word and right before a lower-case word,
    /// inside a sentence (`... Afrizal Tanjung mengingatkan`, the tagger stopping at `Afrizal`): written in
    /// capitals there only as the name's last word, a surname.
    func surnameBeforeVerb(_ t: Int) -> Bool {
        guard t > 0, t + 1 < count, f[t].shape == .title, !f[t].sentenceStart, !f[t].titleLine,
            f[t - 1].kind == .word, f[t - 1].shape == .title, personCover[t - 1], !personCover[t],
            f[t + 1].kind == .word, f[t + 1].shape == .lower, sameLine(t, t + 1)
        else { return false }
        return true
    }

    /// `Hi.` inside `Darmin Hi. Ahmad`: a short title-case word and its dot, with a name word after; to the
    /// right of a name also a middle initial, even one that is an honorific elsewhere (`Krisno H. Siregar`,
    /// where `H.` before a name is Haji).
    func abbreviationAt(_ t: Int, right: Bool = false) -> Bool {
        let tokens = state.document.tokens
        guard t + 2 < count, f[t + 1].text == ".",
            // The word after the dot may open a sentence only because the dot was taken for a stop.
            tokens[t + 1].range.start == tokens[t].range.end, nameWord(t + 2, grown: false)
        else { return false }
        if f[t].shape == .title && f[t].text.count <= 4 { return nameWord(t, grown: true) }
        return right && initialLetter(t) && (!f[t].titleLine || personCover[t])
    }

    func sameLine(_ a: Int, _ b: Int) -> Bool {
        let document = state.document
        return !document.text[document.tokens[a].range.start..<document.tokens[b].range.end].contains(0x0A)
    }

    /// The core of the PERSON entity over tokens `start..<end`: without what leads it and is no name
    /// word (an honorific, a place, a headline word) and without what trails it and is no word of a name
    /// (degrees, a dot).
    func core(start: Int, end: Int) -> Range<Int> {
        var lo = start, hi = end
        // A rank inside: the name starts after it (and the honorifics after it, `Irjen Pol`).
        if let rank = (start..<end).last(where: { inList(ranks, $0) || inList(leadTitles, $0) }), rank + 1 < end {
            lo = rank + 1
        }
        while lo < hi, !nameWord(lo, grown: false) { lo += 1 }
        while lo + 1 < hi, bodyStarts.contains(f[lo].text) || opensNoName(lo), nameWord(lo + 1, grown: false) {
            lo += 1
        }
        // In a headline the name ends at its verb (`Hendra Saputra Ajak Warga Sleman`).
        if let verb = (lo..<hi).first(where: headlineVerb) { hi = verb }
        // Anywhere, a name ends at a capitalized speech verb after its first word (`Yunus Bandaso Menegaskan`).
        if lo + 1 < hi, let verb = (lo + 1..<hi).first(where: capitalizedSpeechVerb) { hi = verb }
        while hi > lo,
            f[hi - 1].shape != .title || f[hi - 1].kind != .word || covered(by: degrees, hi - 1)
                || covered(by: honorifics, hi - 1)
                || (f[hi - 1].text.count <= 5 && f[hi - 1].text.dropFirst().contains(where: \.isUppercase))
        { hi -= 1 }
        return lo..<hi
    }

    /// The fullest name of `core` (its words as written), grown at each of `places` where its first
    /// word is written: the longest grown form when every other is a part of it (contiguous, or with
    /// inner words left out, `TagState.isGappedPart`), else nil.
    func fullest(_ core: [String], at places: [Int]) -> String? {
        var forms: [(words: [String], text: String)] = []
        for p in places
        where p + core.count <= count
            && (0..<core.count).allSatisfy({ f[p + $0].text == core[$0] })
            // A common word opening a sentence (`Terdakwa Abdul ...`) is no name grown from there.
            && !commonAtSentenceStart(p)
        {
            guard let form = grown(from: p, length: core.count) else { return nil }
            if form.start < p, afterSpouseAddress(form.start) { continue }
            if introducedNickname(form.start, form.end) { continue }
            forms.append((form.words, form.text))
        }
        if let longest = forms.max(by: { $0.words.count < $1.words.count }),
            forms.allSatisfy({
                TagState.isContiguous($0.words, in: longest.words) || TagState.isGappedPart($0.words, of: longest.words)
            })
        {
            return longest.text
        }
        return nil
    }

    /// The fewest letters a one-word mention leaves off the name word it clips (`fullestTruncated`).
    static let clippedNameMinLettersLeftOff = 4

    /// The fullest name of a `core` that no whole-word look-up made fuller, where the text writes its words
    /// shortened to their start (`Gusti Ridwan` for `Gusti Muhammad Ridwansyah`, `Baiq Rahma` for `Baiq
    /// Rahmawati Sukmana`): the name grown where each word of the core is written, in order, whole or as the
    /// start of a longer word (`TagState.truncates`), with at least one word whole; the longest form when
    /// every other is a part of it the same way (two full names that fit leave it unlinked). A core of one word
    /// is the start of one word of a fuller name written elsewhere, with at least `clippedNameMinLettersLeftOff`
    /// letters left off (`Afif` for `<given name> Afifuddin`; not `Darmin` for `<given name> Darminto`, a name of
    /// its own: issue 19, fifteenth pass), again only when that fuller name is the one form that fits.
    /// `placesOf`: where a title-case word is written before the core's second word (`NamePlaces`); `byStart`:
    /// the title-case words by their first four letters.
    func fullestTruncated(_ core: [String], placesOf: (String) -> [Int], byStart: [String: [String]]) -> String? {
        guard core.count >= 2 || core.first.map({ $0.count >= TagState.truncationMinLetters }) == true,
            core.contains(where: { $0.count >= TagState.truncationMinLetters })
        else { return nil }
        var starts: [Int] = []
        let first = core[0]
        starts += placesOf(first)
        if first.count >= TagState.truncationMinLetters {
            for w in byStart[String(first.prefix(TagState.truncationMinLetters))] ?? []
            where TagState.truncates(first, w) { starts += placesOf(w) }
        }
        var forms: [(words: [String], text: String)] = []
        for p in starts.sorted() where p + core.count <= count {
            let written = (0..<core.count).map { f[p + $0].text }
            guard (0..<core.count).allSatisfy({ written[$0] == core[$0] || TagState.truncates(core[$0], written[$0]) }),
                core.count == 1
                    ? written[0] == core[0] || clips(core[0], written[0])
                    : (0..<core.count).contains(where: { written[$0] == core[$0] }),
                f[p + core.count - 1].kind == .word
            else { continue }
            guard let form = grown(from: p, length: core.count) else { return nil }
            if form.start < p, afterSpouseAddress(form.start) { continue }
            if introducedNickname(form.start, form.end) { continue }
            forms.append((form.words, form.text))
        }
        // (a one-word core may grow within its word: `Louren` for `Lourensius`)
        guard let longest = forms.max(by: { ($0.words.count, $0.text.count) < ($1.words.count, $1.text.count) }),
            longest.words.count > core.count || (core.count == 1 && longest.words != core),
            forms.allSatisfy({ TagState.isPart($0.words, of: longest.words) })
        else { return nil }
        return longest.text
    }

    /// A one-word mention `short` is `word` clipped: `word` leaves at least `clippedNameMinLettersLeftOff`
    /// letters off, and they are no feminine ending (`Agus` is no clipped `Agustina`: issue 19, seventeenth pass).
    func clips(_ short: String, _ word: String) -> Bool {
        guard word.count >= short.count + Self.clippedNameMinLettersLeftOff else { return false }
        let rest = ICU.foldCase(String(word.dropFirst(short.count)))
        return !(feminineEndings?.hasSingleTokenEntry(rest) ?? false)
    }

    /// The name at tokens `start..<end` is a nickname the text introduces with a cue (`yang akrab disapa Miq
    /// Fikri`, `Gus Wir, sapaan akrabnya`), over an address form before it.
    func introducedNickname(_ start: Int, _ end: Int) -> Bool {
        if let cues = aliasCuesBefore {
            for s in max(0, start - 4)..<start where cues.mayStart(at: s, lexemes) {
                let ms = cues.matches(from: s, key: { k in k < start ? self.f[k].folded : nil })
                if ms.contains(where: { $0.end == start }) { return true }
            }
        }
        if let cues = aliasCuesAfter {
            let after = end < count && f[end].text == "," ? end + 1 : end
            if after < count, cues.mayStart(at: after, lexemes),
                !cues.matches(from: after, key: { k in k < self.count && k < after + 5 ? self.f[k].folded : nil })
                    .isEmpty
            {
                return true
            }
        }
        return false
    }

    /// The name starting at token `l` follows a wife's address form (`Ny.`), over its dot.
    func afterSpouseAddress(_ l: Int) -> Bool {
        var b = l - 1
        if b >= 0, f[b].text == "." { b -= 1 }
        return b >= 0 && inList(spouseAddress, b)
    }

    /// The most tokens a name grows to (`grown`). A longer run of name words is no one's name but a list or a
    /// hostile text (`Budi Budi Budi …`, 2,000 times): without the bound every mention's norm was the whole
    /// run, output grew as the square of the run and the tag stage with it (the breaker's report). The
    /// longest names of the news set are about 12 tokens with their dots (`Syahrial Dt. Rajo Mudo`).
    static let maxNameTokens = 32

    /// The most words of a name read in a caption.
    static let maxCaptionNameWords = 4

    /// The furniture kind of a photo caption (`Removal.kind`, given by the furniture rules).
    static let captionKind = "caption"

    /// The words of a caption's text, split at white space, each without the punctuation around it and with
    /// whether punctuation ends it (or opens the next word).
    static func captionWords(_ text: String) -> [(word: String, stop: Bool)] {
        var words: [(word: String, stop: Bool)] = []
        for piece in text.split(whereSeparator: { $0.isWhitespace }) {
            let word = piece.drop(while: { !$0.isLetter }).reversed().drop(while: { !$0.isLetter }).reversed()
            if word.count < piece.count, piece.first.map({ !$0.isLetter }) == true, !words.isEmpty {
                words[words.count - 1].stop = true
            }
            guard !word.isEmpty else { continue }
            words.append((String(word), piece.last.map { !$0.isLetter } ?? false))
        }
        return words
    }

    /// A caption word that can be a word of a name: title case (a capital, then lower-case letters), in no
    /// list of `captionNonNames`.
    func captionNameWord(_ word: String) -> Bool {
        guard let first = word.first, first.isUppercase, word.count >= 2,
            word.dropFirst().allSatisfy({ $0.isLowercase || $0 == "'" || $0 == "-" })
        else { return false }
        let folded = ICU.foldCase(word)
        return !captionNonNames.contains { $0.hasSingleTokenEntry(folded) }
    }

    /// The fullest name a `core` is written with in the photo captions removed from the text: the core's words
    /// in order, no punctuation between them, grown to the right over name words (`captionNameWord`) up to
    /// punctuation; the longest form when every other is its start, nil when no caption writes it fuller (issue
    /// 19, fifteenth pass: a name given in full only in a caption).
    func fullestInCaptions(_ core: [String]) -> String? {
        guard !core.isEmpty, !captions.isEmpty else { return nil }
        var forms: [[String]] = []
        for words in captions where words.count > core.count {
            for i in 0...(words.count - core.count) {
                guard (0..<core.count).allSatisfy({ words[i + $0].word == core[$0] }),
                    (0..<(core.count - 1)).allSatisfy({ !words[i + $0].stop }),
                    // (no name word before it, unless a body's or an office's place: `Bupati <regency> <name>`)
                    i == 0 || words[i - 1].stop || !captionNameWord(words[i - 1].word)
                        || bodyEnds.contains(words[i - 1].word)
                else { continue }
                var form = core
                var j = i + core.count
                while j < words.count, !words[j - 1].stop, form.count < Self.maxCaptionNameWords,
                    captionNameWord(words[j].word)
                {
                    form.append(words[j].word)
                    j += 1
                }
                if form.count > core.count { forms.append(form) }
            }
        }
        guard let longest = forms.max(by: { $0.count < $1.count }),
            forms.allSatisfy({ longest.starts(with: $0) })
        else { return nil }
        return longest.joined(separator: " ")
    }

    /// The core written at tokens `p..<p + length`, grown left and right over name words (`start`: the
    /// first token of the grown form); nil when it would grow past `maxNameTokens`.
    func grown(from p: Int, length: Int) -> (words: [String], text: String, start: Int, end: Int)? {
        var l = p, r = p + length
        func tooLong() -> Bool { r - l > Self.maxNameTokens }
        while !tooLong() {
            if nameWord(l - 1, grown: true), !bodyStarts.contains(f[l - 1].text), !opensNoName(l - 1),
                free(l - 1, seed: p, right: false), sameLine(l - 1, l)
            {
                l -= 1; continue
            }
            if l >= 3, f[l - 1].text == ".", abbreviationAt(l - 2), free(l - 2, seed: p, right: false),
                sameLine(l - 2, l)
            {
                l -= 2; continue
            }
            break
        }
        while !tooLong() {
            if r < count, abbreviationAt(r, right: true), free(r, seed: p, right: true), sameLine(r - 1, r + 2) {
                r += 2
                // The name word after the dot (`abbreviationAt` checked it) goes with it, even where the dot
                // was taken for a sentence's end (`Marthen Ch. Wattimena`).
                if free(r, seed: p, right: true), confirmed(r), !capitalizedSpeechVerb(r) { r += 1 }
                continue
            }
            if nameWord(r, grown: true, right: true), confirmed(r), free(r, seed: p, right: true), sameLine(r - 1, r) {
                r += 1; continue
            }
            // A title word inside a name (`Syahrial Dt. Rajo Mudo`, `Mohd. Zaini Abang Usman`).
            if r + 1 < count, covered(by: honorifics, r), f[r].shape == .title {
                let n = f[r + 1].text == "." ? r + 2 : r + 1
                if nameWord(n, grown: true), sameLine(r - 1, n) { r = n + 1; continue }
            }
            if framed(r, start: l) { r += 1; continue }
            if surnameInPerson(r) { r += 1; continue }
            break
        }
        if tooLong() { return nil }
        // A lone initial is no name (`I` in an English sentence).
        while l < r, f[l].shape == .initial, !(l + 1 < r && f[l + 1].shape == .title) { l += 1 }
        let words = (l..<r).filter { f[$0].kind == .word }.map { f[$0].text }
        return (words, state.text(l, r), l, r)
    }

    /// `name` without the honorifics glued to its first word by their dot (`H.Hendri Saragih`, one word for
    /// the tokenizer): `Hendri Saragih`. The rest of that word is a capitalized word of three letters or more.
    func withoutGluedHonorific(_ name: String) -> String {
        var name = Substring(name)
        while let dot = name.firstIndex(of: "."), !name[..<dot].contains(" ") {
            let head = name[..<dot].lowercased()
            let rest = name[name.index(after: dot)...]
            guard let h = honorifics, h.hasSingleTokenEntry(head) || h.hasSingleTokenEntry(head + "."),
                rest.first?.isUppercase == true, rest.prefix(while: { $0 != " " && $0 != "." }).count >= 3
            else { break }
            name = rest
        }
        return String(name)
    }

    /// The norm of a PERSON whose fullest name is `full`: a norm found before (a spelling variant's
    /// canonical form, `Haryono` -> `Haryomo Dwi Putranto`) stays when it is as full, without its
    /// honorifics.
    func keptNorm(_ old: String?, full: String) -> String {
        guard let old else { return full }
        var words = old.split(separator: " ").map(String.init)
        // A norm read off a PERSON run over a rank (`Raya Irjen Pol Sugeng Wibowo`) starts after the rank.
        if let ranks,
            let rank = words.lastIndex(where: {
                ranks.hasSingleTokenEntry($0.lowercased()) || ranks.hasSingleTokenEntry($0)
            }), rank + 1 < words.count
        {
            words.removeFirst(rank + 1)
        }
        while let w = words.first, let h = honorifics,
            h.hasSingleTokenEntry(w.lowercased()) || h.hasSingleTokenEntry(String(w.lowercased().dropLast()))
        {
            words.removeFirst()
        }
        if words.count >= full.split(separator: " ").count, !old.contains(full) {
            return words.joined(separator: " ")
        }
        return full
    }
}
