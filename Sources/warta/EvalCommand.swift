import ArgumentParser
import Foundation
import Warta

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score predictions against gold: entities per type (exact and overlap), acronyms, quotes, speakers, duplicates.",
        discussion: "GOLD and PRED are NDJSON files of warta.doc/1 records, or output folders holding documents.ndjson. Exit 1 with --min-f1 when a type scores below it."
    )

    @Argument(help: "Gold NDJSON file or folder.") var gold: String
    @Argument(help: "Predicted NDJSON file or folder.") var predicted: String
    @Flag(help: "Print JSON instead of a table.") var json = false
    @Option(help: "Exit with status 1 when the exact-span F1 of any scored type present in gold is below this.") var minF1: Double?
    @Option(help: "Comma-separated entity types to score (default: all).") var types: String?

    func run() throws {
        let typeSet = types.map { Set($0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }) }
        let report: Scorer.Report
        do {
            report = Scorer(types: typeSet).score(gold: try Scorer.load(gold), predicted: try Scorer.load(predicted))
        } catch let error as EvalError {
            StandardError.write("warta eval: \(error)\n")
            throw ExitCode(2)
        }
        if json {
            let data = try JSONSerialization.data(withJSONObject: report.json(), options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            try writeReport(Array(data) + [0x0A], command: "eval")
        } else {
            try writeReport(Array((report.table() + "\n").utf8), command: "eval")
        }
        if let minF1 {
            let below = report.exact.filter { $0.value.support > 0 && $0.value.f1 < minF1 }.keys.sorted()
            if !below.isEmpty {
                StandardError.write("warta eval: F1 below \(minF1) for \(below.joined(separator: ", "))\n")
                throw ExitCode(1)
            }
        }
    }
}
