import Foundation

/// What the fuzz target (Sources/WartaFuzz) and the fuzz regression tests run on one input: the
/// per-document stages of `pipeline`, then the NDJSON record and the XML of the document. Traps on
/// anything that must never happen (a record that is not valid JSON, a span outside the text), so
/// libFuzzer reports it as a crash. A file refused as binary is a normal outcome.
public enum FuzzCheck {
    public static func run(_ raw: [UInt8], pipeline: Pipeline) {
        var document = Document(id: "fuzz", source: "fuzz.txt", raw: raw)
        do {
            for stage in pipeline.stages { try stage.process(&document) }
        } catch is DecodingError {
            return
        } catch {
            fatalError("stage failed: \(error)")
        }
        let text = document.text
        precondition(String(validating: text, as: UTF8.self) != nil, "normalized text is not valid UTF-8")
        for r in document.sentences + document.tokens.map(\.range) + document.entities.map(\.range)
            + document.quotes.map(\.range)
        {
            precondition(
                0 <= r.start && r.start <= r.end && r.end <= text.count,
                "span \(r.start)..<\(r.end) outside the text (\(text.count) bytes)")
            let rawStart = document.offsetMap.rawStart(r.start), rawEnd = document.offsetMap.rawEnd(r.end)
            precondition(
                0 <= rawStart && rawStart <= raw.count && 0 <= rawEnd && rawEnd <= raw.count,
                "raw span \(rawStart)..<\(rawEnd) outside the input (\(raw.count) bytes)")
        }
        let line = RecordEncoder.encode(document, sha256: Hashing.sha256Hex(raw), options: RecordOptions(tokens: true))
        precondition(line.last == 0x0A && !line.dropLast().contains(0x0A), "a record is not one line")
        do {
            _ = try JSONSerialization.jsonObject(with: Data(line.dropLast()), options: [])
        } catch {
            fatalError("record is not valid JSON: \(error)")
        }
        let xml: [UInt8]
        do {
            xml = try XMLSink(output: OutputFile(standardOutput: ()), options: RecordOptions(tokens: true)).encode(
                document)
        } catch {
            fatalError("XML writer failed: \(error)")
        }
        precondition(String(validating: xml, as: UTF8.self) != nil, "XML is not valid UTF-8")
        precondition(
            !xml.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }, "XML holds a control character")
        for i in xml.indices.dropLast(2) where xml[i] == 0xEF && xml[i + 1] == 0xBF {
            precondition(xml[i + 2] != 0xBE && xml[i + 2] != 0xBF, "XML holds U+FFFE or U+FFFF")
        }
    }
}
