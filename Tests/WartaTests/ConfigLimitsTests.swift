import Foundation
import XCTest
import Yams

@testable import Warta

/// Rule and pipeline files are bounded: a small file cannot name a pattern of billions of elements
/// (YAML aliases, nested repeats), and a signal stops a run that is still loading its configuration.
final class ConfigLimitsTests: XCTestCase, RuleFixtures {
    /// Groups of ten aliases of the group before, `levels` deep: 10^levels elements from a file of a
    /// few hundred bytes.
    static func aliasBomb(levels: Int) -> String {
        var yaml = """
            phases:
              - id: p
                rules:
                  - id: bomb
                    type: PERSON
                    pattern:
                      - group: &g1 [\(Array(repeating: "{shape: title}", count: 10).joined(separator: ", "))]

            """
        for level in 2...levels {
            yaml +=
                "          - group: &g\(level) [\(Array(repeating: "{group: *g\(level - 1)}", count: 10).joined(separator: ", "))]\n"
        }
        return yaml
    }

    /// A 1.3 KB rules file with aliases eight deep took all memory; now the expanded tree is counted
    /// right after parsing and the file is refused with its line and the limit.
    func testARulesFileWhoseAliasesExpandPastTheLimitIsRefused() throws {
        let url = try write(Self.aliasBomb(levels: 8))
        XCTAssertLessThan(try Data(contentsOf: url).count, 1500)
        XCTAssertThrowsError(try RuleSet.load(url)) { error in
            guard let e = error as? ConfigError else { return XCTFail("not a ConfigError: \(error)") }
            XCTAssertEqual(URL(fileURLWithPath: e.file).lastPathComponent, "rules.yaml")
            XCTAssertNotNil(e.line, "\(e)")
            XCTAssertTrue(e.message.contains("more than \(ConfigYAML.maxNodes) nodes"), "\(e)")
        }
    }

    /// The same in a pipeline file (its furniture rules).
    func testAPipelineFileWhoseAliasesExpandPastTheLimitIsRefused() throws {
        var yaml = "name: bomb\nx0: &a0 [a, a, a, a, a, a, a, a, a, a]\n"
        for level in 1...7 {
            yaml += "x\(level): &a\(level) [\(Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", "))]\n"
        }
        yaml += "stages:\n  - normalize\n"
        let url = try temporaryDirectory(self).appendingPathComponent("bomb.yaml")
        try yaml.write(to: url, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Pipeline.load(url)) { error in
            guard let e = error as? ConfigError else { return XCTFail("not a ConfigError: \(error)") }
            XCTAssertTrue(e.message.contains("more than \(ConfigYAML.maxNodes) nodes"), "\(e)")
            XCTAssertTrue(e.description.hasPrefix(url.path + ":"), e.description)
        }
    }

    /// Without aliases, repeats multiply through nested groups: `max: 13` three groups deep unrolls to
    /// 13^3 = 2,197 elements, past the limit of 2,000; refused at the pattern's line.
    func testAPatternThatUnrollsPastTheLimitIsRefusedWithItsRuleAndLine() throws {
        /// One title-case word repeated up to `n` times, three groups deep: n^3 elements unrolled.
        func nested(_ n: Int) -> String {
            """
            phases:
              - id: p
                rules:
                  - id: nested
                    type: PERSON
                    pattern:
                      - group: [{group: [{shape: title, max: \(n)}], max: \(n)}]
                        max: \(n)
            """
        }
        try assertConfigError(
            nested(13), line: 7,
            contains: "rule 'nested': the pattern unrolls to more than \(PatternNode.maxUnrolledElements) elements")
        XCTAssertNoThrow(try load(nested(12)), "just under the limit compiles")
    }

    /// `group`/`any_of` nest at most 16 deep: 17 is refused at the pattern's line, 16 compiles.
    func testAPatternNestedPastSixteenGroupsIsRefused() throws {
        func nested(_ depth: Int) -> String {
            var element = "{shape: title}"
            for _ in 0..<depth { element = "{group: [\(element)]}" }
            return """
                phases:
                  - id: p
                    rules:
                      - id: deep
                        type: PERSON
                        pattern:
                          - \(element)
                """
        }
        try assertConfigError(
            nested(PatternNode.maxDepth + 1), line: 7,
            contains: "rule 'deep': the pattern unrolls to 1 elements, 17 groups deep")
        XCTAssertNoThrow(try load(nested(PatternNode.maxDepth)), "16 deep compiles")
    }

    /// A pipeline file that nests deeper than 64 YAML levels is refused with its file and line.
    func testAPipelineFileNestedPastSixtyFourLevelsIsRefused() throws {
        func nested(_ levels: Int) -> String {
            "name: deep\nx: " + String(repeating: "[", count: levels) + String(repeating: "]", count: levels)
                + "\nstages:\n  - normalize\n"
        }
        let url = try temporaryDirectory(self).appendingPathComponent("deep.yaml")
        try nested(ConfigYAML.maxDepth + 1).write(to: url, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Pipeline.load(url)) { error in
            guard let e = error as? ConfigError else { return XCTFail("not a ConfigError: \(error)") }
            XCTAssertTrue(e.message.contains("nests more than \(ConfigYAML.maxDepth) levels"), "\(e)")
            XCTAssertTrue(e.description.hasPrefix(url.path + ":"), e.description)
        }
        // Within the limit the file gets past the check (to be refused for its unknown key).
        try nested(ConfigYAML.maxDepth - 3).write(to: url, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Pipeline.load(url)) { error in
            XCTAssertTrue("\(error)".contains("unknown key 'x'"), "\(error)")
        }
    }

    /// The default pipeline and rule files stay far inside both limits (README, "Limits"): under 100,000
    /// nodes and 32 levels each once aliases are expanded (entities.yaml, the largest, about 17,100 and 21).
    func testTheDefaultFilesStayFarInsideTheYAMLLimits() throws {
        let files = ["pipelines/default.yaml", "pipelines/rules/entities.yaml", "pipelines/rules/quotes.yaml"]
        for path in files {
            let text = try String(contentsOf: Repo.root.appendingPathComponent(path), encoding: .utf8)
            let root = try XCTUnwrap(try Yams.compose(yaml: text), path)
            XCTAssertNoThrow(try ConfigYAML.checkLimits(root, file: path, maxNodes: 100_000, maxDepth: 32), path)
        }
    }

    /// A rules file is bounded as a whole (`RuleSetLimits`), not only per node and per rule: 12,000 rules
    /// of 992 unrolled elements passed both and took 1.8 GB. Past the file's total of pattern elements
    /// (here 98 rules of 1,024), the rule that crosses it is refused at its pattern's line.
    func testARulesFileWhosePatternsUnrollPastTheFileLimitIsRefusedAtTheRuleThatCrossesIt() throws {
        let perRule = 32 * 32
        let rules = RuleSetLimits.maxPatternElements / perRule + 1
        var yaml = "phases:\n  - id: p\n    rules:\n"
        for r in 0..<rules {
            yaml += "      - id: r\(r)\n        type: PERSON\n        pattern:\n"
            yaml += "          - group: [{shape: title, max: 32}]\n            max: 32\n"
        }
        // Rule r's pattern is on line 4 + 5 r + 3 (1-based).
        try assertConfigError(
            yaml, line: 4 + 5 * (rules - 1) + 3,
            contains:
                "rule 'r\(rules - 1)': the rules file's patterns unroll to more than \(RuleSetLimits.maxPatternElements) elements in all"
        )
        let fewer = yaml.components(separatedBy: "      - id: r\(rules - 1)\n")[0]
        XCTAssertNoThrow(try load(fewer), "one rule fewer is within the limit")
    }

    /// So do the rules, whatever their size: 10,001 rules of one element are refused at the last one.
    func testARulesFileOfMoreRulesThanTheLimitIsRefused() throws {
        var yaml = "phases:\n  - id: p\n    rules:\n"
        for r in 0...RuleSetLimits.maxRules {
            yaml += "      - id: r\(r)\n        type: PERSON\n        pattern:\n          - {shape: title}\n"
        }
        try assertConfigError(
            yaml, line: 4 + 4 * RuleSetLimits.maxRules + 3,
            contains:
                "rule 'r\(RuleSetLimits.maxRules)': the rules file has more than \(RuleSetLimits.maxRules) rules with this one"
        )
    }

    /// The words written inline (`lower: [...]`, inline lists) count over the whole file.
    func testInlineWordsPastTheFileLimitAreRefusedAtTheTestThatCrossesThem() throws {
        let half = RuleSetLimits.maxInlineWords / 2 + 1
        func rule(_ id: String, _ key: String) -> String {
            let words = (0..<half).map { "w\(id)\($0)" }.joined(separator: ", ")
            return "      - id: \(id)\n        type: ORG\n        pattern:\n          - {\(key): [\(words)]}\n"
        }
        let head = "phases:\n  - id: p\n    rules:\n"
        try assertConfigError(
            head + rule("a", "lower") + rule("b", "in"), line: 11,
            contains:
                "rule 'b': the rules file's inline word lists hold more than \(RuleSetLimits.maxInlineWords) words"
        )
        XCTAssertNoThrow(try load(head + rule("a", "lower")))
    }

    /// The entries of lists and gazetteers count over the whole file: the same list file named twice. The
    /// list that crosses the limit is refused at its file's line past it, before the rest of the file is
    /// built (the whole file's entries were built first, then counted).
    func testListEntriesPastTheFileLimitAreRefusedAtTheListThatCrossesThem() throws {
        let half = RuleSetLimits.maxListEntries / 2 + 1
        let words = "# a comment line\n" + (0..<half).map { "k\($0)" }.joined(separator: "\n") + "\n"
        let yaml = """
            lists:
              one: words.txt
              two: words.txt
            phases:
              - id: p
                rules:
                  - id: r
                    type: ORG
                    pattern:
                      - {in: one}
            """
        // 500,001 entries in list one leave 499,999 for list two: its 500,000th, on line 500,001.
        let past = RuleSetLimits.maxListEntries - half + 2
        try assertConfigError(
            yaml, files: ["words.txt": words], file: "words.txt", line: past,
            contains:
                "list 'two': the rules file's lists and gazetteers hold more than \(RuleSetLimits.maxListEntries) entries"
        )
        // A gazetteer file after the list: refused at its own line past the limit.
        let gazetteer = (0..<half).map { "Nama\($0)\tPERSON" }.joined(separator: "\n") + "\n"
        let withGazetteer = """
            lists:
              one: words.txt
            gazetteers:
              big:
                file: big.tsv
            phases:
              - id: p
                gazetteers: [big]
            """
        try assertConfigError(
            withGazetteer, files: ["words.txt": words, "big.tsv": gazetteer], file: "big.tsv",
            line: RuleSetLimits.maxListEntries - half + 1,
            contains:
                "gazetteer 'big': the rules file's lists and gazetteers hold more than \(RuleSetLimits.maxListEntries) entries"
        )
    }

    /// The default rules stay under a tenth of each whole-file limit (README, "Limits").
    func testTheDefaultRulesStayFarInsideTheFileLimits() throws {
        let rules = try RuleSet.load(Repo.root.appendingPathComponent("pipelines/rules/entities.yaml"))
        let size = rules.compiledSize
        XCTAssertLessThan(size.rules, RuleSetLimits.maxRules / 10, "\(size)")
        XCTAssertLessThan(size.patternElements, RuleSetLimits.maxPatternElements / 10, "\(size)")
        XCTAssertLessThan(size.inlineWords, RuleSetLimits.maxInlineWords / 10, "\(size)")
        XCTAssertLessThan(size.listEntries, RuleSetLimits.maxListEntries / 10, "\(size)")
        print("default rules: \(size)")
    }

    /// A YAML error quotes the offending line: a pipeline file of one 5 MB line put 10 MB on stderr. A
    /// message line is cut to `ConfigError.maxLineLength` characters, saying how long it was.
    func testAnErrorQuotingAHugeLineIsCut() throws {
        let url = try temporaryDirectory(self).appendingPathComponent("long.yaml")
        try ("name: x\nstages: [" + String(repeating: "a", count: 1_000_000) + ": [\n").write(
            to: url, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Pipeline.load(url)) { error in
            let text = "\(error)"
            XCTAssertLessThan(text.count, 4_000, String(text.prefix(300)))
            XCTAssertTrue(text.hasPrefix(url.path + ":"), String(text.prefix(300)))
        }
        let short = ConfigError(file: "f.yaml", line: 2, "expected a list\n" + String(repeating: "b", count: 500))
        XCTAssertEqual(
            short.description,
            "f.yaml:2: expected a list\n" + String(repeating: "b", count: ConfigError.maxLineLength)
                + "… (500 characters)")
    }

    /// A key written twice in one mapping: Yams' message quoted the whole file up to the mapping (one at the
    /// end of the 3,400-line entity rules put 220 KB on stderr) and no line reached `file:line`; a NUL byte
    /// (refused by the YAML reader) had no line there either. Now each names its line, in a short message,
    /// and no message prints more than `ConfigError.maxLines` lines.
    func testDuplicateKeysAndControlCharactersNameTheirLineBriefly() throws {
        let dir = try temporaryDirectory(self)
        let comments = String(repeating: "# a comment line of the file\n", count: 5_000)
        let duplicate = dir.appendingPathComponent("duplicate.yaml")
        try (comments + "stages:\n  - normalize:\n      nfc: true\n      nfc: false\n").write(
            to: duplicate, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Pipeline.load(duplicate)) { error in
            let text = "\(error)"
            XCTAssertEqual(
                text,
                "\(duplicate.path):5003: not valid YAML: a mapping has the key 'nfc' more than once (first at line 5003, column 7); each key may appear once"
            )
        }
        let control = dir.appendingPathComponent("control.yaml")
        try "name: x\nstages:\n  - normalize\nnote: \"a\u{0}b\"\n".write(to: control, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Pipeline.load(control)) { error in
            XCTAssertTrue("\(error)".hasPrefix("\(control.path):4: not valid YAML:"), "\(error)")
        }
        let long = ConfigError(file: "f.yaml", line: 1, (1...100).map { "line \($0)" }.joined(separator: "\n"))
        let lines = long.description.split(separator: "\n")
        XCTAssertEqual(lines.count, ConfigError.maxLines + 1)
        XCTAssertEqual(lines.last, "… (\(100 - ConfigError.maxLines) more lines)")
    }

    /// SIGTERM while a large gazetteer loads (about 16 s in a debug build) ends the run there: it never
    /// gets to create the output folder and its lock. It used to load everything first.
    func testASignalWhileThePipelineLoadsEndsTheRunThere() throws {
        let bin = try XCTUnwrap(EndToEndTests.binary)
        let dir = try temporaryDirectory(self)
        let script = """
            cd '\(dir.path)'
            seq 1 1000000 | awk '{print "Nama" $1 " Kota" $1 "\\tPERSON"}' > big.tsv
            printf 'gazetteers:\\n  big:\\n    file: big.tsv\\nphases:\\n  - id: p\\n    gazetteers: [big]\\n' > rules.yaml
            printf 'name: t\\nstages:\\n  - normalize\\n  - tokenize\\n  - tag:\\n      rules: rules.yaml\\n' > p.yaml
            echo 'Nama1 Kota1 hadir.' > a.txt
            '\(bin.path)' run a.txt --pipeline p.yaml --out out --quiet &
            pid=$!
            sleep 0.5
            kill -TERM $pid
            wait $pid
            echo "status=$?"
            """
        let result = try runProcess(URL(fileURLWithPath: "/bin/bash"), ["-c", script])
        let text = String(decoding: result.stdout, as: UTF8.self)
        XCTAssertTrue(text.contains("status=130"), text + result.stderrText)
        XCTAssertFalse(
            FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/.warta.lock").path),
            "the run went on loading after the signal")
    }
}
