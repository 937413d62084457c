import Foundation
import XCTest

@testable import Warta

/// Rule files written to a temporary folder and loaded, tokenized and tagged documents, and the check of
/// a refused rule file: shared by the tests of the pattern engine and of the rule-engine features.
protocol RuleFixtures: XCTestCase {}

extension RuleFixtures {
    /// Writes `rules.yaml` (and the named side files, e.g. lists and gazetteers) into a fresh folder.
    func write(_ yaml: String, files: [String: String] = [:]) throws -> URL {
        let dir = try temporaryDirectory(self)
        for (name, content) in files {
            try content.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let url = dir.appendingPathComponent("rules.yaml")
        try yaml.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    func load(_ yaml: String, files: [String: String] = [:]) throws -> RuleSet {
        try RuleSet.load(write(yaml, files: files))
    }

    /// The hostile rule `hostile` (stars nested in stars, `start ... end`): the shape that makes a
    /// backtracking matcher exponential; `extra` appends more rules to the same phase.
    func hostileRules(extra: String = "") throws -> RuleSet {
        try load(
            """
            phases:
              - id: p
                rules:
                  - id: hostile
                    type: ORG
                    pattern:
                      - {lower: start}
                      - group:
                          - group:
                              - any_of: [{kind: word}, {shape: lower}, {regex: '\\w+'}]
                                op: "*"
                            op: "*"
                          - any_of: [{kind: word}, {lower: a}]
                            op: "*"
                        op: "*"
                      - {lower: end}

            """ + extra)
    }

    /// Normalized and tokenized by the default pipeline's stages.
    func tokenized(_ text: String) throws -> Document {
        var document = try normalized(text)
        try DefaultPipeline.tokenize().process(&document)
        return document
    }

    /// Entities found by a tag stage built from the rules: `TYPE text rule`.
    func tagged(_ rules: RuleSet, _ text: String) throws -> [String] {
        var document = try tokenized(text)
        try TagStage(rules: rules).process(&document)
        return document.entities.map { "\($0.type.rawValue) \(document.substring($0.range)) \($0.rule)" }
    }

    /// The rule file is refused with a `ConfigError` naming `expectedFile`, `line` and a message with `fragment`.
    func assertConfigError(
        _ yaml: String, files: [String: String] = [:], file expectedFile: String = "rules.yaml",
        line: Int, contains fragment: String, sourceLine: UInt = #line
    ) throws {
        let url = try write(yaml, files: files)
        XCTAssertThrowsError(try RuleSet.load(url), line: sourceLine) { error in
            guard let e = error as? ConfigError else { return XCTFail("not a ConfigError: \(error)", line: sourceLine) }
            XCTAssertEqual(URL(fileURLWithPath: e.file).lastPathComponent, expectedFile, line: sourceLine)
            XCTAssertEqual(e.line, line, "\(e)", line: sourceLine)
            XCTAssertTrue(e.message.contains(fragment), "\(e)", line: sourceLine)
            XCTAssertTrue(e.description.hasPrefix("\(e.file):\(line): "), e.description, line: sourceLine)
        }
    }
}
