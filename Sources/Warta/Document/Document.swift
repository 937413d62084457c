import Foundation

/// One article moving through the pipeline.
///
/// The raw bytes are never changed. `normalize` sets `text` (the string every later stage sees) and
/// `offsetMap` (text positions back to raw byte positions); every other stage only adds annotation
/// layers that point into `text` with UTF-8 byte ranges. Sinks turn those into the code point offsets
/// of the output contract (../shared/ANNOTATION.md).
public struct Document: Sendable {
    /// File name without `.txt`, relative to the input folder; or the `id` of a stdin record.
    public var id: String
    /// Where the document came from (a path, or `-` for stdin).
    public var source: String
    /// The bytes as read. Kept so that raw offsets can be checked and hashes computed.
    public let raw: [UInt8]
    /// SHA-256 of `raw` as lower-case hex, computed with it (on the worker that read the input, so that
    /// the ordered hand-off does not hash every input).
    public let rawSHA256Hex: String
    /// How `raw` was decoded (BOM, UTF-16, replacement of invalid bytes).
    public var encoding: TextEncodingInfo = TextEncodingInfo()
    /// Metadata from the input (stdin NDJSON fields such as `date` and `url`), passed through.
    public var metadata: DocumentMetadata = DocumentMetadata()

    /// Normalized text as UTF-8; all annotation ranges index into it.
    public var text: [UInt8] = []
    /// Maps `text` byte offsets to `raw` byte offsets.
    public var offsetMap: OffsetMap = OffsetMap()

    public var removed: [Removal] = []
    public var sentences: [TextRange] = []
    public var tokens: [Token] = []
    public var entities: [Entity] = []
    public var acronyms: [AcronymPair] = []
    public var quotes: [Quote] = []
    public var reportedSpeech: [ReportedSpeech] = []
    /// Problems worth reporting that did not stop the document (e.g. invalid UTF-8 replaced).
    public var warnings: [String] = []
    public init(id: String, source: String, raw: [UInt8]) {
        self.id = id
        self.source = source
        self.raw = raw
        rawSHA256Hex = Hashing.sha256Hex(raw)
    }

    /// The normalized text as a Swift string.
    public var string: String { String(decoding: text, as: UTF8.self) }

    /// The normalized text inside `range`.
    public func substring(_ range: TextRange) -> String {
        String(decoding: text[range.start..<range.end], as: UTF8.self)
    }
}

/// Fields carried in from the input record besides `id` and `text`.
public struct DocumentMetadata: Sendable, Equatable {
    /// The publication date, ISO 8601 (`2023-11-16`), used to resolve relative dates.
    public var date: String?
    /// Extra input fields as raw JSON text, in input order, written back out unchanged.
    public var passthrough: [(key: String, json: String)] = []
    /// The raw bytes are the UTF-8 of a JSON string (a stdin record), not a file: no BOM or binary check,
    /// and a NUL (`\u0000`) is a control character like the others (dropped), not a sign of a binary file.
    public var textFromJSON = false
    /// Problems found while reading the input (a lone surrogate escape replaced), reported as warnings.
    public var inputWarnings: [String] = []
    /// The stdin line the document came from (NDJSON input), counted from `--first-line`: its place in
    /// the input order of a run split across machines. Not written in the record.
    public var inputLine: Int?

    public init(date: String? = nil, passthrough: [(key: String, json: String)] = []) {
        self.date = date
        self.passthrough = passthrough
    }

    public static func == (a: DocumentMetadata, b: DocumentMetadata) -> Bool {
        a.date == b.date && a.passthrough.map(\.key) == b.passthrough.map(\.key)
            && a.passthrough.map(\.json) == b.passthrough.map(\.json)
            && a.textFromJSON == b.textFromJSON && a.inputWarnings == b.inputWarnings
    }
}

/// How the raw bytes were turned into text.
public struct TextEncodingInfo: Sendable, Equatable {
    public enum Encoding: String, Sendable {
        case utf8 = "utf-8"
        case utf16LE = "utf-16le"
        case utf16BE = "utf-16be"
    }
    public var encoding: Encoding = .utf8
    public var byteOrderMark = false
    /// Number of invalid byte sequences replaced by U+FFFD.
    public var replacements = 0
    public init() {}
}
