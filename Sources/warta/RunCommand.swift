import ArgumentParser
import Foundation
import Logging
import Warta

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a pipeline over articles.",
        discussion: """
        Exit codes: 0 all inputs processed; 1 some inputs failed (listed in run.json and on stderr, the \
        others written); 2 usage or configuration error (nothing written); 3 the output folder is locked.
        """
    )

    @Argument(help: "Input .txt files or folders (searched recursively for *.txt).")
    var inputs: [String] = ["seeds"]

    @Option(help: "Pipeline file.")
    var pipeline: String = "pipelines/default.yaml"

    @Option(help: "Output folder, or - for NDJSON on stdout.")
    var out: String = "output"

    @Option(help: "Documents processed in parallel (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Include tokens in the records.")
    var tokens = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let logger = Logger(label: "warta")
        let options = BatchRunOptions(inputs: inputs, pipeline: URL(fileURLWithPath: pipeline),
                                      outDirectory: out == "-" ? nil : out, jobs: jobs,
                                      record: RecordOptions(tokens: tokens))
        signal(SIGPIPE, SIG_IGN)
        do {
            let outcome = try BatchRun(options: options, logger: logger).execute()
            let s = outcome.summary
            FileHandle.standardError.write(Data(String(
                format: "warta: %d documents, %d failed, %.1f MB in %.2f s (%@)\n",
                s.documents, s.failed.count, Double(s.bytes) / 1e6, outcome.seconds,
                out == "-" ? "stdout" : out).utf8))
            if outcome.exitCode != .success { throw ExitCode(outcome.exitCode.rawValue) }
        } catch is BrokenPipe {
            return
        } catch let error as ConfigError {
            logger.error("\(error)")
            throw ExitCode(Warta.ExitCode.configuration.rawValue)
        } catch let error as InputError {
            logger.error("\(error)")
            throw ExitCode(Warta.ExitCode.configuration.rawValue)
        }
    }
}
