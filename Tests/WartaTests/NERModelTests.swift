import Foundation
import XCTest

@testable import Warta

/// The learned PERSON/ORG/LOC tagger (issue 20): the committed model file, its reader, the Swift decoder
/// against `scripts/train_ner.py --predict`, and its place in the tag stage (it fills only what no rule
/// covers). Every sentence is the team's own.
final class NERModelTests: XCTestCase {
    static let modelURL = Repo.root.appendingPathComponent("pipelines/models/ner-perceptron.txt")
    static let fixtures = Repo.root.appendingPathComponent("Tests/Fixtures/ner-model")
    /// The SHA-256 of the committed model file: retraining (`python3 scripts/train_ner.py`) changes it, and
    /// then this value, `Tests/Fixtures/ner-model/expected.txt` (`--predict`) and the README's figures change
    /// with it, in one commit.
    static let modelSHA256 = "99301626b0bb6e28c1fe0ad0bcaeb73e688b09344d677005425db80c62ebdcbf"

    func testTheModelFileIsTheCommittedOneAndSmall() throws {
        let data = try Data(contentsOf: Self.modelURL)
        XCTAssertLessThan(data.count, 2_000_000, "the model file should stay well under 2 MB")
        XCTAssertEqual(Hashing.sha256Hex(data), Self.modelSHA256, "the model file was altered")
        let model = try NERModel(contentsOf: Self.modelURL)
        XCTAssertEqual(model.tags, ["O", "B-PERSON", "I-PERSON", "B-ORG", "I-ORG", "B-LOC", "I-LOC"])
        XCTAssertEqual(model.header["features"], "\(NERModel.featureTemplate)")
        XCTAssertTrue(model.header["train"] != nil && model.header["command"] != nil)
    }

    /// The Swift features and decoder give exactly the tags and margins of the training script's `--predict` on
    /// the fixture's sentences (ASCII and not, punctuation, a lower-case sentence, one word).
    func testTheDecoderMatchesTheTrainingScript() throws {
        let decoder = NERDecoder(model: try NERModel(contentsOf: Self.modelURL))
        let sentences = try String(contentsOf: Self.fixtures.appendingPathComponent("sentences.txt"), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        let expected = try String(contentsOf: Self.fixtures.appendingPathComponent("expected.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        XCTAssertEqual(sentences.count, expected.count)
        for (words, line) in zip(sentences, expected) {
            let (tags, margins) = decoder.decode(words)
            let got = zip(tags, margins).map { "\(decoder.model.tags[$0]):\($1)" }.joined(separator: " ")
            XCTAssertEqual(got, line, words.joined(separator: " "))
        }
    }

    /// A device named as the model is refused as not a regular file (`Data(contentsOf:)` read `/dev/zero` until
    /// memory ran out), and a folder says why.
    func testTheReaderRefusesADeviceOrAFolder() {
        for (path, reason) in [("/dev/zero", "not a regular file"), ("/tmp", "not a regular file")] {
            XCTAssertThrowsError(try NERModel(contentsOf: URL(fileURLWithPath: path))) { error in
                let message = (error as? ConfigError)?.description ?? "\(error)"
                XCTAssertTrue(message.contains("cannot read the model file: \(reason)"), message)
            }
        }
    }

    func testTheReaderRefusesABrokenFileWithItsLine() {
        let header = "warta-ner-model 1\nfeatures 1\ntags O B-PERSON I-PERSON\n"
        func error(_ text: String) -> ConfigError? {
            do {
                _ = try NERModel(text: text, file: "m.txt")
                return nil
            } catch { return error as? ConfigError }
        }
        XCTAssertNil(error(header + "weights 1\nb\t0:1 2:-3\n"))
        XCTAssertEqual(error(header + "weights 1\nb\t0:x\n")?.line, 5)
        XCTAssertEqual(error(header + "weights 1\nb\t7:1\n")?.line, 5, "a tag past the tag set")
        XCTAssertEqual(error(header + "weights 2\nb\t0:1\nb\t1:1\n")?.line, 6, "a feature twice")
        XCTAssertEqual(error(header + "weights 1\nb\t0:1\nc\t0:1\n")?.line, 6, "more lines than announced")
        XCTAssertNotNil(error(header + "weights 2\nb\t0:1\n"), "fewer lines than announced")
        XCTAssertEqual(error("warta-ner-model 1\nfeatures 2\n")?.line, 2, "another feature template")
        XCTAssertEqual(error("warta-ner-model 1\nfeatures 1\nweights 0\n")?.line, 3, "weights before the tags")
        XCTAssertNotNil(error(header + "weights 9999999\n"), "more features than the bound")
        XCTAssertNil(error(header + "weights 1\nb\t0:10000000 1:-10000000\n"), "the largest weights read")
        XCTAssertEqual(
            error(header + "weights 2\nb\t0:1\nc\t1:999999999\n")?.line, 6,
            "a weight that would overflow the scores (it crashed the decoder)")
        XCTAssertEqual(error(header + "weights 1\nb\t2:-10000001\n")?.line, 5)
        XCTAssertEqual(error(header + "weights 1\nb\t0:" + String(repeating: "1", count: 5000) + "\n")?.line, 5)
    }

    /// A two-word name no rule finds is found by the model (`model.person`), through the default pipeline.
    func testTheDefaultPipelineAddsAModelPerson() throws {
        let document = try Annotated.document("Warga menyambut Darmono Sukirjo di halaman balai desa.")
        document.assertHas(.PERSON, ["Darmono Sukirjo"])
        XCTAssertEqual(document.entities.first { $0.type == .PERSON }?.rule, "model.person")
    }

    /// The model adds a span only on tokens no entity holds, with a capital first, of the allowed types, with
    /// the words and margin asked for; its rule id names its type.
    func testTheModelFillsOnlyWhatTheRulesLeave() throws {
        let model = try NERModel(contentsOf: Self.modelURL)
        let words = "Pada Jumat malam Sarmin Lubis tiba di Ambon bersama Tim SAR Kota Ambon .".split(separator: " ")
            .map(String.init)
        func spans(_ source: ModelEntities, covered: Set<Int> = []) -> [String] {
            source.candidates(
                words: { words[$0] }, capitalized: { words[$0].first!.isUppercase }, titleLine: { _ in false },
                sentences: [0..<words.count], covered: words.indices.map { covered.contains($0) }, phase: 0
            ).map { "\($0.rule) \(words[$0.start..<$0.end].joined(separator: " "))" }
        }
        let all = ModelEntities(model: model, minMargin: 0, types: [.PERSON, .ORG, .LOC])
        XCTAssertEqual(spans(all), ["model.person Sarmin Lubis", "model.loc Ambon", "model.person Tim SAR Kota Ambon"])
        XCTAssertEqual(spans(all, covered: [4]), ["model.loc Ambon", "model.person Tim SAR Kota Ambon"])
        XCTAssertEqual(spans(ModelEntities(model: model, minMargin: 0, types: [.LOC])), ["model.loc Ambon"])
        XCTAssertEqual(
            spans(ModelEntities(model: model, minMargin: 0, types: [.PERSON, .LOC], minWords: 2)),
            ["model.person Sarmin Lubis", "model.person Tim SAR Kota Ambon"])
        XCTAssertEqual(
            spans(ModelEntities(model: model, minMargin: 1500, types: [.PERSON, .ORG, .LOC])),
            ["model.person Sarmin Lubis", "model.loc Ambon"])
    }

    /// The tag stage's `model*` options: absent `model` is off; a type other than PERSON, ORG, LOC, or any
    /// `model_*` option without a model, are refused.
    func testTheModelOptions() throws {
        func source(_ yaml: String) throws -> ModelEntities? {
            try ModelEntities(options: StageOptions(stage: "tag", yaml: yaml))
        }
        XCTAssertNil(try source(""))
        // Each of the model's options without `model` is refused with its line (the margin and the fewest
        // words were silently ignored).
        for option in ["model_types: [PERSON]", "model_min_margin: 1500", "model_min_words: 2"] {
            XCTAssertThrowsError(try source("name: x\n" + option)) { error in
                XCTAssertEqual((error as? ConfigError)?.line, 2, option)
                XCTAssertTrue("\(error)".contains("given without `model`"), "\(error)")
            }
        }
        let path = Self.modelURL.path
        XCTAssertThrowsError(try source("model: \(path)\nmodel_types: [DATE]"))
        XCTAssertThrowsError(try source("model: /nonexistent/model.txt"))
        let chosen = try XCTUnwrap(
            try source("model: \(path)\nmodel_types: [PERSON]\nmodel_min_margin: 1500\nmodel_min_words: 2"))
        XCTAssertEqual(chosen.types, [.PERSON])
        XCTAssertEqual(chosen.minMargin, 1500)
        XCTAssertEqual(chosen.minWords, 2)
    }

    /// `scripts/crossfit_ner.py` estimates the model's gain by gating its spans in Python (`fallback()`): that
    /// mirror keeps exactly the spans the tag stage's `ModelEntities.candidates` keeps, for each setting and with
    /// tokens covered or not (a drift would make its estimates measure another gating).
    func testTheCrossFitScriptGatesAsTheTagStage() throws {
        guard let python = which("python3") else { throw XCTSkip("python3 is not on the PATH") }
        let model = try NERModel(contentsOf: Self.modelURL)
        let sentence = "Pada Jumat malam Sarmin Lubis tiba di Ambon bersama Tim SAR Kota Ambon dan Wiryo ."
        let words = sentence.split(separator: " ").map(String.init)
        let code = """
            import json, sys
            sys.path.insert(0, sys.argv[1])
            import crossfit_ner as C, train_ner as T
            from pathlib import Path
            words, covered = sys.argv[2].split(" "), [c == "1" for c in sys.argv[3]]
            types, min_words, min_margin = set(sys.argv[4].split(",")), int(sys.argv[5]), int(sys.argv[6])
            tags, margins = T.decode(words, T.scorer(T.load(T.MODEL)))
            spans = C.fallback(words, covered, [C.capitalized(w) for w in words], tags, margins, types, min_words,
                               min_margin)
            print(json.dumps(["model." + t.lower() + " " + " ".join(words[a:b]) for a, b, t in spans]))
            """
        let settings: [(Set<EntityType>, Int, Int32, Set<Int>)] = [
            ([.PERSON, .ORG, .LOC], 1, 0, []), ([.PERSON, .ORG, .LOC], 1, 0, [4]), ([.LOC], 1, 0, []),
            ([.PERSON, .LOC], 2, 0, []), ([.PERSON, .ORG, .LOC], 1, 1500, []), ([.PERSON], 2, 1500, [8]),
            ([.PERSON], 1, 1500, [3, 4, 9, 10, 11, 12])
        ]
        for (types, minWords, minMargin, covered) in settings {
            let source = ModelEntities(model: model, minMargin: minMargin, types: types, minWords: minWords)
            let swift = source.candidates(
                words: { words[$0] }, capitalized: { words[$0].first!.isUppercase }, titleLine: { _ in false },
                sentences: [0..<words.count], covered: words.indices.map { covered.contains($0) }, phase: 0
            ).map { "\($0.rule) \(words[$0.start..<$0.end].joined(separator: " "))" }
            let flags = words.indices.map { covered.contains($0) ? "1" : "0" }.joined()
            let result = try runProcess(
                python,
                [
                    "-c", code, Repo.root.appendingPathComponent("scripts").path, sentence, flags,
                    types.map(\.rawValue).sorted().joined(separator: ","), "\(minWords)", "\(minMargin)"
                ])
            XCTAssertEqual(result.status, 0, result.stderrText)
            let mirrored = try XCTUnwrap(try JSONSerialization.jsonObject(with: result.stdout) as? [String])
            XCTAssertEqual(mirrored, swift, "\(types) \(minWords) \(minMargin) \(covered)")
        }
    }
}
