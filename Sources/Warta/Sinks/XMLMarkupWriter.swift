/// What the XML record encoder needs of a writer: elements, attributes, text, and the bytes written.
///
/// Two writers: `XMLWriter` (libxml2's xmlTextWriter) writes the file's declaration, root element and
/// empty form, and is the reference; `XMLBytesWriter` writes the `<document>` records, the same bytes
/// (tests compare the two on every kind of string), at a fraction of the cost.
protocol XMLMarkupWriter: AnyObject {
    /// Element and attribute names are the schema's, written in the source (`StaticString`): the
    /// hand writer copies their bytes as they are.
    func start(_ name: StaticString) throws
    func attribute(_ name: StaticString, _ value: String) throws
    func attribute(_ name: StaticString, _ value: Int) throws
    func text(_ value: String) throws
    func end() throws
    /// The number of bytes written since the last `drain`.
    func writtenCount() -> Int
    /// Takes what has been written so far out of the writer.
    func drain() -> [UInt8]
}

extension XMLWriter: XMLMarkupWriter {}

/// Writes indented XML elements into a byte buffer exactly as libxml2 2.9's xmlTextWriter does with
/// indentation on and an indent string of two spaces, after an `encoding="UTF-8"` declaration.
///
/// Why by hand: through libxml2 an attribute cost about 3,000 instructions (a C call per attribute,
/// the writer's state list, its output buffer and encoder), and the XML records were 8% of the
/// workers' time; appending escaped bytes costs a few instructions per byte. What libxml2 does, and
/// this writer copies:
/// - a start tag is written as `<name` at the indentation of its depth, after `>` and a line end when
///   its parent's start tag is still open; attributes follow as ` name="value"`;
/// - text closes an open start tag with `>` (no line end) and turns indentation off until the
///   element's end, whose end tag then follows the text directly;
/// - an element with no content ends as `/>`, one with content as `</name>` (indented when its content
///   was elements); a line end follows every end;
/// - in attribute values `&`, `<`, `>`, `"` become entities and tab, line feed and carriage return
///   character references (`&#9;`, `&#10;`, `&#13;`); in text `&`, `<`, `>`, `"` become entities and
///   carriage return `&#13;`; every other character is written as its UTF-8 bytes;
/// - characters XML 1.0 forbids (control characters but tab, line feed and carriage return; U+FFFE,
///   U+FFFF) are left out, as `XMLWriter.clean` does before handing strings to libxml2.
final class XMLBytesWriter: XMLMarkupWriter {
    /// Unchecked, like the state below: a writer is used by one thread and never re-entered, and the
    /// dynamic exclusivity check of each access cost more than the append it guarded (about 120
    /// instructions).
    @exclusivity(unchecked) private var bytes: [UInt8] = []
    @exclusivity(unchecked) private var open: [(name: StaticString, startTagOpen: Bool)] = []
    /// Off after text until the end of its element (libxml2's `doindent`).
    @exclusivity(unchecked) private var indentEndTag = true
    /// Elements open around what this writer writes (1 for `<document>` records inside `<documents>`).
    private let depth: Int

    init(depth: Int) {
        self.depth = depth
        bytes.reserveCapacity(16_384)
    }

    func start(_ name: StaticString) {
        if let top = open.last, top.startTagOpen {
            bytes.append(0x3E) // >
            bytes.append(0x0A)
            open[open.count - 1].startTagOpen = false
        }
        indent(depth + open.count)
        bytes.append(0x3C) // <
        append(name)
        open.append((name, true))
    }

    func attribute(_ name: StaticString, _ value: String) {
        bytes.append(0x20)
        append(name)
        bytes.append(0x3D) // =
        bytes.append(0x22) // "
        appendEscaped(value, inAttribute: true)
        bytes.append(0x22)
    }

    func attribute(_ name: StaticString, _ value: Int) {
        bytes.append(0x20)
        append(name)
        bytes.append(0x3D)
        bytes.append(0x22)
        bytes.appendDecimal(value)
        bytes.append(0x22)
    }

    func text(_ value: String) {
        if let top = open.last, top.startTagOpen {
            bytes.append(0x3E)
            open[open.count - 1].startTagOpen = false
        }
        indentEndTag = false
        appendEscaped(value, inAttribute: false)
    }

    func end() {
        guard let top = open.popLast() else { return }
        if top.startTagOpen {
            bytes.append(0x2F) // /
            bytes.append(0x3E)
        } else {
            if indentEndTag { indent(depth + open.count) }
            bytes.append(0x3C)
            bytes.append(0x2F)
            append(top.name)
            bytes.append(0x3E)
        }
        indentEndTag = true
        bytes.append(0x0A)
    }

    func writtenCount() -> Int { bytes.count }

    func drain() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes
    }

    /// A name's bytes (a `StaticString` is ASCII or UTF-8 text in the binary; names need no escaping).
    private func append(_ name: StaticString) {
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private func indent(_ level: Int) {
        for _ in 0..<level { bytes.append(0x20); bytes.append(0x20) }
    }

    /// Copies runs of bytes that need nothing whole, into a local buffer (appending byte by byte to the
    /// stored property paid an exclusivity check and a uniqueness check per byte).
    private func appendEscaped(_ value: String, inAttribute: Bool) {
        var out: [UInt8] = []
        swap(&out, &bytes)
        defer { swap(&out, &bytes) }
        var value = value
        value.withUTF8 { utf8 in
            let n = utf8.count
            var run = 0
            var i = 0
            while i < n {
                let b = utf8[i]
                let needsWork = b < 0x20 || b == 0x26 || b == 0x3C || b == 0x3E || b == 0x22 || b == 0xEF
                if !needsWork { i += 1; continue }
                if run < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<i])) }
                var skip = 1
                switch b {
                case 0x26: out.append(contentsOf: Self.amp)
                case 0x3C: out.append(contentsOf: Self.lt)
                case 0x3E: out.append(contentsOf: Self.gt)
                case 0x22: out.append(contentsOf: Self.quot)
                case 0x0D: out.append(contentsOf: Self.cr)
                case 0x0A: if inAttribute { out.append(contentsOf: Self.lf) } else { out.append(b) }
                case 0x09: if inAttribute { out.append(contentsOf: Self.tab) } else { out.append(b) }
                case 0xEF:
                    if i + 2 < n && utf8[i + 1] == 0xBF && (utf8[i + 2] == 0xBE || utf8[i + 2] == 0xBF) {
                        skip = 3 // U+FFFE, U+FFFF: forbidden in XML 1.0
                    } else {
                        out.append(b)
                    }
                default: break // the other control characters: forbidden in XML 1.0
                }
                i += skip
                run = i
            }
            if run < n { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<n])) }
        }
    }

    private static let amp = Array("&amp;".utf8)
    private static let lt = Array("&lt;".utf8)
    private static let gt = Array("&gt;".utf8)
    private static let quot = Array("&quot;".utf8)
    private static let cr = Array("&#13;".utf8)
    private static let lf = Array("&#10;".utf8)
    private static let tab = Array("&#9;".utf8)
}
