import Foundation
import Yams

/// An ordered list of stages built from a pipeline file, checked and ready to run.
public final class Pipeline {
    public let name: String
    public let file: URL?
    public let stages: [any Stage]
    public let sequentialStages: [any SequentialStage]
    /// The pipeline file and every rule, list and gazetteer file its stages read, sorted by path.
    public let configurationFiles: [URL]

    public init(
        name: String, file: URL?, stages: [any Stage], sequentialStages: [any SequentialStage] = [],
        configurationFiles: [URL] = []
    ) {
        self.name = name
        self.file = file
        self.stages = stages
        self.sequentialStages = sequentialStages
        self.configurationFiles = configurationFiles
    }

    /// The same pipeline without the stages that provide any of `layers` (`--skip-dedup`: without
    /// `duplicates`); its configuration files stay those of the file. Throws when a stage left in needs
    /// one of them.
    public func removingStages(providing layers: Set<Layer>) throws -> Pipeline {
        func keeps(_ provides: [Layer]) -> Bool { layers.isDisjoint(with: provides) }
        let kept = Pipeline(
            name: name, file: file, stages: stages.filter { keeps(type(of: $0).provides) },
            sequentialStages: sequentialStages.filter { keeps(type(of: $0).provides) },
            configurationFiles: configurationFiles)
        let requirements =
            kept.stages.map { (type(of: $0).name, type(of: $0).requires) }
            + kept.sequentialStages.map { (type(of: $0).name, type(of: $0).requires) }
        for (stage, requires) in requirements where !layers.isDisjoint(with: requires) {
            throw ConfigError(
                file: file?.path ?? "<pipeline>", line: nil,
                "stage '\(stage)' needs \(layers.intersection(requires).map(\.rawValue).sorted().joined(separator: ", ")), which is left out of this run"
            )
        }
        return kept
    }

    /// Runs the parallel stages over one document.
    public func process(_ document: inout Document) throws {
        for stage in stages { try stage.process(&document) }
    }

    /// Loads `pipelines/NAME.yaml`-style files:
    /// ```yaml
    /// name: default
    /// stages:
    ///   - normalize:
    ///       furniture: [...]
    ///   - tokenize
    /// ```
    public static func load(_ url: URL) throws -> Pipeline {
        let path = url.path
        let yaml = try FileBytes.configurationText(path, what: "pipeline file")
        let map = try topLevel(try ConfigYAML.compose(yaml, file: path), file: path)
        if let node = map[key: "name"], node.scalar == nil {
            throw ConfigError(file: path, line: node.mark?.line, "'name' must be a string (the pipeline's name)")
        }
        let name = map[key: "name"]?.string ?? url.deletingPathExtension().lastPathComponent
        guard let stagesNode = map[key: "stages"], case .sequence(let entries) = stagesNode, !entries.isEmpty else {
            throw ConfigError(
                file: path, line: map[key: "stages"]?.mark?.line ?? 1, "'stages' must be a non-empty list")
        }
        let base = url.deletingLastPathComponent()
        var stages: [any Stage] = []
        var sequential: [any SequentialStage] = []
        var provided: Set<Layer> = []
        var files: [URL] = [url]

        for entry in entries {
            let (stageName, optionsNode) = try stageEntry(entry, file: path)
            let line = entry.mark?.line
            let options = try StageOptions(
                stage: stageName, node: optionsNode, file: path, line: line, baseDirectory: base)
            let requires: [Layer], provides: [Layer]
            if let stageType = StageRegistry.parallel.first(where: { $0.name == stageName }) {
                guard sequential.isEmpty else {
                    throw ConfigError(
                        file: path, line: line,
                        "stage '\(stageName)' runs per document and must come before the ordered stages")
                }
                stages.append(try stageType.init(options: options))
                (requires, provides) = (stageType.requires, stageType.provides)
            } else if let stageType = StageRegistry.sequential.first(where: { $0.name == stageName }) {
                sequential.append(try stageType.init(options: options))
                (requires, provides) = (stageType.requires, stageType.provides)
            } else {
                throw ConfigError(
                    file: path, line: line,
                    "unknown stage '\(stageName)'; valid stages: \(StageRegistry.names.joined(separator: ", "))")
            }
            try options.finish()
            let missing = requires.filter { !provided.contains($0) }
            if !missing.isEmpty {
                throw ConfigError(
                    file: path, line: line,
                    "stage '\(stageName)' needs \(missing.map(\.rawValue).joined(separator: ", ")), which no earlier stage provides"
                )
            }
            provided.formUnion(provides)
            files.append(contentsOf: options.referencedFiles)
        }
        var seen = Set<String>()
        let uniqueFiles = files.map(\.standardizedFileURL).filter { seen.insert($0.path).inserted }
        return Pipeline(
            name: name, file: url, stages: stages, sequentialStages: sequential,
            configurationFiles: uniqueFiles.sorted { $0.path < $1.path })
    }

    /// The file's top-level mapping, with only the keys `name`, `description` and `stages`.
    private static func topLevel(_ root: Yams.Node?, file path: String) throws -> Yams.Node.Mapping {
        guard let root, case .mapping(let map) = root else {
            throw ConfigError(file: path, line: 1, "expected a mapping with 'name' and 'stages'")
        }
        for key in map.keys {
            guard let k = key.string, ["name", "description", "stages"].contains(k) else {
                throw ConfigError(
                    file: path, line: key.mark?.line,
                    "unknown key '\(key.string ?? "?")'; valid keys: name, description, stages")
            }
        }
        return map
    }

    private static func stageEntry(_ entry: Yams.Node, file: String) throws -> (String, Yams.Node?) {
        if let name = entry.scalar?.string { return (name, nil) }
        if case .mapping(let map) = entry, map.count == 1, let (key, value) = map.first, let name = key.string {
            return (name, value)
        }
        throw ConfigError(
            file: file, line: entry.mark?.line,
            "each stage is a name, or a mapping of one name to its options")
    }

    /// The line a YAML error is at; past the end of the file (an unclosed bracket), the line where the
    /// construct opened. Shared by pipeline and rule files.
    static func yamlErrorLine(_ error: YamlError, in yaml: String) -> Int? {
        let lineCount = yaml.utf8.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 } + (yaml.hasSuffix("\n") ? 0 : 1)
        switch error {
        case .scanner(let context, _, let mark, _), .parser(let context, _, let mark, _),
            .composer(let context, _, let mark, _):
            if mark.line > lineCount { return context?.mark.line ?? lineCount }
            return mark.line
        case .duplicatedKeysInMapping(_, let context):
            return context.mark.line
        case .reader(_, let offset?, _, _):
            // The offset counts characters: the line is one more than the line ends before it.
            return yaml.prefix(offset).reduce(1) { $1.isNewline ? $0 + 1 : $0 }
        default:
            return nil
        }
    }
}
