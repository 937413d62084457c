import Foundation

/// Documents read from standard input, one at a time as the runner asks for them.
///
/// When the first non-blank byte is `{`, every line is a JSON object `{"id", "text", ...}`: `date`
/// (ISO 8601) sets the document's date for resolving relative dates, and every field other than `id`
/// and `text` is passed through to the record's `meta`. A line that is not such an object is reported
/// (with its line number) and the others are processed. Otherwise all of stdin is one plain-text
/// document with id `stdin`.
public final class StdinInputSource: InputSource {
    public var isLiveStream: Bool { true }
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var eof = false
    private var lineNumber = 0
    private var mode: Mode?
    private var plainTextDone = false
    private var cancelled = false

    enum Mode { case ndjson, plain }

    /// Stops the reading: while it waits for the next line, the input ends once this is set.
    private let cancellation: CancellationFlag?
    /// The largest document (plain text, or an NDJSON record's text) read; an NDJSON line may be twice
    /// as long plus a mebibyte (escapes, other fields). Past that a line is skipped as it streams by,
    /// never held whole, and reported as a failed input; plain text is refused.
    public var maxDocumentBytes = Runner.defaultMaxDocumentBytes
    var maxLineBytes: Int { maxDocumentBytes > (Int.max - (1 << 20)) / 2 ? Int.max : 2 * maxDocumentBytes + (1 << 20) }
    /// Bytes of an overlong line being skipped, and whether one is being skipped.
    private var skippingLine = false
    /// The line of each id read so far: a later record with one of them fails (ids are unique, as
    /// `warta diff`, `eval` and `duplicate_of` need).
    private var lineOfId: [String: Int] = [:]
    private var reportedClosed = false
    private let wasClosed: Bool
    private var skippedBytes = 0

    /// `firstLine`: the number of the first line (a slice of a larger input keeps the whole input's
    /// line numbers, in sources `<stdin>:LINE` and quote keys). `cancellation`: see the property.
    /// `wasClosed`: the handle is stdin, closed when the process started (`StandardDescriptors`).
    public init(
        _ handle: FileHandle = .standardInput, firstLine: Int = 1, cancellation: CancellationFlag? = nil,
        wasClosed: Bool = false
    ) {
        self.handle = handle
        self.wasClosed = wasClosed
        lineNumber = firstLine - 1
        self.cancellation = cancellation
    }

    private func fill() {
        guard !eof else { return }
        // A live stream (`tail -f | warta run -`) can be silent for hours, and a read blocked on it
        // would keep SIGTERM from stopping the run until the next line came: wait in short polls that
        // look at the flag in between.
        if let cancellation {
            var waiting = pollfd(fd: handle.fileDescriptor, events: Int16(POLLIN), revents: 0)
            while true {
                if cancellation.isSet { stopForCancellation(); return }
                let ready = poll(&waiting, 1, 100)
                if ready > 0 || (ready < 0 && errno != EINTR) { break } // readable, closed, or an error read() reports
            }
        }
        // read(2), not `FileHandle.availableData`, which traps on a read error (stdin opened for
        // writing only, a directory): the error ends the input and is reported as a failed input.
        while true {
            let n = chunk.withUnsafeMutableBytes { read(handle.fileDescriptor, $0.baseAddress!, $0.count) }
            if n > 0 { buffer.append(contentsOf: chunk[0..<n]); return }
            if n == 0 { eof = true; return }
            let error = errno
            if error == EINTR { continue }
            if error == EAGAIN { // a non-blocking stdin inherited from the caller: wait until it is readable
                if cancellation?.isSet == true { stopForCancellation(); return }
                var waiting = pollfd(fd: handle.fileDescriptor, events: Int16(POLLIN), revents: 0)
                _ = poll(&waiting, 1, 100)
                continue
            }
            readError = String(cString: strerror(error))
            eof = true
            return
        }
    }

    /// The run is stopping and writes nothing more: a half-read line is not an input.
    private func stopForCancellation() {
        eof = true
        cancelled = true
        buffer.removeAll()
    }

    /// The read error that ended the input, reported once as a failed input: after the lines read
    /// before it (NDJSON), or instead of the partly read document (plain text).
    private var readError: String?
    /// What read(2) reads into, reused.
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)

    private func reportedReadError() -> InputItem? {
        guard let error = readError else { return nil }
        readError = nil
        return .invalid(source: "<stdin>", problem: "cannot read standard input: \(error)")
    }

    private enum Line {
        case bytes([UInt8])
        case tooLong(Int)
    }

    private func readLine() -> Line? {
        var searched = 0
        while true {
            // `fill()` may have emptied the buffer (a stop for a signal drops the half-read line).
            if let nl = buffer[min(searched, buffer.count)...].firstIndex(of: 0x0A) {
                let line = Array(buffer[..<nl])
                buffer.removeSubrange(...nl)
                if skippingLine {
                    skippingLine = false
                    return .tooLong(skippedBytes + line.count)
                }
                return .bytes(line)
            }
            if eof {
                if skippingLine { skippingLine = false; buffer.removeAll(); return .tooLong(skippedBytes) }
                if buffer.isEmpty { return nil }
                defer { buffer.removeAll() }
                return .bytes(buffer)
            }
            if skippingLine || buffer.count > maxLineBytes {
                // Too long to be a record: dropped as it comes, so memory stays bounded.
                if !skippingLine { skippingLine = true; skippedBytes = 0 }
                skippedBytes += buffer.count
                buffer.removeAll(keepingCapacity: true)
            }
            searched = buffer.count
            fill()
        }
    }

    public func next() -> InputItem? {
        // A stdin closed at start (`<&-`) was /dev/null by then, and read as an empty document (exit 0).
        if wasClosed {
            guard !reportedClosed else { return nil }
            reportedClosed = true
            return .invalid(source: "<stdin>", problem: "standard input was closed when warta started; nothing to read")
        }
        if mode == nil { mode = detectMode() }
        switch mode! {
        case .plain: return nextPlainText()
        case .ndjson: return nextRecord()
        }
    }

    /// NDJSON when the first non-blank byte (after a UTF-8 byte order mark, removed) is `{`, else plain
    /// text; reads as far as it needs to tell.
    private func detectMode() -> Mode {
        func blank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
        // A UTF-8 byte order mark (editors on Windows write one) is not content: NDJSON after one was
        // read as a plain-text document made of the JSON.
        while !eof && (buffer.count < 3 || buffer.dropFirst(Self.startsWithBOM(buffer) ? 3 : 0).allSatisfy(blank)) {
            fill()
        }
        let bom = Self.startsWithBOM(buffer)
        if buffer.dropFirst(bom ? 3 : 0).first(where: { !blank($0) }) == UInt8(ascii: "{") {
            if bom { buffer.removeFirst(3) }
            return .ndjson
        }
        return .plain // the text decoder reads a BOM itself
    }

    /// The whole of stdin as one document (once).
    private func nextPlainText() -> InputItem? {
        guard !plainTextDone else { return nil }
        plainTextDone = true
        while !eof && buffer.count <= maxDocumentBytes { fill() }
        if cancelled { return nil }
        if let failed = reportedReadError() { return failed }
        if buffer.count > maxDocumentBytes {
            buffer.removeAll()
            return .invalid(
                source: "-", problem: "more than --max-document-bytes (\(maxDocumentBytes) bytes); not read further"
            )
        }
        // Nothing but white space (or nothing: `< /dev/null`) is no document, as an empty folder holds none.
        if buffer.dropFirst(Self.startsWithBOM(buffer) ? 3 : 0).allSatisfy({
            $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09
        }) {
            return nil
        }
        return .inline(id: "stdin", source: "-", raw: buffer, metadata: DocumentMetadata())
    }

    /// The next record of NDJSON input (blank lines skipped).
    private func nextRecord() -> InputItem? {
        while let next = readLine() {
            lineNumber += 1
            guard case .bytes(let line) = next else {
                if case .tooLong(let size) = next {
                    return .invalid(
                        source: "<stdin>:\(lineNumber)",
                        problem:
                            "line \(lineNumber): \(size) bytes, longer than a record of --max-document-bytes (\(maxDocumentBytes) bytes) can be; skipped"
                    )
                }
                continue
            }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            var item = Self.parse(line, lineNumber: lineNumber)
            if case .inline(let id, let source, _, _) = item {
                if let first = lineOfId[id] {
                    return .invalid(
                        source: source,
                        problem:
                            "line \(lineNumber): the id '\(id)' is already the id of line \(first); ids must be unique, so this record is not processed"
                    )
                }
                lineOfId[id] = lineNumber
            }
            if case .inline(let id, let source, let raw, var metadata) = item {
                metadata.inputLine = lineNumber
                item = .inline(id: id, source: source, raw: raw, metadata: metadata)
            }
            return item
        }
        return reportedReadError()
    }

    static func startsWithBOM(_ bytes: [UInt8]) -> Bool { bytes.starts(with: [0xEF, 0xBB, 0xBF]) }

    static let hugeNumberMarker = "warta-number-"

    /// `line` with each number outside strings that overflows a Double replaced by the JSON string
    /// `"\u0000warta-number-K"`, and the numbers' texts in order.
    static func replacingOverflowingNumbers(_ line: [UInt8]) -> ([UInt8], [String]) {
        var out: [UInt8] = []
        out.reserveCapacity(line.count)
        var originals: [String] = []
        var i = 0
        var inString = false
        while i < line.count {
            let b = line[i]
            if inString {
                out.append(b)
                if b == UInt8(ascii: "\\"), i + 1 < line.count { out.append(line[i + 1]); i += 2; continue }
                if b == UInt8(ascii: "\"") { inString = false }
                i += 1
                continue
            }
            if b == UInt8(ascii: "\"") { inString = true; out.append(b); i += 1; continue }
            if b == UInt8(ascii: "-") || (0x30...0x39).contains(b) {
                var j = i + 1
                while j < line.count,
                    (0x30...0x39).contains(line[j])
                        || [
                            UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"),
                            UInt8(ascii: "+"), UInt8(ascii: "-")
                        ].contains(line[j])
                { j += 1 }
                let token = String(decoding: line[i..<j], as: UTF8.self)
                if let value = Double(token), value.isInfinite {
                    out += Array("\"\\u0000\(hugeNumberMarker)\(originals.count)\"".utf8)
                    originals.append(token)
                } else {
                    out += line[i..<j]
                }
                i = j
                continue
            }
            out.append(b)
            i += 1
        }
        return (out, originals)
    }

    /// The JSON value of a line, through the two repairs below when Foundation refuses it as it is: the
    /// numbers too large for a Double (their texts, by marker index) and the warnings of the repair.
    static func jsonValue(_ line: [UInt8]) -> (value: Any?, hugeNumbers: [String], warnings: [String]) {
        var inputWarnings: [String] = []
        var parsed = try? JSONSerialization.jsonObject(with: Data(line))
        // A number too large for a Double (`1e400`) is valid JSON that Foundation's parser refuses: it
        // stands in as a marker string while parsing, and its text is put back in `meta`.
        var hugeNumbers: [String] = []
        var line = line
        if parsed == nil {
            let (replaced, originals) = replacingOverflowingNumbers(line)
            if !originals.isEmpty, let object = try? JSONSerialization.jsonObject(with: Data(replaced)) {
                parsed = object
                hugeNumbers = originals
                line = replaced
            }
        }
        if parsed == nil {
            // JSON allows the escape of a lone surrogate (`\ud800`), which no string can hold: such a
            // line is read with U+FFFD in its place, and a warning, rather than refused.
            let (repaired, count) = replacingLoneSurrogateEscapes(line)
            if count > 0, let object = try? JSONSerialization.jsonObject(with: Data(repaired)) {
                parsed = object
                inputWarnings.append("lone surrogate escape: \(count) replaced by U+FFFD")
            }
        }
        return (parsed, hugeNumbers, inputWarnings)
    }

    static func parse(_ line: [UInt8], lineNumber: Int) -> InputItem {
        let source = "<stdin>:\(lineNumber)"
        let (parsed, hugeNumbers, inputWarnings) = jsonValue(line)
        guard let object = parsed as? [String: Any] else {
            return .invalid(
                source: source,
                problem: "line \(lineNumber): not a valid JSON object (expected {\"id\": ..., \"text\": ...})")
        }
        guard let id = object["id"] as? String ?? (object["id"] as? NSNumber).map({ $0.stringValue }) else {
            return .invalid(source: source, problem: "line \(lineNumber): no \"id\" string")
        }
        guard !id.isEmpty else { return .invalid(source: source, problem: "line \(lineNumber): the \"id\" is empty") }
        // The XML drops control characters and the NDJSON escapes them: one id would differ between
        // the two outputs (and a log line would break on it).
        guard !InputDiscovery.holdsControlCharacters(id) else {
            return .invalid(source: source, problem: "line \(lineNumber): the \"id\" holds control characters")
        }
        guard let text = object["text"] as? String else {
            return .invalid(source: source, problem: "line \(lineNumber): no \"text\" string")
        }
        var metadata = DocumentMetadata()
        metadata.textFromJSON = true
        metadata.inputWarnings = inputWarnings
        if let date = object["date"] as? String, InputDiscovery.holdsControlCharacters(date) {
            // The XML attribute drops what the NDJSON escapes: the date would differ between the outputs.
            metadata.inputWarnings.append(
                "\"date\" holds control characters: dropped, day names are not resolved against it")
        } else if let date = object["date"] as? String {
            metadata.date = date
            if DateNormalizer.parseISO(date) == nil {
                metadata.inputWarnings.append(
                    "date '\(date)' is not a valid YYYY-MM-DD date: day names are not resolved against it")
            }
        } else if let date = object["date"], !(date is NSNull) {
            // A number (`20240101`) or an object was dropped without a word.
            metadata.inputWarnings.append(
                "\"date\" is not a string (a YYYY-MM-DD date): day names are not resolved against it")
        }
        for key in object.keys.sorted() where key != "id" && key != "text" {
            if let data = try? JSONSerialization.data(
                withJSONObject: object[key]!, options: [.fragmentsAllowed, .sortedKeys, .withoutEscapingSlashes]),
                var json = String(data: data, encoding: .utf8)
            {
                for (k, number) in hugeNumbers.enumerated() {
                    json = json.replacingOccurrences(of: "\"\\u0000\(Self.hugeNumberMarker)\(k)\"", with: number)
                }
                metadata.passthrough.append((key, json))
            }
        }
        return .inline(id: id, source: source, raw: Array(text.utf8), metadata: metadata)
    }

    /// `line` with every `\uD800`–`\uDFFF` escape that is not half of a surrogate pair replaced by
    /// `\ufffd`, and how many were replaced. Other escapes (`\\u...` is a backslash and `u`) are kept.
    static func replacingLoneSurrogateEscapes(_ line: [UInt8]) -> (line: [UInt8], count: Int) {
        func hexValue(_ at: Int) -> Int? {
            guard at + 6 <= line.count, line[at] == UInt8(ascii: "\\"), line[at + 1] == UInt8(ascii: "u") else {
                return nil
            }
            var v = 0
            for b in line[(at + 2)..<(at + 6)] {
                guard let d = Int(String(UnicodeScalar(b)), radix: 16) else { return nil }
                v = v * 16 + d
            }
            return v
        }
        var out: [UInt8] = []
        out.reserveCapacity(line.count)
        var count = 0
        var i = 0
        while i < line.count {
            guard line[i] == UInt8(ascii: "\\"), i + 1 < line.count else { out.append(line[i]); i += 1; continue }
            if let v = hexValue(i) {
                if (0xD800...0xDBFF).contains(v), let w = hexValue(i + 6), (0xDC00...0xDFFF).contains(w) {
                    out.append(contentsOf: line[i..<(i + 12)]); i += 12; continue
                }
                if (0xD800...0xDFFF).contains(v) {
                    out.append(contentsOf: Array("\\ufffd".utf8)); count += 1; i += 6; continue
                }
            }
            out.append(contentsOf: line[i...(i + 1)]) // any other escape, whole
            i += 2
        }
        return (out, count)
    }
}
