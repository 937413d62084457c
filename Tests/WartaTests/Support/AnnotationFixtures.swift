import Foundation
import XCTest
import Yams

@testable import Warta

/// Helpers for the tests of the tag, quote and dedup stages and of eval: documents run through the real
/// `pipelines/default.yaml`, and readable views of what the stages found.
enum Annotated {
    /// A document run through every per-document stage of `pipelines/default.yaml` (normalize,
    /// tokenize, tag, quotes). `date` is the input metadata date (`2023-11-16`), when given.
    static func document(_ text: String, id: String = "doc", date: String? = nil) throws -> Document {
        var document = Document(id: id, source: id + ".txt", raw: Array(text.utf8))
        document.metadata.date = date
        try DefaultPipeline.load().process(&document)
        return document
    }

    /// A fresh dedup stage with the options of `pipelines/default.yaml` (the shared pipeline's own
    /// dedup stage keeps state from one run to the next, so every test builds its own).
    static func dedupStage() throws -> QuoteDedupStage {
        let path = Repo.defaultPipeline.path
        let yaml = try String(contentsOfFile: path, encoding: .utf8)
        guard let root = try Yams.compose(yaml: yaml), case .sequence(let stages) = root["stages"] else {
            throw ConfigError(file: path, "no stages")
        }
        for stage in stages {
            if case .mapping(let m) = stage, let node = m["dedup"] {
                let options = try StageOptions(
                    stage: "dedup", node: node, file: path, line: nil,
                    baseDirectory: Repo.pipelines)
                let dedup = try QuoteDedupStage(options: options)
                try options.finish()
                return dedup
            }
        }
        throw ConfigError(file: path, "no dedup stage")
    }

    /// Documents run through the per-document stages and then, in order, a fresh dedup stage.
    static func run(_ texts: [(id: String, text: String)], dedup: QuoteDedupStage? = nil) throws -> [Document] {
        let stage = try dedup ?? dedupStage()
        return try texts.map { item in
            var document = try document(item.text, id: item.id)
            stage.process(&document)
            return document
        }
    }
}

extension Document {
    func text(of entity: Entity) -> String { substring(entity.range) }

    /// The entities as `TYPE text` strings, in order.
    var entityList: [String] { entities.map { "\($0.type.rawValue) \(substring($0.range))" } }
    /// The texts of the entities of one type, in order.
    func spans(_ type: EntityType) -> [String] {
        entities.filter { $0.type == type }.map { substring($0.range) }
    }

    /// Fails unless each of `names` is the text of an entity of `type`.
    func assertHas(_ type: EntityType, _ names: [String], file: StaticString = #filePath, line: UInt = #line) {
        let found = spans(type)
        for name in names where !found.contains(name) {
            XCTFail("no \(type.rawValue) '\(name)': \(entityList)", file: file, line: line)
        }
    }

    /// The first entity of `type` whose text is `text` (after `from` characters of the text, as bytes).
    func entity(_ type: EntityType, _ text: String, after byte: Int = 0) -> Entity? {
        entities.first { $0.type == type && substring($0.range) == text && $0.range.start >= byte }
    }

    func entityIndex(_ type: EntityType, _ text: String, after byte: Int = 0) -> Int? {
        entities.firstIndex { $0.type == type && substring($0.range) == text && $0.range.start >= byte }
    }

    /// Byte offset of the first occurrence of `needle` in the text (or -1).
    func offset(of needle: String, after byte: Int = 0) -> Int {
        let n = Array(needle.utf8)
        guard !n.isEmpty, text.count >= n.count else { return -1 }
        var i = byte
        while i + n.count <= text.count {
            if text[i] == n[0], Array(text[i..<(i + n.count)]) == n { return i }
            i += 1
        }
        return -1
    }

    /// The quoted texts, in order.
    var quoteTexts: [String] { quotes.map { substring($0.range) } }

    /// The quote whose text starts with `prefix`.
    func quote(startingWith prefix: String) -> Quote? {
        quotes.first { substring($0.range).hasPrefix(prefix) }
    }
}

/// The `warta` executable of this build: next to the test bundle (the build products folder), else
/// `.build/debug/warta`.
enum BuiltBinary {
    static let url: URL? = {
        var candidates: [URL] = []
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("warta"))
        }
        if let exe = Bundle.main.executableURL {
            candidates.append(exe.deletingLastPathComponent().appendingPathComponent("warta"))
        }
        candidates.append(Repo.root.appendingPathComponent(".build/debug/warta"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    static func require() throws -> URL {
        try XCTUnwrap(url, "the warta executable is not built: run `swift build --build-tests` first")
    }
}
