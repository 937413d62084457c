import XCTest

@testable import Warta

/// A pipeline file with a mistake is refused with the file, the line and the valid choices.
final class PipelineConfigTests: XCTestCase {

    /// Writes `yaml` as a pipeline file in a temporary folder and loads it; returns the ConfigError.
    func loadError(_ yaml: String, file: StaticString = #filePath, line: UInt = #line) throws -> ConfigError {
        let dir = try temporaryDirectory(self)
        let url = dir.appendingPathComponent("broken.yaml")
        try yaml.write(to: url, atomically: true, encoding: .utf8)
        do {
            _ = try Pipeline.load(url)
        } catch let error as ConfigError {
            XCTAssertEqual(error.file, url.path, "the error names the pipeline file", file: file, line: line)
            XCTAssertTrue(error.description.hasPrefix("\(url.path):"), error.description, file: file, line: line)
            return error
        }
        XCTFail("the pipeline was accepted", file: file, line: line)
        throw Missing(needle: "ConfigError")
    }

    func testAValidPipelineLoads() throws {
        let dir = try temporaryDirectory(self)
        let url = dir.appendingPathComponent("ok.yaml")
        try "name: small\nstages:\n  - normalize:\n      nfc: false\n  - tokenize\n".write(
            to: url, atomically: true, encoding: .utf8)
        let pipeline = try Pipeline.load(url)
        XCTAssertEqual(pipeline.name, "small")
        XCTAssertEqual(pipeline.stages.map { type(of: $0).name }, ["normalize", "tokenize"])
        XCTAssertEqual(pipeline.configurationFiles.map(\.lastPathComponent), ["ok.yaml"])
    }

    /// A pipeline file that cannot be read says why: missing, a pipe (`--pipeline <(...)`), not UTF-8.
    func testAnUnreadablePipelineFileSaysWhy() throws {
        let dir = try temporaryDirectory(self)
        let fifo = dir.appendingPathComponent("fifo.yaml")
        XCTAssertEqual(mkfifo(fifo.path, 0o644), 0)
        let latin1 = dir.appendingPathComponent("latin1.yaml")
        try Data([0x6E, 0x61, 0x6D, 0x65, 0x3A, 0x20, 0xE9, 0x0A]).write(to: latin1)
        let cases: [(URL, String)] = [
            (dir.appendingPathComponent("missing.yaml"), "cannot read the pipeline file: No such file or directory"),
            (fifo, "cannot read the pipeline file: not a regular file"),
            (
                latin1,
                "cannot read the pipeline file: it is not UTF-8 text (the bytes from column 7 are no UTF-8 character)"
            )
        ]
        for (url, expected) in cases {
            // On a thread with a time limit: opening a FIFO without O_NONBLOCK waits for a writer forever,
            // and the test should fail, not hang.
            let done = DispatchSemaphore(value: 0)
            let outcome = UncheckedBox<String?>(nil)
            Thread.detachNewThread {
                do { _ = try Pipeline.load(url); outcome.value = "loaded" } catch { outcome.value = "\(error)" }
                done.signal()
            }
            XCTAssertEqual(done.wait(timeout: .now() + 30), .success, "\(url.lastPathComponent): still reading")
            // Not UTF-8: the line of the first byte that is not, like a list file.
            XCTAssertEqual(outcome.value, "\(url.path)\(url == latin1 ? ":1" : ""): \(expected)")
        }
        // The same reasons from `warta dedup`'s reading of the pipeline and from list files.
        XCTAssertThrowsError(try DedupRules.load(pipeline: cases[0].0)) { error in
            XCTAssertEqual("\(error)", "\(cases[0].0.path): \(cases[0].1)")
        }
        XCTAssertThrowsError(try ListFile.entries(latin1)) { error in
            XCTAssertEqual(
                "\(error)", "\(latin1.path):1: not UTF-8 text: the bytes from column 7 are no UTF-8 character")
        }
        XCTAssertThrowsError(try ListFile.entries(dir.appendingPathComponent("none.txt"))) { error in
            XCTAssertEqual("\(error)", "\(dir.path)/none.txt: cannot read the file: No such file or directory")
        }
    }

    func testDefaultPipelineLoads() throws {
        let pipeline = try DefaultPipeline.load()
        XCTAssertEqual(pipeline.name, "default")
        XCTAssertEqual(Array(pipeline.stages.map { type(of: $0).name }.prefix(2)), ["normalize", "tokenize"])
        XCTAssertTrue(pipeline.configurationFiles.contains { $0.lastPathComponent == "abbreviations.txt" })
    }

    func testUnknownStage() throws {
        let error = try loadError(
            """
            name: bad
            stages:
              - normalize
              - tokenise
            """)
        XCTAssertEqual(error.line, 4)
        XCTAssertTrue(error.message.contains("unknown stage 'tokenise'"), error.message)
        XCTAssertTrue(error.message.contains("valid stages: "), error.message)
        for name in ["normalize", "tokenize"] { XCTAssertTrue(error.message.contains(name), error.message) }
    }

    func testUnknownOption() throws {
        let error = try loadError(
            """
            name: bad
            stages:
              - normalize:
                  nfc: true
                  nfd: true
              - tokenize
            """)
        XCTAssertEqual(error.line, 5)
        XCTAssertTrue(error.message.contains("no option 'nfd'"), error.message)
        XCTAssertTrue(error.message.contains("valid options: nfc, join_broken_lines, furniture"), error.message)
    }

    func testBadValue() throws {
        let error = try loadError(
            """
            name: bad
            stages:
              - normalize:
                  join_broken_lines: true
                  nfc: maybe
            """)
        XCTAssertEqual(error.line, 5)
        XCTAssertTrue(error.message.contains("option 'nfc'"), error.message)
        XCTAssertTrue(error.message.contains("expected true or false, found 'maybe'"), error.message)
    }

    func testBadValueOfTokenize() throws {
        let error = try loadError(
            """
            name: bad
            stages:
              - normalize
              - tokenize:
                  initials: 3
            """)
        XCTAssertEqual(error.line, 5)
        XCTAssertTrue(error.message.contains("option 'initials': expected true or false, found '3'"), error.message)
    }

    func testMissingListFile() throws {
        let error = try loadError(
            """
            name: bad
            stages:
              - normalize
              - tokenize:
                  abbreviations: [lists/none.txt]
            """)
        XCTAssertEqual(error.line, 5)
        // With the reason (it said only "cannot read file").
        XCTAssertTrue(
            error.message.contains("cannot read file")
                && error.message.hasSuffix("none.txt': No such file or directory"),
            error.message)
    }

    /// `rules: [a.yaml, b.yaml]` loaded the first file alone, silently; a `name` that is a list was taken
    /// as no name. Both are refused with their line.
    func testAListWhereOneFileOrANameIsExpectedIsRefused() throws {
        let rules = Repo.root.appendingPathComponent("pipelines/rules/entities.yaml").path
        let quoteRules = Repo.root.appendingPathComponent("pipelines/rules/quotes.yaml").path
        let model = Repo.root.appendingPathComponent("pipelines/models/ner-perceptron.txt").path
        // The tag stage's rules and model and the quote stage's rules each read one file.
        let cases: [(tag: String, quotes: String, line: Int)] = [
            ("rules: [\(rules), \(rules)]", "", 6),
            ("rules: \(rules)\n      model: [\(model), \(model)]", "", 7),
            ("rules: \(rules)", "\n  - quotes:\n      rules: [\(quoteRules), \(quoteRules)]", 8)
        ]
        for (tag, quotes, line) in cases {
            let twoFiles = try loadError(
                "name: two\nstages:\n  - normalize\n  - tokenize\n  - tag:\n      \(tag)\(quotes)\n")
            XCTAssertEqual(twoFiles.line, line, tag + quotes)
            XCTAssertTrue(
                twoFiles.message.hasSuffix(
                    "expected one file, found a list of 2; the stage reads one (put them in one file)"),
                twoFiles.message)
        }
        // An empty list is no file either (it read as none: `model: []` then blamed `model_min_margin`).
        let empty = try loadError(
            "name: e\nstages:\n  - normalize\n  - tokenize\n  - tag:\n      rules: \(rules)\n      model: []\n"
                + "      model_min_margin: 10\n")
        XCTAssertEqual(empty.line, 7)
        XCTAssertTrue(
            empty.message.hasSuffix(
                "option 'model': expected one file, found an empty list (leave the option out for none)"),
            empty.message)
        let listName = try loadError("name: [a, b]\nstages:\n  - normalize\n")
        XCTAssertEqual(listName.line, 1)
        XCTAssertEqual(listName.message, "'name' must be a string (the pipeline's name)")
    }

    func testInvalidYAML() throws {
        let indentation = try loadError(
            """
            name: bad
            stages:
              - normalize:
                  nfc: true
                 join_broken_lines: true
              - tokenize
            """)
        XCTAssertEqual(indentation.line, 5)
        XCTAssertTrue(indentation.message.contains("not valid YAML"), indentation.message)
        // An unclosed bracket is found only at the end of the file: blame the line that opened it.
        let unclosed = try loadError(
            """
            name: bad
            stages:
              - normalize:
                  nfc: [true
              - tokenize
            """)
        XCTAssertEqual(unclosed.line, 4)
        XCTAssertTrue(unclosed.message.contains("not valid YAML"), unclosed.message)
    }

    func testUnknownTopLevelKey() throws {
        let error = try loadError(
            """
            name: bad
            stage:
              - normalize
            """)
        XCTAssertEqual(error.line, 2)
        XCTAssertTrue(error.message.contains("valid keys: name, description, stages"), error.message)
    }

    func testBadFurnitureRegex() throws {
        let error = try loadError(
            """
            name: bad
            stages:
              - normalize:
                  furniture:
                    - id: furniture.ok
                      kind: boilerplate
                      line: '(?i)exit mobile version'
                    - id: furniture.broken
                      kind: boilerplate
                      line: '(?i)(baca juga'
            """)
        XCTAssertEqual(error.line, 8)
        XCTAssertTrue(error.message.contains("'furniture.broken'"), error.message)
        XCTAssertTrue(error.message.contains("does not compile"), error.message)
    }

    func testFurnitureRuleWithUnknownKey() throws {
        let error = try loadError(
            """
            name: bad
            stages:
              - normalize:
                  furniture:
                    - id: furniture.x
                      kind: boilerplate
                      lines: 'x'
            """)
        XCTAssertEqual(error.line, 5)
        XCTAssertTrue(error.message.contains("valid keys: id, kind, line, match, max_length, requires"), error.message)
    }

    func testFurnitureRequiresMustBeTexts() throws {
        // `~` is YAML's null, not the text "~": a rule that silently looked for "~" would never run.
        for value in ["[]", "['']", "{a: b}", "~", "[x, ~]"] {
            let error = try loadError(
                """
                name: bad
                stages:
                  - normalize:
                      furniture:
                        - id: furniture.x
                          kind: boilerplate
                          line: 'x'
                          requires: \(value)
                """)
            XCTAssertEqual(error.line, 5, value) // the rule's line
            XCTAssertTrue(error.message.contains("'requires' of 'furniture.x'"), error.message)
        }
    }

    func testStageOrderIsChecked() throws {
        let error = try loadError(
            """
            name: bad
            stages:
              - tokenize
              - normalize
            """)
        XCTAssertEqual(error.line, 3)
        XCTAssertTrue(error.message.contains("needs text"), error.message)
    }
}

/// A value a detached thread sets and the test reads after waiting for it.
private final class UncheckedBox<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}

extension PipelineConfigTests {
    /// The line of a byte that is no UTF-8 is counted as the list is read: lines end at \n, \r\n and \r
    /// (a file of \r line ends was reported at line 1; the reviewer's finding).
    func testTheLineOfABadByteCountsEveryLineEnd() throws {
        let dir = try temporaryDirectory(self)
        for (ends, name) in [("\r", "cr.txt"), ("\r\n", "crlf.txt"), ("\n", "lf.txt")] {
            let url = dir.appendingPathComponent(name)
            try Data(Array("Dr.\(ends)Prof.\(ends)ab".utf8) + [0xFF] + Array("c.\(ends)".utf8)).write(to: url)
            XCTAssertThrowsError(try ListFile.entries(url), name) { error in
                XCTAssertEqual(
                    "\(error)", "\(url.path):3: not UTF-8 text: the bytes from column 3 are no UTF-8 character", name)
            }
        }
    }

    /// A problem inside a list or gazetteer file named its file and line but not which configuration line
    /// named the file, so a list shared by several rules files did not say which one was being read, and a
    /// file that was not UTF-8 gave no line at all (the breaker's report). Each now says both: its own line
    /// (and column for bytes that are no UTF-8) and the rules file's or pipeline's line that named it.
    func testAProblemInANamedFileSaysWhichLineNamedIt() throws {
        let cases: [(file: String, append: [UInt8], namedAt: String, expected: String)] = [
            (
                "lists/offices.txt", Array("Ketua\nKe".utf8) + [0xFF, 0xFE] + Array("pala\n".utf8),
                "rules/entities.yaml",
                "not UTF-8 text: the bytes from column 3 are no UTF-8 character"
            ),
            (
                "gazetteers/countries.tsv", Array("Negeri Antah\n".utf8), "rules/entities.yaml",
                "expected surface<TAB>TYPE<TAB>norm"
            ),
            (
                "lists/speech_adverbs.txt", [0xC3, 0x28, 0x0A], "rules/quotes.yaml",
                "not UTF-8 text: the bytes from column 1 are no UTF-8 character"
            ),
            (
                "lists/honorifics.txt", Array(".\n".utf8), "default.yaml",
                "an abbreviation ends in a word and '.', found '.'"
            ),
            (
                "lists/restated_cues.txt", [0x80, 0x0A], "default.yaml",
                "not UTF-8 text: the bytes from column 1 are no UTF-8 character"
            )
        ]
        for c in cases {
            let dir = try temporaryDirectory(self).appendingPathComponent("pipelines")
            try FileManager.default.copyItem(at: Repo.pipelines, to: dir)
            let target = dir.appendingPathComponent(c.file)
            // A rules file names its files from its own folder (`../lists/x.txt`), and so does the message.
            let shown = c.namedAt.hasPrefix("rules/") ? dir.appendingPathComponent("rules/../" + c.file) : target
            let before = try Data(contentsOf: target)
            let lines = before.split(separator: 0x0A, omittingEmptySubsequences: false).count
            let line = before.last == 0x0A ? lines : lines + 1
            var bytes = before
            if bytes.last != 0x0A { bytes.append(0x0A) }
            bytes.append(contentsOf: c.append)
            try bytes.write(to: target)
            let firstBad = c.file == "lists/offices.txt" ? line + 1 : line
            // The line of the configuration file that names the file.
            let naming = try String(contentsOf: dir.appendingPathComponent(c.namedAt), encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false)
            let name = URL(fileURLWithPath: c.file).lastPathComponent
            let namingLine = try XCTUnwrap(naming.firstIndex { $0.contains(name) && !$0.contains("#") }) + 1
            XCTAssertThrowsError(try Pipeline.load(dir.appendingPathComponent("default.yaml")), c.file) { error in
                XCTAssertEqual(
                    "\(error)",
                    "\(shown.path):\(firstBad): \(c.expected) (the file named at \(dir.appendingPathComponent(c.namedAt).path):\(namingLine))"
                )
            }
        }
    }
}
