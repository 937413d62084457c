import Foundation
import XCTest
import Yams

@testable import Warta

/// `Mapping[key:]` and `Node[key:]` (Pipeline/YAMLKeyLookup.swift) against Yams' own `[String]`
/// subscript, the reference: the same node for every key the configuration loaders ask, on every
/// mapping of the shipped pipeline and rules files, and on the keys YAML makes tricky.
final class YAMLKeyLookupTests: XCTestCase {
    /// Every lower-case string literal in the Swift files that read YAML nodes: a superset of the keys
    /// the loaders ask for (dynamic keys such as `preceded_by` included), read from the sources so a
    /// key added later is covered without editing this test.
    static let askedKeys: [String] = {
        let sources = Repo.root.appendingPathComponent("Sources/Warta")
        let files =
            FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        let literal = try! NSRegularExpression(pattern: "\"([a-z_]+)\"")
        var keys = Set<String>()
        for file in files {
            guard let text = try? String(contentsOf: file, encoding: .utf8), text.contains("import Yams") else {
                continue
            }
            let ns = text as NSString
            for match in literal.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                keys.insert(ns.substring(with: match.range(at: 1)))
            }
        }
        return keys.sorted()
    }()

    /// Strings whose Yams tag is not str, or that look like keys but differ in case or spacing.
    static let trickyKeys = [
        "yes", "Yes", "no", "true", "True", "false", "on", "off", "null", "Null", "~", "", "12", "0x1f", "1.5",
        ".inf", "<<", "=", "2024-01-02", "File", "file ", " file", "fi le", "file_", "_", "y", "n"
    ]

    /// Asserts that both lookups give the same node (equal by Yams and at the same place).
    func assertSame(_ mapping: Yams.Node.Mapping, _ key: String, file: StaticString = #filePath, line: UInt = #line)
        -> Bool
    {
        let fast = mapping[key: key]
        let fastOnNode = Yams.Node.mapping(mapping)[key: key]
        let yams = mapping[key]
        XCTAssertEqual(fast, yams, "key '\(key)'", file: file, line: line)
        XCTAssertEqual(fast?.mark?.description, yams?.mark?.description, "key '\(key)'", file: file, line: line)
        XCTAssertEqual(fastOnNode, yams, "key '\(key)' on the node", file: file, line: line)
        XCTAssertEqual(
            fastOnNode?.mark?.description, yams?.mark?.description, "key '\(key)' on the node", file: file, line: line)
        return yams != nil
    }

    func testEveryMappingOfThePipelineAndRulesFilesAnswersAsYams() throws {
        XCTAssertTrue(Self.askedKeys.contains("priority") && Self.askedKeys.contains("not_preceded_by"))
        let rules = Repo.pipelines.appendingPathComponent("rules")
        let files =
            [Repo.defaultPipeline]
            + (try FileManager.default.contentsOfDirectory(atPath: rules.path)).sorted()
            .filter { $0.hasSuffix(".yaml") }.map { rules.appendingPathComponent($0) }
        XCTAssertGreaterThanOrEqual(files.count, 3)
        var mappings = 0, found = 0
        for url in files {
            let root = try XCTUnwrap(try Yams.compose(yaml: String(contentsOf: url, encoding: .utf8)), url.path)
            var stack = [root]
            while let node = stack.popLast() {
                switch node {
                case .scalar, .alias: break
                case .sequence(let items): stack.append(contentsOf: items)
                case .mapping(let mapping):
                    mappings += 1
                    var keys = Self.askedKeys + Self.trickyKeys
                    for (key, value) in mapping {
                        if let s = key.scalar?.string { keys.append(s) }
                        stack.append(key)
                        stack.append(value)
                    }
                    for key in keys where assertSame(mapping, key) { found += 1 }
                }
            }
        }
        // Not a vacuous comparison: thousands of rules and elements, most keys found.
        XCTAssertGreaterThan(mappings, 1000)
        XCTAssertGreaterThan(found, 2 * mappings)
    }

    /// Quoted and plain forms of bool, null and number words are different keys to Yams; a tagged key is
    /// found only by a probe of its tag; with a duplicated key (built in code: the parser refuses it)
    /// the last pair wins; keys that are not scalars are never found.
    func testTrickyKeysAnswerAsYams() throws {
        let yaml = """
            plain: 1
            'quoted': 2
            "double": 3
            'yes': 4
            no: 5
            'true': 6
            on: 7
            "off": 8
            null: 9
            !!str tagged: 10
            !!int 12: 11
            "13": 12
            ! bang: 13
            !local local: 14
            !!bool ticked: 15
            ? [seq]
            : 16
            ? {map: 1}
            : 17
            File: 18
            """
        guard case .mapping(let mapping) = try XCTUnwrap(try Yams.compose(yaml: yaml)) else {
            return XCTFail("not a mapping")
        }
        let keys =
            Self.trickyKeys + [
                "plain", "quoted", "double", "tagged", "12", "13", "bang", "local", "ticked", "seq", "map", "File",
                "file"
            ]
        for key in keys { _ = assertSame(mapping, key) }
        // What Yams answers, spelled out: the comparison above cannot pass with both sides wrong.
        XCTAssertEqual(mapping[key: "plain"]?.int, 1)
        XCTAssertEqual(mapping[key: "quoted"]?.int, 2)
        XCTAssertEqual(mapping[key: "double"]?.int, 3)
        XCTAssertNil(mapping[key: "yes"]) // a quoted 'yes' is a string; the probe "yes" is a bool
        XCTAssertEqual(mapping[key: "no"]?.int, 5) // a plain no is a bool, like the probe
        XCTAssertNil(mapping[key: "true"])
        XCTAssertEqual(mapping[key: "on"]?.int, 7)
        XCTAssertNil(mapping[key: "off"])
        XCTAssertEqual(mapping[key: "null"]?.int, 9)
        XCTAssertEqual(mapping[key: "tagged"]?.int, 10)
        XCTAssertEqual(mapping[key: "12"]?.int, 11)
        XCTAssertNil(mapping[key: "13"])
        XCTAssertEqual(mapping[key: "bang"]?.int, 13)
        XCTAssertNil(mapping[key: "local"])
        XCTAssertNil(mapping[key: "ticked"])
        XCTAssertNil(mapping[key: "seq"])
        XCTAssertEqual(mapping[key: "File"]?.int, 18)
        XCTAssertNil(mapping[key: "file"])

        let built = Yams.Node.Mapping([
            (Yams.Node("id"), Yams.Node("first")), (Yams.Node("other"), Yams.Node("x")),
            (Yams.Node("id"), Yams.Node("last")), (Yams.Node("other", Tag(.int)), Yams.Node("y"))
        ])
        for key in ["id", "other", "none"] { _ = assertSame(built, key) }
        XCTAssertEqual(built[key: "id"]?.string, "last")
        XCTAssertEqual(built[key: "other"]?.string, "x")
        XCTAssertNil(Yams.Node("scalar")[key: "id"])
        let sequence = Yams.Node.sequence(.init([Yams.Node("a"), Yams.Node("b")]))
        XCTAssertEqual(sequence[key: "1"], sequence["1"])
        XCTAssertNil(sequence[key: "id"])
    }

    /// The shortcut's premise, checked against Yams' default resolver: a string it says resolves to str
    /// does; and every key the loaders ask takes the shortcut.
    func testTheShortcutOnlyTakesStringsThatYamsResolvesToStr() {
        var candidates = Self.askedKeys + Self.trickyKeys
        let letters = "abcdefghijklmnopqrstuvwxyz_".map(String.init)
        candidates += letters + letters.flatMap { a in letters.map { a + $0 } }
        for word in ["yes", "no", "true", "false", "on", "off", "null"] {
            for i in 0...word.count {
                candidates += [String(word.prefix(i)), String(word.suffix(i)), String(word.prefix(i)) + "_"]
                candidates += [word.uppercased(), word.capitalized, word + "s", "_" + word]
            }
        }
        for key in Set(candidates) where YAMLKeyLookup.resolvesToStr(key) {
            XCTAssertEqual(Resolver.default.resolveTag(of: Yams.Node(key)), .str, key)
        }
        for key in Self.askedKeys where !["yes", "no", "true", "false", "on", "off", "null"].contains(key) {
            XCTAssertTrue(YAMLKeyLookup.resolvesToStr(key), key)
        }
        XCTAssertFalse(YAMLKeyLookup.resolvesToStr("yes"))
        XCTAssertFalse(YAMLKeyLookup.resolvesToStr(""))
    }
}
