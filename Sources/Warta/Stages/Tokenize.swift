import Foundation

/// Words and sentences from ICU break iterators.
///
/// Words: ICU's word boundaries with their rule status (letters → word, digits → number, else
/// punctuation or symbol); white space is not a token. Two ICU tokens joined by a hyphen with no space
/// are one word (`pelanggaran-pelanggaran`, `se-Jaksel`, `ke-52`), as Indonesian writes reduplication
/// and clitics that way.
/// Sentences: ICU's sentence boundaries, except after an abbreviation or degree from the lists in the
/// pipeline files (`S.Sos.`, `Dr.`, `Kab.`) or a single capital initial (`A.`), where ICU would break
/// before a capitalized word. Sentences never cross a paragraph (`\n`) and are trimmed of spaces.
public struct TokenizeStage: Stage {
    public static let name = "tokenize"
    public static let requires: [Layer] = [.text]
    public static let provides: [Layer] = [.tokens, .sentences]

    /// Abbreviations without their final dot, case-sensitive (`S.Sos`, `Dr`, `No`).
    let abbreviations: Set<String>
    let initials: Bool
    let joinHyphens: Bool

    public init(options: StageOptions) throws {
        var set = Set<String>()
        let words = try options.readFiles("abbreviations") { url in
            try ListFile.entries(url).compactMap { entry, line -> String? in
                // Entries without a final dot cannot be taken for a sentence end (honorifics like `Bapak`).
                guard entry.hasSuffix(".") else { return nil }
                // Of a multi-word entry (`Kombes Pol.` in honorifics.txt) only the dotted last word matters.
                let word = entry.split(separator: " ").last.map(String.init) ?? entry
                guard word.count > 1 else {
                    throw ConfigError(
                        file: url.path, line: line,
                        "an abbreviation ends in a word and '.', found '\(entry)'")
                }
                return String(word.dropLast())
            }
        }
        for list in words { set.formUnion(list) }
        abbreviations = set
        initials = try options.bool("initials", default: true)
        joinHyphens = try options.bool("join_hyphens", default: true)
    }

    public init(abbreviations: [String], initials: Bool = true, joinHyphens: Bool = true) {
        self.abbreviations = Set(abbreviations.map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 })
        self.initials = initials
        self.joinHyphens = joinHyphens
    }

    public func process(_ document: inout Document) throws {
        document.tokens = words(document.text)
        document.sentences = sentences(document.text, tokens: document.tokens)
    }

    func words(_ text: [UInt8]) -> [Token] {
        let (offsets, statuses) = ICU.boundaries(.word, text)
        var tokens: [Token] = []
        tokens.reserveCapacity(offsets.count / 2)
        var start = 0
        // The last `.` before `scanned`: whether a joined head holds a dot, without scanning the head again
        // at each join (`Ab-Ab-Ab-…`, 160,000 words: 9 s, each join scanned the whole word so far).
        var scanned = 0, lastDot = -1
        for (end, status) in zip(offsets, statuses) {
            defer { start = end }
            let kind: Token.Kind
            switch status {
            case 100..<200: kind = .number
            case 200..<500: kind = .word
            default:
                if text[start] == 0x20 || text[start] == 0x0A { continue } // white space is not a token
                kind = Self.isPunctuation(text, start) ? .punct : .symbol
            }
            let token = Token(TextRange(start, end), kind)
            if joinHyphens, tokens.count >= 2, kind != .punct, kind != .symbol {
                let hyphen = tokens[tokens.count - 1], head = tokens[tokens.count - 2]
                if hyphen.range.length == 1, text[hyphen.range.start] == UInt8(ascii: "-"),
                    head.range.end == hyphen.range.start, hyphen.range.end == start,
                    head.kind == .word || head.kind == .number,
                    !Self.isDatelineJoin(
                        text, head: head.range, tail: TextRange(start, end),
                        headHasDot: Self.dotBefore(head.range, in: text, scanned: &scanned, lastDot: &lastDot))
                {
                    tokens.removeLast(2)
                    tokens.append(
                        Token(TextRange(head.range.start, end), head.kind == .word || kind == .word ? .word : .number))
                    continue
                }
            }
            tokens.append(token)
        }
        return tokens
    }

    /// `MATARAM-Harga`, `CIBINONG-RADAR BOGOR`, `JawaPos.com-Kebakaran`: a dateline (a place in capitals, or
    /// an outlet's domain) glued by its dash to the first word of the article is two words, and so are two
    /// capitalized names (`Marsaoly-Syamsia`, `Aceh-Sumut`); `COVID-19`, `PDI-Perjuangan`, `KPU-Bawaslu`,
    /// `Bangsa-Bangsa`, `se-Jaksel`, `ke-52` stay one. The head is four letters or more (ASCII): capitals,
    /// a capitalized word, or a word with a dot in it; the tail a capital and small letters, or, after
    /// capitals, four capitals or more.
    /// `headHasDot`: whether the head holds a `.` (nil: looked for).
    static func isDatelineJoin(_ text: [UInt8], head: TextRange, tail: TextRange, headHasDot: Bool? = nil) -> Bool {
        guard head.length >= 4, tail.length >= 2 else { return false }
        let isUpper = { (b: UInt8) in b >= 0x41 && b <= 0x5A }
        let isLower = { (b: UInt8) in b >= 0x61 && b <= 0x7A }
        let headText = text[head.start..<head.end], tailText = text[tail.start..<tail.end]
        let titleTail = isUpper(tailText.first!) && tailText.dropFirst().allSatisfy(isLower)
        if headText.allSatisfy(isUpper) { return titleTail || (tail.length >= 4 && tailText.allSatisfy(isUpper)) }
        if headHasDot ?? headText.contains(UInt8(ascii: ".")) { return titleTail }
        // Two capitalized names joined by a dash: a candidate pair (`Rizal Marsaoly-Syamsia Duwila`), two places
        // (`PON XXI Aceh-Sumut`); a reduplication (`Bangsa-Bangsa`) stays one word.
        let titleHead = isUpper(headText.first!) && headText.dropFirst().allSatisfy(isLower)
        guard titleHead, titleTail, tail.length >= 3 else { return false }
        let reduplication = head.length == tail.length && zip(headText, tailText).allSatisfy { $0 | 0x20 == $1 | 0x20 }
        return !reduplication
    }

    /// Whether `range` holds a `.`, reading the text up to its end once over a document (`scanned`, the
    /// bytes read so far, only grows; `lastDot`: the last `.` among them).
    static func dotBefore(_ range: TextRange, in text: [UInt8], scanned: inout Int, lastDot: inout Int) -> Bool {
        while scanned < range.end {
            if text[scanned] == UInt8(ascii: ".") { lastDot = scanned }
            scanned += 1
        }
        return lastDot >= range.start
    }

    static func isPunctuation(_ text: [UInt8], _ at: Int) -> Bool {
        let b = text[at]
        if b < 0x80 {
            return (0x21...0x2F).contains(b) || (0x3A...0x40).contains(b) || (0x5B...0x60).contains(b)
                || (0x7B...0x7E).contains(b)
        }
        var it = text[at...].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let s) = decoder.decode(&it) {
            switch s.properties.generalCategory {
            case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
                .initialPunctuation, .finalPunctuation, .otherPunctuation:
                return true
            default: return false
            }
        }
        return false
    }

    func sentences(_ text: [UInt8], tokens: [Token]) -> [TextRange] {
        let (offsets, _) = ICU.boundaries(.sentence, text)
        var result: [TextRange] = []
        var start = 0
        var tokenIndex = 0
        for end in offsets {
            // Advance to the last token before this boundary.
            while tokenIndex < tokens.count, tokens[tokenIndex].range.end <= end { tokenIndex += 1 }
            let isParagraphEnd = end == text.count || text[end - 1] == 0x0A
            if !isParagraphEnd, endsWithAbbreviation(text, tokens: tokens, before: tokenIndex, boundary: end) {
                continue
            }
            if let trimmed = Self.trim(text, start, end) { result.append(trimmed) }
            start = end
        }
        if start < text.count, let trimmed = Self.trim(text, start, text.count) { result.append(trimmed) }
        return result
    }

    /// True when the text before `boundary` ends in `ABBR.` from the list, or a lone capital initial, its dot
    /// glued to it or one space apart.
    private func endsWithAbbreviation(_ text: [UInt8], tokens: [Token], before count: Int, boundary: Int) -> Bool {
        // Tokens ending at or before the boundary: [..., word, "."] with the dot last.
        guard count >= 2 else { return false }
        let dot = tokens[count - 1], word = tokens[count - 2]
        guard dot.range.length == 1, text[dot.range.start] == UInt8(ascii: ".") else { return false }
        let wordText = String(decoding: text[word.range.start..<word.range.end], as: UTF8.self)
        // The dot glued to the word, or one space apart (`Stephen R . Covey`, `Prof . Dr . <name>`): text that
        // was tokenized before it came here (the public NER sets) writes every dot so.
        let glued = word.range.end == dot.range.start
        guard glued || (word.range.end + 1 == dot.range.start && text[word.range.end] == 0x20) else { return false }
        if abbreviations.contains(wordText) { return true }
        return initials && Self.isInitials(wordText)
    }

    /// A lone capital initial (`A`), or two or three written as one word with dots between them (`F.E`, the
    /// middle initials of `<given> F.E. <surname>`; issue 19, sixteenth pass).
    static func isInitials(_ word: String) -> Bool {
        let parts = word.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else { return false }
        return parts.allSatisfy { $0.unicodeScalars.count == 1 && $0.unicodeScalars.first!.properties.isUppercase }
    }

    static func trim(_ text: [UInt8], _ start: Int, _ end: Int) -> TextRange? {
        var s = start, e = end
        while s < e, text[s] == 0x20 || text[s] == 0x0A { s += 1 }
        while e > s, text[e - 1] == 0x20 || text[e - 1] == 0x0A { e -= 1 }
        return s < e ? TextRange(s, e) : nil
    }
}
