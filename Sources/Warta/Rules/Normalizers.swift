import Foundation

/// ISO 8601 values for DATE entities.
///
/// `Kamis (16/11/2023)` → `2023-11-16`; `27 November 2024` → `2024-11-27`; `Jumat (25/8)` → `--08-25`, or
/// the full date when the document's year is known; `November 2024` → `2024-11`; `tahun 2024` → `2024`;
/// a bare day name (`Senin`) → the latest such day on or before the document's date, else null. The
/// document's date comes from the input (`date`) or, failing that, the first full date in the text;
/// never from the day of the run.
enum DateNormalizer {
    struct YMD: Equatable { var year: Int; var month: Int; var day: Int }

    static func referenceDate(document: Document, entities: [Candidate], state: TagState) -> YMD? {
        if let date = document.metadata.date, let ymd = parseISO(date) { return ymd }
        for e in entities where e.type == .DATE && e.normKind == .date {
            let tokens = Array(state.view.features[e.start..<e.end])
            if let parsed = parse(tokens, rules: state.rules), let y = parsed.year, let m = parsed.month,
                let d = parsed.day
            {
                return YMD(year: y, month: m, day: d)
            }
        }
        return nil
    }

    static func parseISO(_ s: String) -> YMD? {
        let parts = s.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, isValid(parts[0], parts[1], parts[2]) else { return nil }
        return YMD(year: parts[0], month: parts[1], day: parts[2])
    }

    /// `dayEnd`/`yearEnd`: the last day of a span of days (`8-20 September 2024`) or the last year of a
    /// span of years (`Tahun Anggaran 2021-2022`); their norm is an ISO 8601 interval.
    struct Parsed {
        var year: Int?; var month: Int?; var day: Int?; var weekday: Int?; var dayEnd: Int? = nil;
        var yearEnd: Int? = nil
    }

    /// A year of the Gregorian calendar as news writes it: `1445` in `Ramadan 1445 Hijriah` is none.
    static let gregorianYears = 1800...2199

    static func parse(_ tokens: [TokenView.Features], rules: RuleSet) -> Parsed? {
        var p = Parsed()
        var numbers: [(value: Int, digits: Int, index: Int)] = []
        var ranges: [(from: Int, to: Int, digits: Int, index: Int)] = []
        var monthIndex: Int? = nil
        for (i, t) in tokens.enumerated() {
            if let wd = rules.days[t.folded] { p.weekday = wd }
            if let m = rules.months[t.folded], t.shape != .lower || t.folded.count > 3 { p.month = m; monthIndex = i }
            if t.kind == .number, let v = Int(t.text) { numbers.append((v, t.text.count, i)) }
            // `8-20`, `2021-2022`: one token (hyphens join words), or three.
            let halves = t.text.split(whereSeparator: { $0 == "-" || $0 == "–" })
            if t.kind == .number, halves.count == 2, let a = Int(halves[0]), let b = Int(halves[1]), a < b {
                ranges.append((a, b, max(halves[0].count, halves[1].count), i))
            }
            if i >= 2, t.kind == .number, tokens[i - 1].text == "-" || tokens[i - 1].text == "–",
                tokens[i - 2].kind == .number,
                let a = Int(tokens[i - 2].text), let b = Int(t.text), a < b
            {
                ranges.append((a, b, max(tokens[i - 2].text.count, t.text.count), i))
            }
        }
        let slashNumbers = numbers.filter { n in
            (n.index + 1 < tokens.count && tokens[n.index + 1].text == "/")
                || (n.index > 0 && tokens[n.index - 1].text == "/")
        }
        let years = numbers.filter { $0.digits == 4 && gregorianYears.contains($0.value) }
        if slashNumbers.count >= 2 {
            p.day = slashNumbers[0].value
            p.month = slashNumbers[1].value
            if slashNumbers.count >= 3 { p.year = fullYear(slashNumbers[2].value, digits: slashNumbers[2].digits) }
        } else if let mi = monthIndex {
            if let r = ranges.last(where: { $0.index < mi && $0.digits <= 2 }) {
                p.day = r.from
                p.dayEnd = r.to
            } else if let d = numbers.last(where: { $0.index < mi && $0.digits <= 2 }) {
                p.day = d.value
            } else if let d = numbers.first(where: { $0.index == mi + 1 && $0.digits <= 2 }) {
                p.day = d.value // English order: `March 6, 2024`
            }
            if let y = years.first(where: { $0.index > mi }) { p.year = y.value }
        } else if let r = ranges.first(where: {
            $0.digits == 4 && gregorianYears.contains($0.from) && gregorianYears.contains($0.to)
        }) {
            p.year = r.from
            p.yearEnd = r.to
        } else if let y = years.first {
            p.year = y.value
        }
        if let m = p.month, !(1...12).contains(m) { return nil }
        if let d = p.day, let m = p.month, !isValid(p.year ?? 2000, m, d) { return nil }
        if let d = p.dayEnd, let m = p.month, !isValid(p.year ?? 2000, m, d) { p.dayEnd = nil }
        if p.year == nil && p.month == nil && p.day == nil && p.weekday == nil { return nil }
        return p
    }

    static func normalize(tokens: [TokenView.Features], rules: RuleSet, reference: YMD?) -> String? {
        if let k = wordRangeSplit(tokens), let range = normalizeRange(tokens, at: k, rules: rules, reference: reference)
        {
            return range
        }
        guard let p = parse(tokens, rules: rules) else { return nil }
        return format(p, reference: reference)
    }

    /// Where the second date of a span written with a word begins (`8 hingga 10 Oktober 2025`, `16 Juli
    /// 2024 sampai dengan 4 Agustus 2024`): the first day number after a day number already read, with
    /// a word (not `/` or a dash) right before it. Which words join a span is the rules' business (the
    /// DATE rules that match it); a date of one day has no second day number after a word.
    static func wordRangeSplit(_ tokens: [TokenView.Features]) -> Int? {
        var sawDay = false
        for (i, t) in tokens.enumerated() where t.kind == .number {
            let isDay = t.text.count <= 2 && Int(t.text) != nil
            if isDay, sawDay, i > 0, tokens[i - 1].kind == .word { return i }
            if isDay, i == 0 || tokens[i - 1].text != "/" { sawDay = true }
        }
        return nil
    }

    /// `START/END` for a span of two dates: the first takes the month and year the second gives when it
    /// writes none (`25 September hingga 23 November 2024`; a first month after the second's is the year
    /// before: `28 Desember hingga 3 Januari 2025`). Nil when either half is no day of a month.
    static func normalizeRange(_ tokens: [TokenView.Features], at k: Int, rules: RuleSet, reference: YMD?) -> String? {
        let head = Array(tokens[..<k])
        guard let second = parse(Array(tokens[k...]), rules: rules), let endMonth = second.month, second.day != nil
        else { return nil }
        var first = parse(head, rules: rules) ?? Parsed()
        if first.month == nil {
            // `8 hingga 10 Oktober`: the first half is a day number alone
            first.month = endMonth
            first.day = head.first { $0.kind == .number && $0.text.count <= 2 }.flatMap { Int($0.text) }
        }
        guard first.day != nil else { return nil }
        if first.year == nil, let y = second.year { first.year = (first.month ?? endMonth) > endMonth ? y - 1 : y }
        first.dayEnd = nil
        guard let start = format(first, reference: reference), let end = format(second, reference: reference) else {
            return nil
        }
        return start + "/" + end
    }

    static func format(_ p: Parsed, reference: YMD?) -> String? {
        if let y = p.year, let end = p.yearEnd { return "\(padded(y, 4))/\(padded(end, 4))" }
        switch (p.year, p.month, p.day) {
        case (let y?, let m?, let d?):
            let first = "\(padded(y, 4))-\(padded(m, 2))-\(padded(d, 2))"
            if let end = p.dayEnd { return first + "/\(padded(y, 4))-\(padded(m, 2))-\(padded(end, 2))" }
            return first
        case (nil, let m?, let d?):
            var prefix = "--"
            if let ref = reference,
                let year = year(month: m, day: d, weekday: p.dayEnd == nil ? p.weekday : nil, near: ref)
            {
                prefix = padded(year, 4) + "-"
            }
            let first = "\(prefix)\(padded(m, 2))-\(padded(d, 2))"
            if let end = p.dayEnd { return first + "/\(prefix)\(padded(m, 2))-\(padded(end, 2))" }
            return first
        case (let y?, let m?, nil): return "\(padded(y, 4))-\(padded(m, 2))"
        case (let y?, nil, nil): return padded(y, 4)
        case (nil, let m?, nil):
            // A month alone (`sejak Februari`): the year that puts it nearest the document's date.
            if let ref = reference, let year = year(month: m, day: 15, weekday: nil, near: ref) {
                return "\(padded(year, 4))-\(padded(m, 2))"
            }
            return "--\(padded(m, 2))"
        default:
            guard let wd = p.weekday, let ref = reference else { return nil }
            return latest(weekday: wd, onOrBefore: ref)
        }
    }

    static func fullYear(_ v: Int, digits: Int) -> Int { digits <= 2 ? 2000 + v : v }

    /// `String(format: "%0<width>d", v)`: Foundation's formatter cost about 14,000 instructions a date.
    /// (A year can be negative: the year before a document dated in year 0.)
    static func padded(_ v: Int, _ width: Int) -> String {
        if v < 0 { return "-" + padded(-v, width - 1) }
        let digits = String(v)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// The year of a day and month written without one, from the document's date: the year the
    /// weekday written with it falls in (`Jumat (29/12)` in an article of 5 January 2024 is 2023-12-29,
    /// a Friday), else the year that puts the date nearest the document's (a news article's dates are
    /// within months of it, before or after). Nil when the weekday fits none of the three years.
    static func year(month: Int, day: Int, weekday: Int?, near ref: YMD) -> Int? {
        let years = [ref.year, ref.year - 1, ref.year + 1].filter { isValid($0, month, day) }
        if let weekday { return years.first { self.weekday($0, month, day) == weekday } }
        let refDay = dayNumber(ref.year, ref.month, ref.day)
        return years.min { abs(dayNumber($0, month, day) - refDay) < abs(dayNumber($1, month, day) - refDay) }
    }

    /// Days since 1 March of year 0 (proleptic Gregorian), for differences between dates.
    static func dayNumber(_ y: Int, _ m: Int, _ d: Int) -> Int {
        let year = m <= 2 ? y - 1 : y
        let month = m <= 2 ? m + 9 : m - 3
        return 365 * year + year / 4 - year / 100 + year / 400 + (153 * month + 2) / 5 + d - 1
    }

    /// ISO weekday, 1 Monday ... 7 Sunday.
    static func weekday(_ y: Int, _ m: Int, _ d: Int) -> Int {
        // dayNumber(2000, 3, 1) is a Wednesday (3).
        let offset = (dayNumber(y, m, d) - dayNumber(2000, 3, 1)) % 7
        return (offset + 7 + 2) % 7 + 1
    }

    static func isValid(_ y: Int, _ m: Int, _ d: Int) -> Bool {
        guard (1...12).contains(m), d >= 1 else { return false }
        let lengths = [
            31, (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
        ]
        return d <= lengths[m - 1]
    }

    /// Weekday numbers: 1 Monday ... 7 Sunday (ISO).
    static func latest(weekday: Int, onOrBefore ref: YMD) -> String? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: DateComponents(year: ref.year, month: ref.month, day: ref.day)) else {
            return nil
        }
        let iso = (calendar.component(.weekday, from: date) + 5) % 7 + 1 // Foundation: 1 = Sunday
        let back = (iso - weekday + 7) % 7
        guard let target = calendar.date(byAdding: .day, value: -back, to: date) else { return nil }
        let c = calendar.dateComponents([.year, .month, .day], from: target)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }
}

/// The part of a law's citation a word introduces (`laws: fields:` in the rules file,
/// pipelines/lists/law_fields.tsv): `Nomor` the number, `Tahun` the year, `tentang` the subject; an
/// `issuer` word (`Republik`, `Indonesia`) is left out of the norm.
enum LawField: String, CaseIterable, Sendable {
    case number, year, subject, issuer
}

/// Canonical names for LAW entities: `UU Nomor 7 tahun 2017` and `Undang-Undang No. 7 Tahun 2017`
/// are both `UU 7/2017`. The kind comes from the rules file's law kinds and the words that introduce
/// the number, year and subject from its law fields (no word of a language here); words between the
/// kind and the number name the issuer (`Instruksi Sekda 11/2023`); a number written in parts
/// (`800.1.6/214/BKPSDM/2024`) is kept whole, and one written right after the kind (`PKPU 8/2024`,
/// `PP 94 Tahun 2021`) counts too; when number or year is missing the subject is kept so that
/// different unnumbered acts stay apart.
enum LawNormalizer {
    static func normalize(tokens: [TokenView.Features], rules: RuleSet) -> String? {
        let folded = tokens.map(\.folded)
        guard let kindMatch = rules.lawKinds.matches(from: 0, key: { $0 < folded.count ? folded[$0] : nil }).last else {
            return nil
        }
        let kind = kindMatch.payloads[0]
        var i = kindMatch.end
        var issuer: [String] = []
        var number: String? = nil
        var year: String? = nil
        var subject: (word: String, words: [String])? = nil
        var inBrackets = false // an acronym in brackets (`Peraturan Mahkamah Konstitusi (PMK) Nomor 3`) is no issuer
        while i < tokens.count {
            if tokens[i].text == "(" || tokens[i].text == ")" { inBrackets = tokens[i].text == "("; i += 1; continue }
            let field = rules.lawFields[folded[i]]
            // A number right after the kind, without `Nomor` (`PKPU 8/2024`, `PP 94 Tahun 2021`); a number
            // further on is no act's number (`SKB ... pada Tanggal 22 September tentang ...`).
            if field == .number || (i == kindMatch.end && startsWithDigit(tokens[i])) {
                if field == .number { i += 1 }
                while i < tokens.count, tokens[i].text == "." || tokens[i].text == ":" { i += 1 }
                if i < tokens.count, let (text, end) = actNumber(tokens, from: i, afterNumberWord: field == .number) {
                    i = end - 1
                    // `7/2017`: a number and its year; a longer number (`440/0387/2024`) is kept whole.
                    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
                    if parts.count == 2, isYear(parts[1]) {
                        number = String(parts[0])
                        year = String(parts[1])
                    } else {
                        number = text
                    }
                }
            } else if field == .year {
                i += 1
                while i < tokens.count, tokens[i].text == "." { i += 1 }
                if i < tokens.count, tokens[i].kind == .number { year = tokens[i].text }
            } else if field == .subject {
                subject = (folded[i], tokens[(i + 1)...].map(\.text))
                break
            } else if number == nil && year == nil && field != .issuer && !inBrackets && tokens[i].kind == .word {
                issuer.append(tokens[i].text)
            }
            i += 1
        }
        // The issuer tells numbered acts of one kind apart (Instruksi Sekda vs Instruksi Gubernur);
        // an unnumbered act is told apart by its year and subject instead.
        var norm = ([kind] + (number == nil ? [] : issuer.prefix(4))).joined(separator: " ")
        if let number, let year, !number.hasSuffix("/" + year) { return norm + " \(number)/\(year)" }
        if let number { return norm + " \(number)" }
        if let year { norm += " \(year)" }
        if let subject, !subject.words.isEmpty { norm += " \(subject.word) " + subject.words.joined(separator: " ") }
        return norm
    }

    static func startsWithDigit(_ t: TokenView.Features) -> Bool { t.text.first?.isNumber == true }

    /// The act's number starting at `start`, its text and the index after it: one led by a digit, or,
    /// right after a number word, a code led by letters written in parts (`Nomor B/1234/M.SM.01.00/2023`,
    /// `Nomor KEP-12/2024`); a lone word there (`Nomor Induk`) is no number.
    static func actNumber(_ tokens: [TokenView.Features], from start: Int, afterNumberWord: Bool) -> (String, Int)? {
        if startsWithDigit(tokens[start]) { return numberParts(tokens, from: start) }
        guard afterNumberWord, tokens[start].text.first?.isLetter == true else { return nil }
        let (text, end) = numberParts(tokens, from: start)
        return end > start + 1 && text.contains(where: \.isNumber) ? (text, end) : nil
    }

    static func isYear(_ s: Substring) -> Bool {
        s.count == 4 && s.allSatisfy(\.isNumber) && (s.hasPrefix("19") || s.hasPrefix("20"))
    }

    /// A number written in parts without spaces (`245.K/MG.01/MEM.M/2022`, `100.2.1.3-4521`): its text and
    /// the index after it.
    static func numberParts(_ tokens: [TokenView.Features], from start: Int) -> (String, Int) {
        var text = tokens[start].text
        var i = start + 1
        while i + 1 < tokens.count, ["/", ".", "-"].contains(tokens[i].text), !tokens[i].spaceBefore,
            !tokens[i + 1].spaceBefore, tokens[i + 1].text.first.map({ $0.isLetter || $0.isNumber }) == true
        {
            text += tokens[i].text + tokens[i + 1].text
            i += 2
        }
        return (text, i)
    }
}
