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
        var out = ""
        out.reserveCapacity(text.utf8.count)
        append(text.unicodeScalars, to: &out)
        return out
    }

    /// Appends the escaped scalars to `out`.
    static func append<S: Sequence>(_ scalars: S, to out: inout String) where S.Element == Unicode.Scalar {
        for scalar in scalars { append(scalar, to: &out) }
    }

    @inline(__always)
    static func append(_ scalar: Unicode.Scalar, to out: inout String) {
        switch scalar.value {
        case 0x26: out += "&amp;"
        case 0x3C: out += "&lt;"
        case 0x3E: out += "&gt;"
        case 0x22: out += "&quot;"
        case 0x27: out += "&#39;"
        case 0x09, 0x0A: out.unicodeScalars.append(scalar)
        case 0x00...0x1F: out.unicodeScalars.append(Unicode.Scalar(0x2400 + scalar.value)!)
        case 0x7F: out.unicodeScalars.append("\u{2421}")
        case 0x80...0x9F, 0xFDD0...0xFDEF: out.unicodeScalars.append("\u{FFFD}")
        case let v where v & 0xFFFE == 0xFFFE: out.unicodeScalars.append("\u{FFFD}")
        default: out.unicodeScalars.append(scalar)
        }
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
