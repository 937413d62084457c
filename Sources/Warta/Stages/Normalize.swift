import Foundation

/// Produces the text every later stage sees, with an offset map back to the raw bytes.
///
/// In order, per line: decode (BOM, UTF-16, invalid UTF-8 replaced); map characters (typographic
/// quotes to `"` and `'` but an apostrophe inside a word such as `Musa’ad` kept; dashes to `-`; every
/// space character to a space; control and format characters and noncharacters dropped); NFC with ICU;
/// runs of spaces collapsed and the line trimmed; site furniture dropped by the patterns of the
/// pipeline file, each removal recorded. Then lines are joined: one non-empty line is one paragraph,
/// paragraphs are separated by one `\n`, and a line that was only broken by a stray line end (it does
/// not end a sentence and the next line starts in lower case, with no blank line between) is joined
/// back: without a space when the break split a word (`D` + `alam`), with one otherwise.
public struct NormalizeStage: Stage {
    public static let name = "normalize"
    public static let requires: [Layer] = []
    public static let provides: [Layer] = [.text, .warnings]

    let furniture: [FurnitureRule]
    let applyNFC: Bool
    let joinBrokenLines: Bool

    public init(options: StageOptions) throws {
        applyNFC = try options.bool("nfc", default: true)
        joinBrokenLines = try options.bool("join_broken_lines", default: true)
        furniture = try FurnitureRule.parse(options)
    }

    public init(furniture: [FurnitureRule] = [], applyNFC: Bool = true, joinBrokenLines: Bool = true) {
        self.furniture = furniture
        self.applyNFC = applyNFC
        self.joinBrokenLines = joinBrokenLines
    }

    public func process(_ document: inout Document) throws {
        // A stdin record's text is already decoded JSON: UTF-8 by construction, and a NUL in it is an
        // escaped control character, not a binary file.
        let (info, bodyStart) =
            document.metadata.textFromJSON ? (TextEncodingInfo(), 0) : try TextDecoder.detect(document.raw)
        document.encoding = info
        document.warnings.append(contentsOf: document.metadata.inputWarnings)
        var builder = TextBuilder(copyable: info.encoding == .utf8)
        var removed: [Removal] = []
        // Furniture rules whose expression gave up at ICU's limit, with the number of lines: reported.
        var gaveUp: [(rule: String, lines: Int)] = []
        var previous: [LineScalar] = []
        var previousLineEnd: Range<Int>? = nil
        var blankSincePrevious = false

        let replacements = TextDecoder.forEachLine(document.raw, info: info, from: bodyStart) { decoded, lineEnd in
            var line = mapCharacters(decoded)
            Self.joinDoubledApostrophes(&line)
            if applyNFC { line = nfc(line) }
            collapseSpaces(&line)
            line = removeFurniture(line, &removed, gaveUp: &gaveUp)
            if line.isEmpty {
                // A blank or dropped line: what follows is a new paragraph, never a continuation.
                blankSincePrevious = true
                return
            }
            if let separatorRaw = previousLineEnd {
                let join = joinBrokenLines && !blankSincePrevious ? Self.brokenLineJoin(previous, line) : nil
                switch join {
                case .some(let glue):
                    builder.append(glue, rawStart: separatorRaw.lowerBound, rawEnd: separatorRaw.upperBound)
                case .none: builder.append("\n", rawStart: separatorRaw.lowerBound, rawEnd: separatorRaw.upperBound)
                }
            }
            builder.append(contentsOf: line)
            previous = line
            previousLineEnd = lineEnd
            blankSincePrevious = false
        }
        for (rule, lines) in gaveUp {
            let rest = lines >= Self.furnitureGiveUps ? ", and the rule was not tried on the rest of the document" : ""
            document.warnings.append(
                "furniture rule '\(rule)' gave up on \(lines) line(s) at ICU's regular expression limit (it backtracks too much there); they were not cut\(rest)"
            )
        }
        document.encoding.replacements = replacements
        if replacements > 0 {
            document.warnings.append("invalid UTF-8: \(replacements) byte sequence(s) replaced by U+FFFD")
        }
        builder.map.setRawLength(document.raw.count)
        document.text = builder.bytes
        document.offsetMap = builder.map
        document.removed = removed
        #if DEBUG
            document.offsetMap.checkInvariants()
        #endif
    }

    // MARK: Characters

    /// Maps one decoded line to the characters later stages expect.
    func mapCharacters(_ line: [DecodedScalar]) -> [LineScalar] {
        var out: [LineScalar] = []
        out.reserveCapacity(line.count)
        for (i, d) in line.enumerated() {
            let v = d.value.value
            if v >= 0x20 && v < 0x7F {
                out.append(LineScalar(d.value, d.rawStart, d.rawEnd, changed: false))
                continue
            }
            switch Self.characterClass(d.value) {
            // U+FFFD stands for invalid bytes (of another length): never a byte copy of the raw input.
            case .keep: out.append(LineScalar(d.value, d.rawStart, d.rawEnd, changed: d.value == "\u{FFFD}"))
            case .drop: continue
            case .space: out.append(LineScalar(" ", d.rawStart, d.rawEnd, changed: true))
            case .doubleQuote: out.append(LineScalar("\"", d.rawStart, d.rawEnd, changed: true))
            case .dash: out.append(LineScalar("-", d.rawStart, d.rawEnd, changed: true))
            case .singleQuote:
                let inWord =
                    i > 0 && i + 1 < line.count && line[i - 1].value.properties.isAlphabetic
                    && line[i + 1].value.properties.isAlphabetic
                out.append(LineScalar(inWord ? d.value : "'", d.rawStart, d.rawEnd, changed: !inWord))
            }
        }
        return out
    }

    enum CharacterClass { case keep, drop, space, doubleQuote, singleQuote, dash }

    static func characterClass(_ s: Unicode.Scalar) -> CharacterClass {
        switch s.value {
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x00AB, 0x00BB, 0x2033, 0x301D, 0x301E, 0xFF02: return .doubleQuote
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0xFF07: return .singleQuote
        case 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D: return .dash
        case 0x09, 0x0B, 0x0C: return .space
        // The joiners are format characters, but emoji sequences (👨‍👩‍👧) and some scripts need them.
        case 0x200C, 0x200D: return .keep
        default: break
        }
        let p = s.properties
        if p.isNoncharacterCodePoint { return .drop }
        switch p.generalCategory {
        case .spaceSeparator: return .space
        case .control, .format, .surrogate: return .drop
        default: return p.isWhitespace ? .space : .keep
        }
    }

    /// NFC with ICU, piecewise: a run between two NFC boundaries is normalized as a whole and maps to
    /// the raw span of the run, so offsets stay exact.
    func nfc(_ line: [LineScalar]) -> [LineScalar] {
        var utf8: [UInt8] = []
        var ascii = true
        for s in line where s.value.value >= 0x80 { ascii = false; break }
        if ascii { return line }
        for s in line { utf8.append(contentsOf: utf8Bytes(s.value)) }
        if ICU.isNFC(utf8) { return line }
        var out: [LineScalar] = []
        var chunkStart = 0
        func flush(_ end: Int) {
            guard chunkStart < end else { return }
            let chunk = line[chunkStart..<end]
            var bytes: [UInt8] = []
            for s in chunk { bytes.append(contentsOf: utf8Bytes(s.value)) }
            let normalized = ICU.nfc(bytes)
            if normalized == bytes {
                out.append(contentsOf: chunk)
            } else {
                let rawStart = chunk.first!.rawStart, rawEnd = chunk.last!.rawEnd
                for scalar in String(decoding: normalized, as: UTF8.self).unicodeScalars {
                    out.append(LineScalar(scalar, rawStart, rawEnd, changed: true))
                }
            }
            chunkStart = end
        }
        for i in line.indices where i > 0 && ICU.nfcBoundaryBefore(line[i].value) { flush(i) }
        flush(line.count)
        return out
    }

    /// One space for every run of spaces, none at either end of the line. A line with neither (most
    /// lines) is left as it is, without a copy.
    func collapseSpaces(_ line: inout [LineScalar]) {
        guard Self.hasSpacesToCollapse(line) else { return }
        var out: [LineScalar] = []
        out.reserveCapacity(line.count)
        for s in line {
            if s.value == " " {
                if out.isEmpty { continue }
                if var last = out.last, last.value == " " {
                    last.rawEnd = s.rawEnd
                    last.changed = true
                    out[out.count - 1] = last
                    continue
                }
            }
            out.append(s)
        }
        if out.last?.value == " " { out.removeLast() }
        line = out
    }

    /// Whether `collapseSpaces` changes `line`: a space at either end, or two spaces in a row.
    static func hasSpacesToCollapse(_ line: [LineScalar]) -> Bool {
        guard let first = line.first, let last = line.last else { return false }
        if first.value == " " || last.value == " " { return true }
        var previousIsSpace = false
        for s in line {
            let isSpace = s.value == " "
            if isSpace && previousIsSpace { return true }
            previousIsSpace = isSpace
        }
        return false
    }

    // MARK: Furniture

    /// How many lines of one document a furniture rule may give up on at ICU's limit before it is no longer
    /// tried on the rest of that document. ICU's limit bounds each line (tens of milliseconds), not a
    /// document: 200 hostile lines took 17 s, and a 16 MiB file of them would have taken hours (the
    /// breaker's report). A rule that gives up on a real page's line never gets here.
    static let furnitureGiveUps = 3

    /// Drops or cuts the furniture of one line; a rule whose expression gives up at ICU's limit on it
    /// (`ICURegex.wholeMatch` nil) leaves the line as it is and is counted in `gaveUp`; a rule that gave up
    /// `furnitureGiveUps` times is skipped for the rest of the document.
    func removeFurniture(_ line: [LineScalar], _ removed: inout [Removal], gaveUp: inout [(rule: String, lines: Int)])
        -> [LineScalar]
    {
        func note(_ rule: String) {
            if let k = gaveUp.firstIndex(where: { $0.rule == rule }) {
                gaveUp[k].lines += 1
            } else {
                gaveUp.append((rule, 1))
            }
        }
        guard !line.isEmpty, !furniture.isEmpty else { return line }
        var current = line
        // The line as UTF-16 once (ICU's regular expressions work on UTF-16), again only after a cut.
        var utf16 = Self.utf16(current)
        for rule in furniture {
            guard !current.isEmpty else { break }
            if gaveUp.contains(where: { $0.rule == rule.id && $0.lines >= Self.furnitureGiveUps }) { continue }
            if let maxLength = rule.maxLength, current.count > maxLength { continue }
            // A whole-line rule whose pattern cannot begin with the line's first character (`current`
            // is not empty here, nor then `utf16`).
            if let lineStart = rule.lineStart, !lineStart.mayStart(with: utf16[0]) { continue }
            guard rule.mayMatch(utf16) else { continue }
            switch rule.scope {
            case .line:
                guard let whole = rule.regex.wholeMatch(utf16) else { note(rule.id); continue }
                guard whole else { continue }
                removed.append(
                    Removal(
                        kind: rule.kind, rule: rule.id, rawStart: current.first!.rawStart,
                        rawEnd: current.last!.rawEnd, text: Self.string(current)))
                return []
            case .match:
                let found = rule.regex.allMatches(in: utf16)
                if found.gaveUp { note(rule.id) }
                let matches = found.ranges.filter { !$0.isEmpty }
                guard !matches.isEmpty else { continue }
                let scalarIndex = Self.utf16ToScalarIndex(current)
                var drop = [Bool](repeating: false, count: current.count)
                for m in matches {
                    let from = scalarIndex[m.lowerBound], to = scalarIndex[m.upperBound]
                    guard from < to else { continue }
                    removed.append(
                        Removal(
                            kind: rule.kind, rule: rule.id, rawStart: current[from].rawStart,
                            rawEnd: current[to - 1].rawEnd, text: String(decoding: utf16[m], as: UTF16.self)))
                    for k in from..<to { drop[k] = true }
                }
                current = current.indices.filter { !drop[$0] }.map { current[$0] }
                collapseSpaces(&current)
                utf16 = Self.utf16(current)
            }
        }
        return current
    }

    static func utf16(_ line: [LineScalar]) -> [UInt16] {
        var units: [UInt16] = []
        units.reserveCapacity(line.count + 8)
        for s in line {
            if s.value.value < 0x10000 {
                units.append(UInt16(s.value.value))
            } else {
                UTF16.encode(s.value) { units.append($0) }
            }
        }
        return units
    }

    static func string(_ line: [LineScalar]) -> String {
        // Encoded to UTF-8 bytes first: appending scalars to a String.UnicodeScalarView one by one
        // costs hundreds of instructions each.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(line.count + 16)
        for s in line { UTF8.encode(s.value) { bytes.append($0) } }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// For each UTF-16 offset of the line's string, the index of the scalar it falls in.
    static func utf16ToScalarIndex(_ line: [LineScalar]) -> [Int] {
        var map: [Int] = []
        map.reserveCapacity(line.count + 1)
        for (i, s) in line.enumerated() {
            map.append(i)
            if s.value.value > 0xFFFF { map.append(i) }
        }
        map.append(line.count)
        return map
    }

    // MARK: Broken lines

    /// What to put where a line break split a sentence, or nil when the break is a real paragraph end.
    static func brokenLineJoin(_ previous: [LineScalar], _ next: [LineScalar]) -> String? {
        guard let last = previous.last?.value, let first = next.first?.value else { return nil }
        guard first.properties.isLowercase,
            last.properties.isAlphabetic || last.properties.numericType != nil || last == ","
        else {
            return nil
        }
        // A single letter left alone at the end of the line is the head of a split word (`D` + `alam`).
        let isLoneLetter =
            last.properties.isAlphabetic && (previous.count == 1 || previous[previous.count - 2].value == " ")
        return isLoneLetter ? "" : " "
    }
}

/// A scalar of a line being normalized, with the raw span it came from.
struct LineScalar {
    var value: Unicode.Scalar
    var rawStart: Int
    var rawEnd: Int
    /// False when the scalar is exactly the raw bytes it came from (the offset map copies then).
    var changed: Bool
    init(_ value: Unicode.Scalar, _ rawStart: Int, _ rawEnd: Int, changed: Bool) {
        self.value = value
        self.rawStart = rawStart
        self.rawEnd = rawEnd
        self.changed = changed
    }
}

/// Accumulates normalized UTF-8 and its offset map.
struct TextBuilder {
    var bytes: [UInt8] = []
    var map = OffsetMap()
    /// Unchanged scalars are byte copies only when the input was UTF-8.
    let copyable: Bool

    init(copyable: Bool) { self.copyable = copyable }

    mutating func append(_ s: LineScalar) {
        let before = bytes.count
        if s.value.value < 0x80 {
            bytes.append(UInt8(s.value.value))
        } else {
            bytes.append(contentsOf: utf8Bytes(s.value))
        }
        map.append(
            outLength: bytes.count - before, rawStart: s.rawStart, rawEnd: s.rawEnd, isCopy: copyable && !s.changed)
    }

    /// A line: a run of unchanged ASCII scalars whose raw bytes follow each other is appended as one
    /// copy (one offset map call for the run instead of one per scalar: the map would merge them
    /// into the same segment anyway).
    mutating func append(contentsOf line: [LineScalar]) {
        var i = 0
        while i < line.count {
            guard copyable, !line[i].changed, line[i].value.value < 0x80 else {
                append(line[i])
                i += 1
                continue
            }
            var j = i + 1
            while j < line.count, !line[j].changed, line[j].value.value < 0x80, line[j].rawStart == line[j - 1].rawEnd {
                j += 1
            }
            for k in i..<j { bytes.append(UInt8(truncatingIfNeeded: line[k].value.value)) }
            map.append(outLength: j - i, rawStart: line[i].rawStart, rawEnd: line[j - 1].rawEnd, isCopy: true)
            i = j
        }
    }

    mutating func append(_ string: String, rawStart: Int, rawEnd: Int) {
        bytes.append(contentsOf: string.utf8)
        map.append(outLength: string.utf8.count, rawStart: rawStart, rawEnd: rawEnd, isCopy: false)
    }
}

func utf8Bytes(_ scalar: Unicode.Scalar) -> [UInt8] {
    var out: [UInt8] = []
    UTF8.encode(scalar) { out.append($0) }
    return out
}
