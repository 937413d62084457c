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
    let index: [UInt64: Int32]
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

    public init(contentsOf url: URL) throws {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw ConfigError(file: url.path, "cannot read the model file") }
        guard data.count <= Self.maxBytes else {
            throw ConfigError(file: url.path, "the model file has \(data.count) bytes, more than \(Self.maxBytes)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: url.path, "the model file is not UTF-8")
        }
        try self.init(text: text, file: url.path)
    }

    // Long: one pass over the file's lines, header then weights, each line checked where it is read.
    public init(text: String, file: String) throws {
        var header: [String: String] = [:]
        var tags: [String] = []
        var index: [UInt64: Int32] = [:]
        var weights: [Int32] = []
        var expected: Int?
        var lineNumber = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            func fail(_ message: String) -> ConfigError { ConfigError(file: file, line: lineNumber, message) }
            if raw.isEmpty { continue }
            guard raw.utf8.count <= Self.maxLineBytes else {
                throw fail("a line of more than \(Self.maxLineBytes) bytes")
            }
            guard let count = expected else {
                guard let space = raw.firstIndex(of: " ") else { throw fail("expected `key value` in the header") }
                let key = String(raw[..<space]), value = String(raw[raw.index(after: space)...])
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
                    index.reserveCapacity(n)
                    weights.reserveCapacity(n * tags.count)
                default: break
                }
                continue
            }
            guard index.count < count else { throw fail("more weight lines than the \(count) announced") }
            let parts = raw.split(separator: "\t", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty else { throw fail("expected `feature<TAB>tag:weight ...`") }
            let base = weights.count
            weights.append(contentsOf: repeatElement(0, count: tags.count))
            for pair in parts[1].split(separator: " ") {
                let kv = pair.split(separator: ":")
                guard kv.count == 2, let k = Int(kv[0]), k >= 0, k < tags.count, let w = Int32(kv[1]) else {
                    throw fail("bad weight '\(pair)' (expected tag:weight, tag below \(tags.count))")
                }
                weights[base + k] = w
            }
            let feature = NERFeatures.hash(String(parts[0]))
            guard index[feature] == nil else {
                throw fail("the feature '\(parts[0])' is given twice (or its hash is another's)")
            }
            index[feature] = Int32(base / tags.count)
        }
        guard let count = expected else { throw ConfigError(file: file, "the model file has no `weights` line") }
        guard index.count == count else {
            throw ConfigError(file: file, "the model file announces \(count) weight lines and has \(index.count)")
        }
        self.tags = tags
        self.index = index
        self.weights = weights
        self.header = header
    }

    /// Adds the weights of the feature whose hash is `feature` (if the model knows it) to `scores`.
    @inline(__always)
    func add(_ feature: UInt64, to scores: inout [Int32]) {
        guard let row = index[feature] else { return }
        let base = Int(row) * tags.count
        for k in 0..<tags.count { scores[k] &+= weights[base + k] }
    }
}
