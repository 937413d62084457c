import Foundation
import XCTest

@testable import Warta

/// Paths of the repository, found from this file so tests do not depend on the working directory.
enum Repo {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent() // Support
        .deletingLastPathComponent() // WartaTests
        .deletingLastPathComponent() // Tests
        .deletingLastPathComponent()
    static let pipelines = root.appendingPathComponent("pipelines")
    static let defaultPipeline = pipelines.appendingPathComponent("default.yaml")
    static let schema = root.appendingPathComponent("schema/warta.xsd")
    static let seedsDirectory = root.appendingPathComponent("seeds")

    /// The seed files, sorted by name.
    static var seeds: [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: seedsDirectory.path)) ?? []
        return names.filter { $0.hasSuffix(".txt") }.sorted().map { seedsDirectory.appendingPathComponent($0) }
    }

    static func seed(_ prefix: String) throws -> [UInt8] {
        let url = try XCTUnwrap(seeds.first { $0.lastPathComponent.hasPrefix(prefix) }, "no seed \(prefix)")
        return Array(try Data(contentsOf: url))
    }
}

/// The stages of `pipelines/default.yaml`, loaded once.
enum DefaultPipeline {
    static let shared: Result<Pipeline, Error> = Result { try Pipeline.load(Repo.defaultPipeline) }

    static func load() throws -> Pipeline { try shared.get() }

    static func normalize() throws -> NormalizeStage {
        try XCTUnwrap(load().stages.compactMap { $0 as? NormalizeStage }.first, "default.yaml has no normalize stage")
    }

    static func tokenize() throws -> TokenizeStage {
        try XCTUnwrap(load().stages.compactMap { $0 as? TokenizeStage }.first, "default.yaml has no tokenize stage")
    }
}

/// A normalized document from raw bytes.
func normalized(_ raw: [UInt8], id: String = "test", stage: NormalizeStage? = nil) throws -> Document {
    var document = Document(id: id, source: id + ".txt", raw: raw)
    try (stage ?? DefaultPipeline.normalize()).process(&document)
    return document
}

func normalized(_ raw: String, id: String = "test", stage: NormalizeStage? = nil) throws -> Document {
    try normalized(Array(raw.utf8), id: id, stage: stage)
}

extension Document {
    /// The raw bytes that `range` of the text maps back to.
    func rawBytes(_ range: TextRange) -> [UInt8] {
        Array(raw[offsetMap.rawStart(range.start)..<offsetMap.rawEnd(range.end)])
    }

    /// UTF-8 range of the first occurrence of `needle` in the text.
    func range(of needle: String, file: StaticString = #filePath, line: UInt = #line) throws -> TextRange {
        let n = Array(needle.utf8)
        guard n.count <= text.count else { throw Missing(needle: needle) }
        for i in 0...(text.count - n.count) where text[i] == n[0] && Array(text[i..<(i + n.count)]) == n {
            return TextRange(i, i + n.count)
        }
        XCTFail("'\(needle)' is not in the text", file: file, line: line)
        throw Missing(needle: needle)
    }
}

struct Missing: Error { var needle: String }

/// The code points `start..<end` of `string`, as the output contract defines offsets.
func codePoints(_ string: String, _ start: Int, _ end: Int) -> String {
    let scalars = Array(string.unicodeScalars)
    guard start >= 0, start <= end, end <= scalars.count else { return "<\(start)..<\(end) out of \(scalars.count)>" }
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars[start..<end])
    return String(view)
}

/// A fresh temporary folder, removed when the test ends.
func temporaryDirectory(_ test: XCTestCase) throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("warta-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
}

/// Parses one JSON object from bytes (a record line).
func jsonObject(_ bytes: some Collection<UInt8>, file: StaticString = #filePath, line: UInt = #line) throws -> [String:
    Any]
{
    let object = try JSONSerialization.jsonObject(with: Data(bytes), options: [])
    return try XCTUnwrap(object as? [String: Any], "not a JSON object", file: file, line: line)
}

/// The keys of the top-level object of a JSON text, in the order they are written, with their byte
/// positions. Only structure is scanned (strings, nesting), so keys inside values are not counted.
func topLevelKeys(_ bytes: [UInt8]) -> [(key: String, at: Int)] {
    var keys: [(String, Int)] = []
    var depth = 0
    var i = 0
    var expectKey = false
    while i < bytes.count {
        let b = bytes[i]
        if b == UInt8(ascii: "\"") {
            let start = i
            i += 1
            while i < bytes.count, bytes[i] != UInt8(ascii: "\"") { i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1 }
            if depth == 1 && expectKey {
                keys.append((String(decoding: bytes[(start + 1)..<i], as: UTF8.self), start))
                expectKey = false
            }
        } else if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") {
            depth += 1
            expectKey = depth == 1
        } else if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") {
            depth -= 1
        } else if b == UInt8(ascii: ",") && depth == 1 {
            expectKey = true
        }
        i += 1
    }
    return keys.map { (key: $0.0, at: $0.1) }
}

/// Runs a program and collects its output.
struct ProcessResult {
    var status: Int32
    var stdout: Data
    var stderr: Data
    var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}

/// `environment`: variables set over this process's own.
func runProcess(
    _ executable: URL, _ arguments: [String], in directory: URL = Repo.root, environment: [String: String] = [:]
) throws -> ProcessResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if !environment.isEmpty {
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    process.currentDirectoryURL = directory
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes before waiting, so a full pipe cannot block the child.
    final class Box: @unchecked Sendable { var data = Data() }
    let stderr = Box()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
        stderr.data = err.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return ProcessResult(status: process.terminationStatus, stdout: stdout, stderr: stderr.data)
}

/// A program on PATH, or nil.
func which(_ name: String) -> URL? {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
        let url = URL(fileURLWithPath: String(dir)).appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    return nil
}

/// A small deterministic generator (SplitMix64), so generated cases are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
}
