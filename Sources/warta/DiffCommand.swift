import ArgumentParser
import Foundation
import Warta

struct DiffCommand: WartaSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract:
            "Compare the extractions of two runs (NDJSON files or output folders), like diff(1): exit 0 equal, 1 different.",
        discussion:
            "Per document, entities, acronyms and quotes added (+), removed (-) or changed (~: norm, speaker, duplicate_of), then a summary per type."
    )

    @Argument(help: "The old NDJSON file or output folder.") var old: String
    @Argument(help: "The new NDJSON file or output folder.") var new: String
    @Flag(help: "Print JSON for machines.") var json = false

    func run(in context: ProcessContext) throws {
        let diff: ExtractionDiff
        do {
            diff = ExtractionDiff(old: try Scorer.load(old), new: try Scorer.load(new))
        } catch let error as EvalError {
            writeMessageLine("warta diff: \(error)")
            throw ExitCode(2)
        }
        if json {
            let data = try JSONSerialization.data(
                withJSONObject: diff.json(), options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            try writeReport(Array(data) + [0x0A], command: "diff", descriptors: context.descriptors)
        } else {
            try writeReport(Array((diff.text() + "\n").utf8), command: "diff", descriptors: context.descriptors)
        }
        if !diff.isEmpty { throw ExitCode(1) }
    }
}
