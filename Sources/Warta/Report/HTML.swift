/// Escaping for the report's HTML: every text that comes from a record (article text, ids, norms,
/// speakers, rule ids, file names) goes through here before it reaches a page.
///
/// One function serves text and double-quoted attribute values: `& < > " '` become character
/// references, so an article holding `<script>` or `</textarea>` shows as text and a value cannot end its
/// attribute. Characters that HTML parses badly or not at all are replaced one for one (so code point
/// offsets into the text stay valid): C0 controls other than tab and newline become their Control
/// Pictures sign (U+0001 → `␁`, DEL → `␡`), C1 controls and noncharacters become U+FFFD.
public enum HTML {
    /// `text`, escaped for an HTML text node or a double-quoted attribute value.
    public static func escape(_ text: String) -> String {
        var out: [UInt8] = []
        var text = text
        text.withUTF8 { append($0[...], to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the escaped UTF-8 `bytes` (whole characters of a valid UTF-8 string) to `out`.
    ///
    /// Works on bytes: a run of plain characters is copied as it is, and only the lead bytes that can
    /// start a character to replace are looked at (a scalar at a time cost a third of the report's time).
    static func append<C: RandomAccessCollection>(_ bytes: C, to out: inout [UInt8])
    where C.Element == UInt8, C.Index == Int {
        var i = bytes.startIndex
        let end = bytes.endIndex
        var run = i // start of the bytes not yet copied
        @inline(__always) func flush(_ upTo: Int) {
            if run < upTo { out.append(contentsOf: bytes[run..<upTo]) }
        }
        while i < end {
            let b = bytes[i]
            if b < 0x80 {
                var replacement: StaticString? = nil
                var picture: UInt8? = nil
                switch b {
                case 0x26: replacement = "&amp;"
                case 0x3C: replacement = "&lt;"
                case 0x3E: replacement = "&gt;"
                case 0x22: replacement = "&quot;"
                case 0x27: replacement = "&#39;"
                case 0x09, 0x0A: break
                case 0x00...0x1F: picture = 0x80 + b // U+2400 + b: E2 90 (80 + b)
                case 0x7F: picture = 0xA1 // U+2421
                default: break
                }
                if let replacement {
                    flush(i)
                    replacement.withUTF8Buffer { out.append(contentsOf: $0) }
                    run = i + 1
                } else if let picture {
                    flush(i)
                    out.append(contentsOf: [0xE2, 0x90, picture])
                    run = i + 1
                }
                i += 1
                continue
            }
            let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
            guard i + length <= end else { break }
            let replace: Bool
            switch length {
            case 2: replace = b == 0xC2 && bytes[i + 1] <= 0x9F // C1 controls
            case 3:
                replace =
                    b == 0xEF
                    && ((bytes[i + 1] == 0xB7 && (0x90...0xAF).contains(bytes[i + 2])) // U+FDD0–U+FDEF
                        || (bytes[i + 1] == 0xBF && bytes[i + 2] >= 0xBE)) // U+FFFE, U+FFFF
            default:
                // U+nFFFE, U+nFFFF
                replace = bytes[i + 1] & 0x0F == 0x0F && bytes[i + 2] == 0xBF && bytes[i + 3] >= 0xBE
            }
            if replace {
                flush(i)
                out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                run = i + length
            }
            i += length
        }
        flush(end)
    }

    /// A value usable in a `class` or `id` token: ASCII letters, digits, `-` and `_`; anything else `_`.
    public static func token(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars.prefix(64) {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", "_": out.unicodeScalars.append(scalar)
            default: out += "_"
            }
        }
        return out.isEmpty ? "_" : out
    }
}
