import Foundation
import Yams

/// The options of one stage as written in a pipeline file, read with their line numbers.
///
/// Each accessor records the key it was asked for, so after `init` the stage's valid keys are known;
/// `Pipeline.load` then calls `finish()`, which refuses any key nobody asked for and lists the valid
/// ones. Relative paths are resolved against the folder of the pipeline file.
public final class StageOptions {
    public let stage: String
    public let file: String
    public let line: Int?
    let baseDirectory: URL
    private let mapping: [(key: String, value: Yams.Node, line: Int)]
    private var known: [String] = []
    /// Every file an option pointed at, for the run's configuration hash.
    public private(set) var referencedFiles: [URL] = []

    init(stage: String, node: Yams.Node?, file: String, line: Int?, baseDirectory: URL) throws {
        self.stage = stage
        self.file = file
        self.line = line
        self.baseDirectory = baseDirectory
        var entries: [(String, Yams.Node, Int)] = []
        if let node, case .mapping(let map) = node {
            for (k, v) in map {
                guard let key = k.string else {
                    throw ConfigError(file: file, line: k.mark?.line, "option names must be strings")
                }
                entries.append((key, v, k.mark?.line ?? line ?? 0))
            }
        } else if let node, !(node.null != nil) {
            throw ConfigError(
                file: file, line: node.mark?.line ?? line,
                "options of stage '\(stage)' must be a mapping of option: value")
        }
        mapping = entries.map { (key: $0.0, value: $0.1, line: $0.2) }
    }

    /// Options for tests and for stages built in code.
    public convenience init(stage: String, yaml: String = "", baseDirectory: URL = URL(fileURLWithPath: ".")) throws {
        let node = yaml.isEmpty ? nil : try Yams.compose(yaml: yaml)
        try self.init(stage: stage, node: node, file: "<\(stage) options>", line: nil, baseDirectory: baseDirectory)
    }

    private func entry(_ key: String) -> (value: Yams.Node, line: Int)? {
        if !known.contains(key) { known.append(key) }
        return mapping.first { $0.key == key }.map { ($0.value, $0.line) }
    }

    public func error(_ key: String, _ message: String) -> ConfigError {
        ConfigError(file: file, line: entry(key)?.line ?? line, "stage '\(stage)', option '\(key)': \(message)")
    }

    public func bool(_ key: String, default value: Bool) throws -> Bool {
        guard let (node, _) = entry(key) else { return value }
        guard let b = node.bool else { throw error(key, "expected true or false, found '\(node.string ?? "?")'") }
        return b
    }

    public func int(_ key: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let (node, _) = entry(key) else { return value }
        guard let i = node.int, range.contains(i) else {
            throw error(
                key,
                "expected a whole number from \(range.lowerBound) to \(range.upperBound), found '\(node.string ?? "?")'"
            )
        }
        return i
    }

    public func double(_ key: String, default value: Double, range: ClosedRange<Double>) throws -> Double {
        guard let (node, _) = entry(key) else { return value }
        guard let d = node.float, range.contains(d) else {
            throw error(
                key, "expected a number from \(range.lowerBound) to \(range.upperBound), found '\(node.string ?? "?")'")
        }
        return d
    }

    public func string(_ key: String, default value: String? = nil, choices: [String]? = nil) throws -> String? {
        guard let (node, _) = entry(key) else { return value }
        guard let s = node.string, node.scalar != nil else { throw error(key, "expected a string") }
        if let choices, !choices.contains(s) {
            throw error(key, "'\(s)' is not one of: \(choices.joined(separator: ", "))")
        }
        return s
    }

    public func stringList(_ key: String) throws -> [String] {
        guard let (node, _) = entry(key) else { return [] }
        if let s = node.scalar?.string { return [s] }
        guard case .sequence(let seq) = node else { throw error(key, "expected a list of strings") }
        return try seq.map { item in
            guard let s = item.scalar?.string else { throw error(key, "expected a list of strings") }
            return s
        }
    }

    /// A file option: resolved against the pipeline file's folder and checked to exist.
    public func files(_ key: String) throws -> [URL] {
        try stringList(key).map { path in
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : baseDirectory.appendingPathComponent(path)
            // With the reason: a missing file, a link loop and a denied folder read alike.
            if let reason = FileBytes.unreadable(url.path) {
                throw error(key, "cannot read file '\(url.path)': \(reason)")
            }
            referencedFiles.append(url)
            return url
        }
    }

    /// A file option that names one file (nil when absent): a list of several is refused, not read as its
    /// first (`rules: [a.yaml, b.yaml]` loaded `a.yaml` alone, silently).
    public func file(_ key: String) throws -> URL? {
        if let (node, _) = entry(key), case .sequence(let items) = node, items.count != 1 {
            throw error(
                key,
                items.isEmpty
                    ? "expected one file, found an empty list (leave the option out for none)"
                    : "expected one file, found a list of \(items.count); the stage reads one (put them in one file)")
        }
        return try files(key).first
    }

    /// Reads each file of the option `key` with `read`; a problem inside one also names the option's line.
    public func readFiles<T>(_ key: String, _ read: (URL) throws -> T) throws -> [T] {
        let line = entry(key)?.line
        return try files(key).map { url in try ConfigError.naming(url, at: file, line: line) { try read(url) } }
    }

    /// Records a file a stage read on its own (a rules file's lists), for the configuration hash.
    public func noteFile(_ url: URL) { referencedFiles.append(url) }

    /// The raw YAML node of an option whose structure the stage reads itself (a list of rules).
    public func node(_ key: String) -> (node: Yams.Node, line: Int)? {
        entry(key).map { (node: $0.value, line: $0.line) }
    }

    /// Refuses options that the stage never asked for.
    func finish() throws {
        for (key, _, line) in mapping where !known.contains(key) {
            let valid = known.isEmpty ? "none" : known.joined(separator: ", ")
            throw ConfigError(
                file: file, line: line,
                "stage '\(stage)' has no option '\(key)'; valid options: \(valid)")
        }
    }
}
