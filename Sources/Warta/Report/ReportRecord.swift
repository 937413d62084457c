import Foundation

/// A `warta.doc/1` record as the report reads it: every layer it shows, nothing else. Missing layers
/// decode as empty, so a gold file or a hand-edited record is shown too.
public struct ReportRecord: Decodable, Sendable {
    public struct Entity: Decodable, Sendable {
        public var type: String
        public var start: Int
        public var end: Int
        public var text: String?
        public var norm: String?
        public var rule: String?
    }
    public struct Link: Decodable, Sendable, Hashable {
        public var doc: String
        public var quote: Int
    }
    public struct Quote: Decodable, Sendable {
        public var start: Int
        public var end: Int
        public var speaker: String?
        public var cue: String?
        public var rule: String?
        public var duplicateOf: Link?
        public var similarity: Double?
        enum CodingKeys: String, CodingKey {
            case start, end, speaker, cue, rule
            case duplicateOf = "duplicate_of"
            case similarity
        }
    }
    public struct Reported: Decodable, Sendable {
        public var start: Int
        public var end: Int
        public var speaker: String?
        public var cue: String?
        public var rule: String?
    }
    public struct Removed: Decodable, Sendable {
        public var kind: String?
        public var rule: String?
        public var rawStart: Int?
        public var rawEnd: Int?
        public var text: String?
        enum CodingKeys: String, CodingKey {
            case kind, rule
            case rawStart = "raw_start"
            case rawEnd = "raw_end"
            case text
        }
    }
    public struct Piece: Decodable, Sendable { public var start: Int; public var end: Int }
    public struct Acronym: Decodable, Sendable { public var short: Piece; public var long: Piece }
    public struct Meta: Decodable, Sendable { public var outlet: String? }

    public var id: String
    public var source: String?
    public var sha256: String?
    public var date: String?
    public var text: String
    public var removed: [Removed]
    public var entities: [Entity]
    public var acronyms: [Acronym]
    public var quotes: [Quote]
    public var reportedSpeech: [Reported]
    public var warnings: [String]
    /// `meta.outlet` when a stdin record had one (the news site), shown beside the document id.
    public var outlet: String?

    enum CodingKeys: String, CodingKey {
        case id, source, sha256, date, text, removed, entities, acronyms, quotes
        case reportedSpeech = "reported_speech"
        case warnings, meta
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        source = try? c.decodeIfPresent(String.self, forKey: .source)
        sha256 = try? c.decodeIfPresent(String.self, forKey: .sha256)
        date = try? c.decodeIfPresent(String.self, forKey: .date)
        text = try c.decodeIfPresent(String.self, forKey: .text) ?? ""
        removed = try c.decodeIfPresent([Removed].self, forKey: .removed) ?? []
        entities = try c.decodeIfPresent([Entity].self, forKey: .entities) ?? []
        acronyms = try c.decodeIfPresent([Acronym].self, forKey: .acronyms) ?? []
        quotes = try c.decodeIfPresent([Quote].self, forKey: .quotes) ?? []
        reportedSpeech = try c.decodeIfPresent([Reported].self, forKey: .reportedSpeech) ?? []
        warnings = try c.decodeIfPresent([String].self, forKey: .warnings) ?? []
        outlet = (try? c.decodeIfPresent(Meta.self, forKey: .meta))??.outlet
    }

    /// Keys are spelt out (no `convertFromSnakeCase`, which converted every key of every object and
    /// was a third of the decoding time).
    static let decoder = JSONDecoder()

    /// One record from one NDJSON line; `ReportError.badLine` names the file and line otherwise.
    static func decode(_ line: ArraySlice<UInt8>, file: String, lineNumber: Int) throws -> ReportRecord {
        do {
            return try decoder.decode(ReportRecord.self, from: Data(line))
        } catch {
            throw ReportError.badLine(file: file, line: lineNumber, reason: Self.reason(error))
        }
    }

    private static func reason(_ error: Error) -> String {
        switch error {
        case Swift.DecodingError.keyNotFound(let key, let context):
            return "missing '\(key.stringValue)'" + path(context)
        case Swift.DecodingError.typeMismatch(_, let context), Swift.DecodingError.valueNotFound(_, let context):
            return "unexpected value" + path(context)
        case Swift.DecodingError.dataCorrupted:
            return "not valid JSON (expected one warta.doc/1 record per line)"
        default:
            return "\(error)"
        }
    }

    private static func path(_ context: Swift.DecodingError.Context) -> String {
        let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return keys.isEmpty ? "" : " at \(keys)"
    }
}

/// Why a report could not be written; the command prints it and exits 2.
public enum ReportError: Error, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case badLine(file: String, line: Int, reason: String)
    case duplicateId(file: String, id: String, first: Int, second: Int)
    case unwritable(path: String, reason: String)
    /// SIGINT or SIGTERM: the report was stopped before it was put in place (the previous one stays).
    case interrupted

    /// The report was stopped by a signal (not an input or output problem).
    public var isInterruption: Bool {
        if case .interrupted = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return
                "\(path): cannot read (\(reason)); expected an output folder holding documents.ndjson, or an NDJSON file"
        case .badLine(let file, let line, let reason): return "\(file):\(line): \(reason)"
        case .duplicateId(let file, let id, let first, let second):
            return "\(file):\(second): duplicate document id '\(id)' (first on line \(first)); records are paired by id"
        case .unwritable(let path, let reason): return "\(path): cannot write (\(reason))"
        case .interrupted: return "interrupted: the report was not written, the previous report is left in place"
        }
    }
}

/// The lines of an NDJSON file, read a block at a time: memory holds one block and one line, whatever
/// the file's size. Blank lines are skipped; line numbers count them.
final class NDJSONLines {
    let path: String
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private(set) var lineNumber = 0
    /// Byte offset in the file and length of the line `next()` returned last.
    private(set) var lineOffset = 0
    private(set) var lineLength = 0
    private var consumed = 0
    /// Where the search for the next line end resumes: a long line is scanned once, not once per block.
    private var scanned = 0

    /// Opens `path`, or `path/documents.ndjson` when it is a folder.
    init(_ path: String) throws {
        var file = path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            file = (path as NSString).appendingPathComponent(BatchRun.documentsFile)
        }
        self.path = file
        fd = open(file, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw ReportError.unreadable(path: file, reason: String(cString: strerror(errno))) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw ReportError.unreadable(path: file, reason: "not a regular file")
        }
    }

    deinit { close(fd) }

    /// The next non-blank line without its line end, or nil at the end of the file.
    func next() throws -> ArraySlice<UInt8>? {
        while true {
            if let newline = buffer[max(position, scanned)...].firstIndex(of: 0x0A) {
                let line = buffer[position..<newline]
                lineOffset = consumed + position
                lineLength = newline - position
                lineNumber += 1
                position = newline + 1
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
                return line
            }
            if atEnd {
                guard position < buffer.count else { return nil }
                let line = buffer[position...]
                lineOffset = consumed + position
                lineLength = line.count
                lineNumber += 1
                position = buffer.count
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { return nil }
                return line
            }
            scanned = buffer.count
            try fill()
        }
    }

    private func fill() throws {
        consumed += position
        buffer.removeFirst(position)
        scanned -= position
        position = 0
        var block = [UInt8](repeating: 0, count: 1 << 20)
        let n = block.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
        if n < 0 {
            if errno == EINTR { return }
            throw ReportError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        if n == 0 { atEnd = true } else { buffer.append(contentsOf: block[0..<n]) }
    }

    /// The next record, or nil at the end of the file.
    func nextRecord() throws -> ReportRecord? {
        guard let line = try next() else { return nil }
        return try ReportRecord.decode(line, file: path, lineNumber: lineNumber)
    }

    /// The next record, refusing an id that `ids` (id → line) already holds: records are paired and
    /// linked by id, so a second record under one id would be silently lost.
    func nextRecord(ids: inout [String: Int]) throws -> ReportRecord? {
        guard let record = try nextRecord() else { return nil }
        try claim(record.id, line: lineNumber, ids: &ids)
        return record
    }

    /// Notes that `id` is on `line`; an error naming both lines when it was seen before.
    func claim(_ id: String, line: Int, ids: inout [String: Int]) throws {
        if let earlier = ids[id] {
            throw ReportError.duplicateId(file: path, id: id, first: earlier, second: line)
        }
        ids[id] = line
    }

    /// `count` bytes at `offset` of the file (a line found earlier), without moving the reader.
    func bytes(at offset: Int, count: Int) throws -> [UInt8] {
        guard let bytes = FileBytes.read(descriptor: fd, at: offset, count: count) else {
            throw ReportError.unreadable(path: path, reason: "short read at byte \(offset)")
        }
        return bytes
    }
}
