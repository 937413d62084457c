/// Writes JSON straight into a byte buffer, keys in the order they are written.
///
/// Foundation's encoders cannot keep a fixed key order and cost an allocation per value; the record
/// schema promises a fixed order, and the sink is on the hot path. Tests parse everything it writes
/// with a real JSON parser (JSONSerialization, jq, Python).
public struct JSONWriter {
    /// How control characters are escaped. Both are valid JSON; they differ in three characters.
    public enum Escaping {
        /// `\u0008`, `\u000c`, `\u007f` (the records' form).
        case record
        /// `\b`, `\f` and DEL as is: what Foundation's `JSONSerialization` writes, so that a file it
        /// used to write (the manifest) keeps its bytes when written with this writer.
        case jsonSerialization
    }

    public private(set) var bytes: [UInt8] = []
    /// Per nesting level: whether the next item needs a comma first.
    private var needsComma: [Bool] = [false]
    private let escaping: Escaping

    public init(capacity: Int = 1024, escaping: Escaping = .record) {
        bytes.reserveCapacity(capacity)
        self.escaping = escaping
    }

    /// Drops the bytes written so far (the caller has taken them), keeping the buffer's capacity and the
    /// separator state: a writer can stream a long array an element at a time.
    public mutating func removeWrittenBytes() { bytes.removeAll(keepingCapacity: true) }

    private mutating func separate() {
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    public mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); needsComma.append(false) }
    public mutating func endObject() { needsComma.removeLast(); bytes.append(UInt8(ascii: "}")) }
    public mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); needsComma.append(false) }
    public mutating func endArray() { needsComma.removeLast(); bytes.append(UInt8(ascii: "]")) }

    /// Writes `"key":` inside an object; the value call that follows does not add a comma. For the
    /// schema's own keys, written in the source: their bytes are copied as they are, without the
    /// escape scan a `String` key takes (about 330 instructions a key, 900 keys an article).
    /// Such a key must need no escaping; debug builds (the tests) check it on every key written.
    public mutating func key(_ name: StaticString) {
        assert(
            name.withUTF8Buffer { !$0.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F } },
            "JSON key \(name) needs escaping: write it with key(text:)")
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma[needsComma.count - 1] = false
    }

    /// Writes `"key":` for a key that comes from data (an output's name, a passed-through field),
    /// escaped like any string.
    public mutating func key(text name: String) {
        separate()
        appendString(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma[needsComma.count - 1] = false
    }

    public mutating func string(_ value: String) { separate(); appendString(value) }
    public mutating func string<C: Collection>(utf8 value: C) where C.Element == UInt8 {
        separate(); appendString(utf8: value)
    }
    public mutating func int(_ value: Int) { separate(); bytes.appendDecimal(value) }
    public mutating func bool(_ value: Bool) { separate(); bytes.append(contentsOf: (value ? "true" : "false").utf8) }
    public mutating func null() { separate(); bytes.append(contentsOf: "null".utf8) }

    /// A finite number with at most 4 decimals (similarities); NaN and infinity become null.
    public mutating func double(_ value: Double) {
        let rounded = (value * 10000).rounded() / 10000
        // Checked after rounding: a finite value near the largest double overflows in `value * 10000`,
        // and `inf` is not JSON (a similarity of 1e308 on a `warta dedup resolve` input line wrote it).
        guard rounded.isFinite else { null(); return }
        separate()
        var s = String(rounded)
        if s.hasSuffix(".0") { s.removeLast(2) }
        bytes.append(contentsOf: s.utf8)
    }

    /// Already-encoded JSON (a passed-through input field).
    public mutating func raw(_ json: String) { separate(); bytes.append(contentsOf: json.utf8) }

    public mutating func field(_ name: StaticString, _ value: String?) {
        key(name); if let value { string(value) } else { null() }
    }
    public mutating func field(_ name: StaticString, _ value: Int?) {
        key(name); if let value { int(value) } else { null() }
    }

    /// Ends a line; at the top level the next value starts a new record, without a comma.
    public mutating func newline() {
        bytes.append(0x0A)
        if needsComma.count == 1 { needsComma[0] = false }
    }

    private mutating func appendString(_ s: String) {
        var s = s
        s.withUTF8 { appendString(utf8: $0) }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Escapes `"`, `\` and control characters; everything else goes through as UTF-8. The input is
    /// valid UTF-8 (Swift strings and normalized text), so the output is valid JSON for any text.
    /// Runs of bytes that need no escape are copied whole.
    private mutating func appendString<C: Collection>(utf8 value: C) where C.Element == UInt8 {
        bytes.append(UInt8(ascii: "\""))
        if value.withContiguousStorageIfAvailable({ appendEscaped($0) }) == nil {
            let copy = Array(value)
            copy.withUnsafeBufferPointer { appendEscaped($0) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscaped(_ value: UnsafeBufferPointer<UInt8>) {
        var run = 0
        for (i, b) in value.enumerated() {
            guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b == 0x7F else { continue }
            if run < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: value[run..<i])) }
            run = i + 1
            switch b {
            case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\\")); bytes.append(b)
            case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(b)
            case 0x0A: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "t"))
            default:
                if escaping == .jsonSerialization {
                    // Checked only here, on the rare control characters, not on every byte.
                    switch b {
                    case 0x08: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "b")); continue
                    case 0x0C: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "f")); continue
                    case 0x7F: bytes.append(b); continue
                    default: break
                    }
                }
                bytes.append(contentsOf: "\\u00".utf8)
                bytes.append(Self.hex[Int(b >> 4)])
                bytes.append(Self.hex[Int(b & 0xF)])
            }
        }
        if run < value.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: value[run...])) }
    }
}
