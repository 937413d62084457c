import Dispatch
import Foundation
import XCTest
import Yams

@testable import Warta

/// The contract of `Stage` and `SequentialStage` (Pipeline/Stage.swift), checked for every registered
/// stage, as swift-log ships a conformance test for its `LogHandler`s. A new stage in `StageRegistry`
/// is checked here without a line added: it must be named in `pipelines/default.yaml` (with the options
/// it is tested with), and a new `Layer` must be added to `layers(of:)` (the switch does not compile
/// otherwise).
final class StageConformanceTests: XCTestCase {
    /// Inputs of every kind a stage meets: the seeds, nothing, a BOM, invalid UTF-8, a quote repeated
    /// across documents (for dedup), furniture lines.
    static func inputs() throws -> [Document] {
        var documents = try Repo.seeds.map {
            Document(id: $0.lastPathComponent, source: $0.path, raw: Array(try Data(contentsOf: $0)))
        }
        let repeated =
            "\"Kami siap melaksanakan pemilu dengan jujur dan adil di seluruh daerah,\" kata Ketua KPU Hasyim Asy'ari di Jakarta, Senin (13/11/2023)."
        let synthetic: [[UInt8]] = [
            [],
            [0xEF, 0xBB, 0xBF] + Array("Gubernur Papua tiba di Jayapura.".utf8),
            Array("Bupati Mimika \u{FF}\u{FE} hadir.".utf8) + [0xC3, 0x28, 0x0A],
            Array(repeated.utf8),
            Array("Baca juga: berita lain\n\(repeated)\nExit mobile version".utf8)
        ]
        for (i, raw) in synthetic.enumerated() {
            documents.append(Document(id: "synthetic\(i)", source: "synthetic\(i).txt", raw: raw))
        }
        return documents
    }

    /// What each layer of `document` holds, as text to compare; everything a stage may change is in one.
    static func layers(of document: Document) -> [Layer: String] {
        var out: [Layer: String] = [:]
        for layer in Layer.allCases {
            switch layer {
            case .text: out[layer] = "\(document.text) \(document.offsetMap) \(document.removed) \(document.encoding)"
            case .sentences: out[layer] = "\(document.sentences)"
            case .tokens: out[layer] = "\(document.tokens)"
            case .entities: out[layer] = "\(document.entities)"
            case .acronyms: out[layer] = "\(document.acronyms)"
            case .quotes:
                let undecided = document.quotes.map { q -> Quote in
                    var q = q
                    (q.duplicateOf, q.similarity) = (nil, nil)
                    return q
                }
                out[layer] = "\(undecided) \(document.reportedSpeech)"
            case .duplicates:
                // The decisions made, by quote index (a quote added by `quotes` is undecided: no change here).
                let decided = document.quotes.enumerated().filter {
                    $0.element.duplicateOf != nil || $0.element.similarity != nil
                }
                out[layer] = "\(decided.map { ($0.offset, $0.element.duplicateOf, $0.element.similarity) })"
            case .warnings: out[layer] = "\(document.warnings)"
            }
        }
        return out
    }

    /// The input itself, which no stage changes.
    static func input(of document: Document) -> String {
        "\(document.id) \(document.source) \(document.raw) \(document.rawSHA256Hex) \(document.metadata)"
    }

    func assertChangesOnly(
        _ provides: [Layer], stage: String, before: Document, after: Document,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual(
            Self.input(of: before), Self.input(of: after), "\(stage) changed the input of \(before.id)", file: file,
            line: line)
        let (old, new) = (Self.layers(of: before), Self.layers(of: after))
        for layer in Layer.allCases where !provides.contains(layer) {
            XCTAssertEqual(
                old[layer], new[layer], "\(stage) changed \(layer), which it does not provide (\(before.id))",
                file: file, line: line)
        }
    }

    /// Per-document stages: each needs only layers the stages before it provide, changes only what it
    /// provides, gives the same result every time and from several threads at once (immutable after
    /// `init`, no global state), and refuses an option it does not know.
    func testEveryPerDocumentStageKeepsTheContract() throws {
        let pipeline = try DefaultPipeline.load()
        let inputs = try Self.inputs()
        var provided: Set<Layer> = []
        var documents = inputs
        for stageType in StageRegistry.parallel {
            let name = stageType.name
            let index = try XCTUnwrap(
                pipeline.stages.firstIndex { type(of: $0).name == name },
                "stage '\(name)' is registered but not in pipelines/default.yaml, where this test takes it from")
            XCTAssertEqual(
                pipeline.stages.prefix(index).count, StageRegistry.parallel.prefix { $0.name != name }.count,
                "default.yaml runs the registered stages in registry order")
            let stage = pipeline.stages[index]
            XCTAssertTrue(
                Set(stageType.requires).isSubset(of: provided),
                "\(name) requires \(stageType.requires), before it: \(provided)")
            var after: [Document] = []
            for document in documents {
                var processed = document
                try stage.process(&processed)
                assertChangesOnly(stageType.provides, stage: name, before: document, after: processed)
                var again = document
                try stage.process(&again)
                XCTAssertEqual(
                    Self.layers(of: again), Self.layers(of: processed), "\(name) is not deterministic on \(document.id)"
                )
                after.append(processed)
            }
            // From several threads at once, over the same inputs: the same layers as one at a time.
            let concurrent = ConcurrentResults(count: documents.count * 4)
            let inputsBox = documents
            DispatchQueue.concurrentPerform(iterations: documents.count * 4) { k in
                var d = inputsBox[k % inputsBox.count]
                do { try stage.process(&d); concurrent.set(k, Self.layers(of: d)) } catch { concurrent.set(k, [:]) }
            }
            for k in 0..<(documents.count * 4) {
                XCTAssertEqual(
                    concurrent.get(k), Self.layers(of: after[k % after.count]),
                    "\(name) differs across threads on \(documents[k % documents.count].id)")
            }
            assertRefusesUnknownOptions(name) { try stageType.init(options: $0) }
            provided.formUnion(stageType.provides)
            documents = after
        }
    }

    /// Sequential stages: each needs only what the per-document stages provide, changes only what it
    /// provides, and two fresh instances given the same documents in the same order decide the same.
    func testEverySequentialStageKeepsTheContract() throws {
        let provided = Set(StageRegistry.parallel.flatMap { $0.provides })
        let pipeline = try DefaultPipeline.load()
        let documents = try Self.inputs().map { d -> Document in
            var d = d
            try pipeline.process(&d)
            return d
        }
        for stageType in StageRegistry.sequential {
            let name = stageType.name
            XCTAssertTrue(Set(stageType.requires).isSubset(of: provided), "\(name) requires \(stageType.requires)")
            let first = try stageType.init(options: try Self.defaultOptions(name))
            let second = try stageType.init(options: try Self.defaultOptions(name))
            var changedSomething = false
            for document in documents {
                var a = document, b = document
                first.process(&a)
                second.process(&b)
                assertChangesOnly(stageType.provides, stage: name, before: document, after: a)
                XCTAssertEqual(
                    Self.layers(of: a), Self.layers(of: b),
                    "two fresh \(name) stages decide differently on \(document.id)")
                changedSomething = changedSomething || Self.layers(of: a) != Self.layers(of: document)
            }
            XCTAssertTrue(changedSomething, "\(name) changed nothing over the inputs: the check above saw nothing")
            assertRefusesUnknownOptions(name) { try stageType.init(options: $0) }
        }
    }

    /// A stage's options node in `pipelines/default.yaml` (nil: named without options).
    static func defaultOptionsNode(_ name: String) throws -> Yams.Node? {
        let path = Repo.defaultPipeline.path
        let root = try XCTUnwrap(try Yams.compose(yaml: try String(contentsOfFile: path, encoding: .utf8)))
        guard case .sequence(let stages) = try XCTUnwrap(root["stages"]) else {
            throw ConfigError(file: path, "no stages")
        }
        for entry in stages {
            if entry.scalar?.string == name { return nil }
            if case .mapping(let m) = entry, let node = m[name] { return node }
        }
        throw ConfigError(file: path, "no stage '\(name)'")
    }

    static func defaultOptions(_ name: String) throws -> StageOptions {
        try StageOptions(
            stage: name, node: try defaultOptionsNode(name), file: Repo.defaultPipeline.path, line: nil,
            baseDirectory: Repo.pipelines)
    }

    /// The default options with one key no stage knows added: a `ConfigError` naming it, from `init` or
    /// from `finish()`.
    func assertRefusesUnknownOptions(
        _ name: String, _ make: (StageOptions) throws -> Any,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        do {
            var mapping = Yams.Node.Mapping([])
            if case .mapping(let m)? = try Self.defaultOptionsNode(name) { mapping = m }
            mapping[Yams.Node("no_such_option")] = Yams.Node("1")
            let options = try StageOptions(
                stage: name, node: .mapping(mapping), file: "<test>", line: nil,
                baseDirectory: Repo.pipelines)
            _ = try make(options)
            try options.finish()
            XCTFail("\(name) accepted an unknown option", file: file, line: line)
        } catch let error as ConfigError {
            XCTAssertTrue("\(error)".contains("no_such_option"), "\(name): \(error)", file: file, line: line)
        } catch {
            XCTFail("\(name): \(error) is not a ConfigError", file: file, line: line)
        }
    }
}

/// Results written from several threads, one slot each.
private final class ConcurrentResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [[Layer: String]?]
    init(count: Int) { results = Array(repeating: nil, count: count) }
    func set(_ k: Int, _ value: [Layer: String]) { lock.lock(); results[k] = value; lock.unlock() }
    func get(_ k: Int) -> [Layer: String]? { lock.lock(); defer { lock.unlock() }; return results[k] }
}
