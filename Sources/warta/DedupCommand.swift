import ArgumentParser
import Foundation
import Warta

/// The steps of quote deduplication on a cluster; `scale/spark_run.py` drives them (README, "Scaling out").
struct DedupCommand: WartaSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "dedup",
        abstract: "Steps of corpus-wide quote deduplication on a cluster: JSON lines on stdin, JSON lines on stdout.",
        discussion: """
            options: the pipeline's dedup options as JSON. candidates: per querying quote {"q","role","postings"} \
            -> candidate pairs {"q","c","kind"}. verify: per pair {"q","c","kind","words","cwords","cdoc"} -> \
            verified edges {"q","c","kind","similarity","cdoc"}. resolve: every exact and verified edge -> per \
            duplicate quote {"line","quote","patch"}, in global order. Quote keys come from `warta run --emit \
            quote-keys`. Same rules as the dedup stage of `warta run`, so the result is the single-machine one.
            """
    )

    enum Step: String, ExpressibleByArgument, CaseIterable { case options, candidates, verify, resolve }

    @Argument(help: "options, candidates, verify or resolve.") var step: Step
    @Option(help: "Pipeline file whose dedup options are used (default as for `warta run`).") var pipeline: String?

    func run(in context: ProcessContext) throws {
        let lines: [UInt8]
        do {
            let rules = try DedupRules.load(
                pipeline: URL(fileURLWithPath: PipelineLocation.resolve(explicit: pipeline)))
            // The input is one partition (candidates, verify) or every edge (resolve): read it whole.
            let input = step == .options ? [] : try FileBytes.readToEnd(descriptor: STDIN_FILENO, path: "<stdin>")
            switch step {
            case .options: lines = DedupSteps.options(rules)
            case .candidates: lines = try DedupSteps.candidates(rules, input: input)
            case .verify: lines = try DedupSteps.verify(rules, input: input)
            case .resolve: lines = try DedupSteps.resolve(input: input)
            }
        } catch let error as ConfigError {
            writeMessageLine("warta dedup: \(error)")
            throw ExitCode(2)
        } catch let error as InputError {
            throw inputFailure("cannot read \(error)")
        } catch let error as DedupInputError {
            throw inputFailure("\(error)")
        }
        // An output error (closed or full standard output) is exit 2, as for `warta run`.
        try writeReport(lines, command: "dedup \(step.rawValue)", descriptors: context.descriptors)
    }

    /// Exit 1, after saying which input was not what the step expects.
    private func inputFailure(_ message: String) -> ArgumentParser.ExitCode {
        writeMessageLine("warta dedup \(step.rawValue): \(message)")
        return ExitCode(1)
    }
}
