import XCTest

@testable import Warta

/// The XML sink: valid against schema/warta.xsd, and never a character that XML 1.0 forbids.
final class XMLSinkTests: XCTestCase {

    func write(_ documents: [Document], tokens: Bool = false) throws -> URL {
        let url = try temporaryDirectory(self).appendingPathComponent("documents.xml")
        let sink = try XMLSink(output: OutputFile(path: url.path), options: RecordOptions(tokens: tokens))
        for d in documents { try sink.write(d) }
        try sink.finish()
        return url
    }

    func assertValid(_ url: URL, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertNil(XMLSink.validate(file: url.path, schema: Repo.schema.path), file: file, line: line)
    }

    /// xmllint's verdict (well-formed, and valid when `schema` is given); skips when xmllint is missing.
    func xmllint(_ url: URL, schema: Bool) throws -> ProcessResult {
        guard let tool = which("xmllint") else { throw XCTSkip("xmllint is not installed") }
        return try runProcess(tool, ["--noout"] + (schema ? ["--schema", Repo.schema.path] : []) + [url.path])
    }

    func seedDocuments() throws -> [Document] {
        let pipeline = try DefaultPipeline.load()
        return try Repo.seeds.map { url in
            var doc = Document(
                id: url.deletingPathExtension().lastPathComponent, source: url.path,
                raw: Array(try Data(contentsOf: url)))
            try pipeline.process(&doc)
            return doc
        }
    }

    func testSeedsValidateAgainstTheSchema() throws {
        let docs = try seedDocuments()
        for tokens in [false, true] {
            let url = try write(docs, tokens: tokens)
            assertValid(url)
            let xml = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            XCTAssertEqual(xml.components(separatedBy: "<document ").count - 1, 5)
            XCTAssertEqual(xml.contains("<token "), tokens)
            XCTAssertTrue(xml.contains("Muhammad Musa\u{2019}ad"))
        }
    }

    func testEmptyRunIsValid() throws {
        let url = try write([])
        assertValid(url)
    }

    func testEveryLayerValidates() throws {
        var doc = try normalized(
            "Plt Kepala Badan Kepegawaian Negara (BKN) Haryomo Dwi Putranto berkata, \"ASN harus netral.\"")
        try DefaultPipeline.tokenize().process(&doc)
        let person = try doc.range(of: "Haryomo Dwi Putranto")
        let quote = try doc.range(of: "ASN harus netral.")
        doc.entities = [
            Entity(type: .PERSON, range: person, rule: "person.test"),
            Entity(
                type: .ROLE, range: try doc.range(of: "Plt Kepala"), norm: "Plt Kepala", rule: "role.test", person: 0)
        ]
        doc.acronyms = [
            AcronymPair(short: try doc.range(of: "BKN"), long: try doc.range(of: "Badan Kepegawaian Negara"))
        ]
        doc.quotes = [
            Quote(
                range: quote, speaker: "Haryomo Dwi Putranto", speakerEntity: 0, cue: "berkata", rule: "quote.test",
                duplicateOf: QuoteReference(document: "002", quote: 1), similarity: 0.93)
        ]
        doc.reportedSpeech = [
            ReportedSpeech(range: quote, speaker: nil, speakerEntity: nil, cue: "berkata", rule: "report.test")
        ]
        doc.metadata.date = "2024-11-27"
        doc.warnings = ["a warning"]
        let url = try write([doc], tokens: true)
        assertValid(url)
        let xml = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        for tag in [
            "<entity ", "<acronym>", "<short ", "<long ", "<quote ", "<report ", "<warning>", "date=\"2024-11-27\""
        ] {
            XCTAssertTrue(xml.contains(tag), "no \(tag)")
        }
        XCTAssertTrue(xml.contains(">Haryomo Dwi Putranto</entity>"))
    }

    func testForbiddenCharactersNeverReachTheFile() throws {
        var forbidden = ""
        for v in 0x00...0x1F where ![0x09, 0x0A, 0x0D].contains(v) {
            forbidden.unicodeScalars.append(Unicode.Scalar(v)!)
        }
        forbidden += "\u{FFFE}\u{FFFF}"
        var doc = Document(id: "id\u{1}<&>\"'" + forbidden, source: "seeds/\u{7}x.txt", raw: Array("x".utf8))
        doc.text = Array(("Derek \u{0}Hegemur & <ASN> " + forbidden + " 👍🏽 e\u{0301}").utf8)
        doc.removed = [Removal(kind: "byline\u{2}", rule: "r", rawStart: 0, rawEnd: 1, text: "ZAN\u{1B}")]
        doc.warnings = ["warn\u{FFFF}ing"]
        let url = try write([doc])
        let bytes = Array(try Data(contentsOf: url))
        let xml = String(decoding: bytes, as: UTF8.self)
        let bad = xml.unicodeScalars.filter { !XMLWriter.isAllowed($0) }
        XCTAssertTrue(bad.isEmpty, "forbidden characters in the file: \(bad.map { String($0.value, radix: 16) })")
        XCTAssertTrue(xml.contains("Derek Hegemur &amp; &lt;ASN&gt;"), xml)
        XCTAssertTrue(xml.contains("👍🏽"))
        XCTAssertTrue(xml.contains(">ZAN</removal>"))
        XCTAssertTrue(xml.contains("<warning>warning</warning>"))
        assertValid(url)

        let wellFormed = try xmllint(url, schema: false)
        XCTAssertEqual(wellFormed.status, 0, wellFormed.stderrText)
        let valid = try xmllint(url, schema: true)
        XCTAssertEqual(valid.status, 0, valid.stderrText)
    }

    func testValidateReportsAnInvalidFile() throws {
        let url = try temporaryDirectory(self).appendingPathComponent("bad.xml")
        try "<documents schema=\"warta.doc/1\"><document id=\"x\"/></documents>".write(
            to: url, atomically: true, encoding: .utf8)
        XCTAssertNotNil(XMLSink.validate(file: url.path, schema: Repo.schema.path))
    }
}
