import Foundation

/// The weights of warta's small learned PERSON/ORG/LOC tagger (`scripts/train_ner.py`, issue 20), read from
/// the model file it writes (`pipelines/models/ner-perceptron.txt`).
///
/// The file is text: a header of `key value` lines (format and feature template versions, the tag set, the
/// quantization scale, the training files' SHA-256s, the command line), then `weights N` and N lines
/// `feature<TAB>tag:weight tag:weight ...` with integer weights. Sizes are bounded (file bytes, features, tags,
/// line length) so a damaged or hostile file is refused with its file and line, never read without end.
public struct NERModel: Sendable {
    /// The tags in the file's order (`O`, then `B-`/`I-` of each type); a tie between scores goes to the first.
    public let tags: [String]
    /// Each feature's row of `weights` (one weight per tag), by the hash of its text (`NERFeatures.hash`).
    let table: FeatureTable
    let weights: [Int32]
    /// The header's lines, as read (for reports).
    public let header: [String: String]

    public static let format = 1
    /// The feature template (`NERFeatures`) this reader extracts: a file of another template is refused.
    public static let featureTemplate = 1
    public static let maxBytes = 4_000_000
    public static let maxFeatures = 400_000
    public static let maxTags = 16
    static let maxLineBytes = 4_096
    /// The largest weight magnitude read (the committed model's largest is 175,778): a word's score sums
    /// a few dozen weights and the decoder's margin subtracts two scores, all in `Int32`, so larger weights
    /// could overflow them.
    public static let maxWeight = 10_000_000

    public init(contentsOf url: URL) throws {
        // FileBytes, not `Data(contentsOf:)`: a device or FIFO named as the model (`/dev/zero`) is refused as not
        // a regular file, and a file over the limit before anything is read.
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(url.path, limit: Self.maxBytes) { size, limit in
                "\(size) bytes, more than \(limit)"
            }
        } catch let error as InputError {
            throw ConfigError(file: url.path, "cannot read the model file: \(error.reason)")
        }
        try self.init(bytes: bytes, file: url.path)
    }

    public init(text: String, file: String) throws { try self.init(bytes: Array(text.utf8), file: file) }

    // Long: one pass over the file's lines, header then weights, each line checked where it is read; the weight
    // lines are read as bytes (a hundred thousand of them: through `String` the start-up cost doubled).
    init(bytes: [UInt8], file: String) throws {
        var header: [String: String] = [:]
        var tags: [String] = []
        var table = FeatureTable(capacity: 0)
        var weights: [Int32] = []
        var expected: Int?
        var rows = 0
        var lineNumber = 0
        var lineStart = 0
        let tab = UInt8(ascii: "\t"), space = UInt8(ascii: " "), colon = UInt8(ascii: ":")
        while lineStart < bytes.count {
            lineNumber += 1
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            func fail(_ message: String) -> ConfigError { ConfigError(file: file, line: lineNumber, message) }
            if lineEnd == lineStart { continue }
            guard lineEnd - lineStart <= Self.maxLineBytes else {
                throw fail("a line of more than \(Self.maxLineBytes) bytes")
            }
            let line = bytes[lineStart..<lineEnd]
            guard let count = expected else {
                guard let raw = String(bytes: line, encoding: .utf8), let sp = raw.firstIndex(of: " ") else {
                    throw fail("expected `key value` in the header")
                }
                let key = String(raw[..<sp]), value = String(raw[raw.index(after: sp)...])
                header[key] = value
                switch key {
                case "warta-ner-model", "features":
                    let wanted = key == "features" ? Self.featureTemplate : Self.format
                    guard Int(value) == wanted else {
                        throw fail("\(key) \(value): this warta reads \(key) \(wanted) only")
                    }
                case "tags":
                    tags = value.split(separator: " ").map(String.init)
                    guard tags.first == "O", tags.count <= Self.maxTags, tags.count > 1 else {
                        throw fail("the tags must start with O and number 2 to \(Self.maxTags)")
                    }
                case "weights":
                    guard let n = Int(value), n >= 0, n <= Self.maxFeatures else {
                        throw fail("weights: expected a count from 0 to \(Self.maxFeatures)")
                    }
                    guard !tags.isEmpty, header["features"] != nil, header["warta-ner-model"] != nil else {
                        throw fail("the header must give warta-ner-model, features and tags before the weights")
                    }
                    expected = n
                    table = FeatureTable(capacity: n)
                    weights.reserveCapacity(n * tags.count)
                default: break
                }
                continue
            }
            guard rows < count else { throw fail("more weight lines than the \(count) announced") }
            guard let t = line.firstIndex(of: tab), t > lineStart, !line[(t + 1)...].contains(tab) else {
                throw fail("expected `feature<TAB>tag:weight ...`")
            }
            let base = weights.count
            weights.append(contentsOf: repeatElement(0, count: tags.count))
            for pair in line[(t + 1)...].split(separator: space) {
                guard let c = pair.firstIndex(of: colon), let k = Self.integer(pair[..<c]), k >= 0, k < tags.count,
                    let w = Self.integer(pair[(c + 1)...]), let w32 = Int32(exactly: w)
                else {
                    throw fail(
                        "bad weight '\(String(decoding: pair, as: UTF8.self))' (expected tag:weight, tag below \(tags.count))"
                    )
                }
                guard abs(w) <= Self.maxWeight else {
                    throw fail(
                        "the weight '\(String(decoding: pair, as: UTF8.self))' is beyond ±\(Self.maxWeight) (the scores would overflow)"
                    )
                }
                weights[base + k] = w32
            }
            guard table.insert(NERFeatures.Hash().add(line[lineStart..<t]).value, row: Int32(rows)) else {
                throw fail(
                    "the feature '\(String(decoding: line[lineStart..<t], as: UTF8.self))' is given twice (or its hash is another's)"
                )
            }
            rows += 1
        }
        guard let count = expected else { throw ConfigError(file: file, "the model file has no `weights` line") }
        guard rows == count else {
            throw ConfigError(file: file, "the model file announces \(count) weight lines and has \(rows)")
        }
        self.tags = tags
        self.table = table
        self.weights = weights
        self.header = header
    }

    /// A decimal integer with an optional minus sign, of at most 9 digits; nil otherwise.
    static func integer(_ digits: ArraySlice<UInt8>) -> Int? {
        var d = digits
        let negative = d.first == UInt8(ascii: "-")
        if negative { d = d.dropFirst() }
        guard !d.isEmpty, d.count <= 9 else { return nil }
        var v = 0
        for b in d {
            guard b >= 0x30 && b <= 0x39 else { return nil }
            v = v * 10 + Int(b - 0x30)
        }
        return negative ? -v : v
    }

    /// Adds the weights of the feature whose hash is `feature` (if the model knows it) to `scores[at..<at + n]`.
    @inline(__always)
    func add(_ feature: UInt64, to scores: UnsafeMutableBufferPointer<Int32>, at offset: Int) {
        guard let row = table.row(feature) else { return }
        let base = Int(row) * tags.count
        for k in 0..<tags.count { scores[offset + k] &+= weights[base + k] }
    }

    /// Adds the weights of the feature whose hash is `feature` (if the model knows it) to `scores`.
    @inline(__always)
    func add(_ feature: UInt64, to scores: inout [Int32]) {
        guard let row = table.row(feature) else { return }
        let base = Int(row) * tags.count
        for k in 0..<tags.count { scores[k] &+= weights[base + k] }
    }
}

/// Feature hashes to weight rows: open addressing with linear probing over a power-of-two table at most half
/// full (the FNV hashes are spread already; a `Dictionary` hashed them again on every look-up).
struct FeatureTable: Sendable {
    private var keys: [UInt64]
    private var rows: [Int32]
    private let mask: Int

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        keys = [UInt64](repeating: 0, count: size)
        rows = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    /// False if `key` is there already.
    mutating func insert(_ key: UInt64, row: Int32) -> Bool {
        var i = Int(truncatingIfNeeded: key) & mask
        while rows[i] >= 0 {
            if keys[i] == key { return false }
            i = (i + 1) & mask
        }
        keys[i] = key
        rows[i] = row
        return true
    }

    @inline(__always)
    func row(_ key: UInt64) -> Int32? {
        var i = Int(truncatingIfNeeded: key) & mask
        while rows[i] >= 0 {
            if keys[i] == key { return rows[i] }
            i = (i + 1) & mask
        }
        return nil
    }
}
