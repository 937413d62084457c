import CWartaXML
import Foundation

/// A streaming XML writer over libxml2's xmlTextWriter, writing into memory that the caller drains.
///
/// Strings are cleaned of characters XML 1.0 forbids (control characters other than tab, newline and
/// carriage return; U+FFFE, U+FFFF) before they reach libxml2, which would pass them through and
/// make the file not well-formed.
final class XMLWriter {
    private let writer: OpaquePointer

    init() throws {
        guard let w = cwarta_xml_open_memory() else {
            throw OutputError(path: "<xml>", reason: "libxml2 could not create a writer")
        }
        writer = w
    }

    deinit { cwarta_xml_close(writer) }

    /// `what` is only built when the call failed: this runs for every element and attribute.
    private func check(_ rc: Int32, _ what: @autoclosure () -> String) throws {
        if rc < 0 { throw OutputError(path: "<xml>", reason: "libxml2 failed to write \(what())") }
    }

    func startDocument() throws { try check(cwarta_xml_start_document(writer), "the declaration") }
    func endDocument() throws { try check(cwarta_xml_end_document(writer), "the end of the document") }
    // `withCString` hands a native string's own bytes to C; passing a String where C wants a pointer
    // would copy it into a new array at every call.
    func start(_ name: StaticString) throws {
        try check(name.description.withCString { cwarta_xml_start_element(writer, $0) }, "<\(name)>")
    }
    func end() throws { try check(cwarta_xml_end_element(writer), "an end tag") }
    func attribute(_ name: StaticString, _ value: String) throws {
        let rc = name.description.withCString { n in
            Self.clean(value).withCString { cwarta_xml_attribute(writer, n, $0) }
        }
        try check(rc, "attribute \(name)")
    }
    /// A number has nothing to clean.
    func attribute(_ name: StaticString, _ value: Int) throws {
        let rc = name.description.withCString { n in String(value).withCString { cwarta_xml_attribute(writer, n, $0) } }
        try check(rc, "attribute \(name)")
    }
    func text(_ value: String) throws {
        try check(Self.clean(value).withCString { cwarta_xml_text(writer, $0) }, "text")
    }

    /// The number of bytes written since the last `drain` (flushes libxml2's own buffer first).
    func writtenCount() -> Int {
        var length: Int64 = 0
        _ = cwarta_xml_memory_contents(writer, &length)
        return Int(length)
    }

    /// Takes what has been written so far out of the writer.
    func drain() -> [UInt8] {
        var length: Int64 = 0
        guard let pointer = cwarta_xml_memory_contents(writer, &length), length > 0 else { return [] }
        let bytes = pointer.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
            Array(UnsafeBufferPointer(start: $0, count: Int(length)))
        }
        cwarta_xml_memory_clear(writer)
        return bytes
    }

    static func isAllowed(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    static func clean(_ value: String) -> String {
        if value.unicodeScalars.allSatisfy(isAllowed) { return value }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: value.unicodeScalars.filter(isAllowed))
        return String(view)
    }

    /// Validates a file against an XSD with libxml2; nil when valid, else the first error.
    static func validate(file: String, schema: String) -> String? {
        var message = [CChar](repeating: 0, count: 1024)
        let rc = cwarta_xml_validate(file, schema, &message, Int32(message.count))
        if rc == 0 { return nil }
        let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? (rc < 0 ? "cannot read \(file) or \(schema)" : "invalid") : text
    }
}
