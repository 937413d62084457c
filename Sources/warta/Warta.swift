import ArgumentParser
import Foundation
import Logging
import Warta

@main
struct WartaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "warta",
        abstract: "Extract entities, acronyms and quotes from Indonesian news articles into NDJSON and XML.",
        version: WartaInfo.version,
        subcommands: [RunCommand.self, EvalCommand.self, DiffCommand.self, DedupCommand.self, ReportCommand.self]
    )

    /// ArgumentParser's `main`, with what the process found at start handed to the commands
    /// (`ProcessContext`) instead of kept in globals.
    static func main() {
        let context = ProcessContext(descriptors: StandardDescriptors.openClosedOnes())
        // The one place SIGPIPE is ignored: a reader gone from stdout or stderr is a write error each
        // command handles (stdout: it stops quietly; stderr: the message is dropped), not a signal that
        // kills the run between renames.
        signal(SIGPIPE, SIG_IGN)
        // `context` lives until `exit`, and with it what a command asked to keep (`keepUntilExit`).
        withExtendedLifetime(context) {
            if let problem = ArgumentEncoding.problem(ArgumentEncoding.processArguments()) {
                writeMessageLine("Error: \(problem)")
                exit(withError: ExitCode(64))
            }
            do {
                var command = try parseAsRoot()
                if let command = command as? any WartaSubcommand {
                    try command.run(in: context)
                } else {
                    try command.run()
                }
            } catch {
                exit(withError: error)
            }
            exit()
        }
    }
}

/// What `main` hands a command: the standard descriptors closed at start, and a place for objects that
/// must not be freed before the process exits.
final class ProcessContext {
    let descriptors: StandardDescriptors
    private var kept: [Any] = []

    init(descriptors: StandardDescriptors = StandardDescriptors()) { self.descriptors = descriptors }

    /// Keeps `object` until the process exits: freeing a run's pipeline (hundreds of thousands of compiled
    /// rules and trie nodes, one by one) costs about a twentieth of start-up, for memory the exit gives
    /// back anyway (see `BatchRun.Outcome`).
    func keepUntilExit(_ object: Any) { kept.append(object) }
}

/// A command that takes the `ProcessContext` (the ones that read stdin or write stdout).
protocol WartaSubcommand: ParsableCommand {
    func run(in context: ProcessContext) throws
}

extension WartaSubcommand {
    /// Called only when the command is run outside `WartaCommand.main` (nothing was closed at start).
    func run() throws { try run(in: ProcessContext()) }
}
