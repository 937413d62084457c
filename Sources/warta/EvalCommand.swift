import ArgumentParser
import Foundation
import Warta

struct EvalCommand: WartaSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract:
            "Score predictions against gold: entities per type (exact and overlap), acronyms, quotes, speakers, duplicates.",
        discussion:
            "GOLD and PRED are NDJSON files of warta.doc/1 records, or output folders holding documents.ndjson, paired by id. A gold document with no prediction scores as predicting nothing; exit 2 when no document is in both. Exit 1 with --min-f1 when a type scores below it."
    )

    @Argument(help: "Gold NDJSON file or folder.") var gold: String
    @Argument(help: "Predicted NDJSON file or folder.") var predicted: String
    @Flag(help: "Print JSON instead of a table.") var json = false
    @Option(help: "Exit with status 1 when the exact-span F1 of any scored type present in gold is below this.")
    var minF1: Double?
    @Option(
        help:
            "Comma-separated entity types to score, any case (default: all): \(EntityType.allCases.map(\.rawValue).joined(separator: ", "))."
    ) var types: String?

    /// The types to score, upper-cased; nil for all.
    var typeSet: Set<String>? {
        types.map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }) }
    }

    // A misspelt type or threshold scored nothing and passed the --min-f1 gate: a usage error instead.
    func validate() throws {
        if let typeSet {
            let valid = Set(EntityType.allCases.map(\.rawValue))
            let unknown = typeSet.subtracting(valid).sorted()
            if typeSet.isEmpty {
                throw ValidationError(
                    "--types names no type (valid: \(EntityType.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            if !unknown.isEmpty {
                throw ValidationError(
                    "unknown entity type\(unknown.count == 1 ? "" : "s") in --types: \(unknown.map { "'\($0)'" }.joined(separator: ", ")) (valid: \(EntityType.allCases.map(\.rawValue).joined(separator: ", ")))"
                )
            }
        }
        if let minF1, !(0...1).contains(minF1) {
            throw ValidationError("--min-f1 must be a number from 0 to 1, not \(minF1)")
        }
    }

    func run(in context: ProcessContext) throws {
        let report: Scorer.Report
        do {
            report = try Scorer(types: typeSet).score(
                gold: try Scorer.load(gold), predicted: try Scorer.load(predicted))
        } catch let error as EvalError {
            writeMessageLine("warta eval: \(error)")
            throw ExitCode(2)
        }
        // Scoring gold against predictions for other documents (or none) would give every gold item as
        // a miss: a figure about the wrong files, so it is refused rather than printed.
        if report.documents == 0 {
            writeMessageLine(
                "warta eval: no document of \(predicted) is in \(gold) (\(report.missingDocuments.count) gold, \(report.extraDocuments.count) predicted); nothing to compare"
            )
            throw ExitCode(2)
        }
        if json {
            let data = try JSONSerialization.data(
                withJSONObject: report.json(), options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            try writeReport(Array(data) + [0x0A], command: "eval", descriptors: context.descriptors)
        } else {
            try writeReport(Array((report.table() + "\n").utf8), command: "eval", descriptors: context.descriptors)
        }
        if let minF1 {
            let below = report.exact.filter { $0.value.support > 0 && $0.value.f1 < minF1 }.keys.sorted()
            if !below.isEmpty {
                writeMessageLine("warta eval: F1 below \(minF1) for \(below.joined(separator: ", "))")
                throw ExitCode(1)
            }
        }
    }
}
