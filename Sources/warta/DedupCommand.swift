import ArgumentParser
import Foundation
import Warta

/// The steps of quote deduplication on a cluster; `scale/spark_run.py` drives them (README, "Scaling out").
struct DedupCommand: ParsableCommand {
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
    @Option(help: "Pipeline file whose dedup options are used.") var pipeline: String = "pipelines/default.yaml"

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        let output = OutputFile(standardOutput: ())
        do {
            let rules = try DedupRules.load(pipeline: URL(fileURLWithPath: pipeline))
            // The input is one partition (candidates, verify) or every edge (resolve): read it whole.
            let input = step == .options ? [] : try FileBytes.readToEnd(descriptor: STDIN_FILENO, path: "<stdin>")
            switch step {
            case .options: try output.write(DedupSteps.options(rules))
            case .candidates: try output.write(DedupSteps.candidates(rules, input: input))
            case .verify: try output.write(DedupSteps.verify(rules, input: input))
            case .resolve: try output.write(DedupSteps.resolve(input: input))
            }
            try output.flush()
        } catch is BrokenPipe {
            return
        } catch let error as ConfigError {
            FileHandle.standardError.write(Data("warta dedup: \(error)\n".utf8))
            throw ExitCode(2)
        } catch let error as DedupInputError {
            FileHandle.standardError.write(Data("warta dedup \(step.rawValue): \(error)\n".utf8))
            throw ExitCode(1)
        } catch let error as InputError {
            FileHandle.standardError.write(Data("warta dedup \(step.rawValue): cannot read \(error)\n".utf8))
            throw ExitCode(1)
        } catch let error as OutputError {
            // As `warta run`: an output error is exit 2 (it was 1, through the argument parser's handler).
            FileHandle.standardError.write(Data("warta dedup \(step.rawValue): \(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}
