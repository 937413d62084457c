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

    static func main() {
        StandardDescriptors.openClosedOnes()
        // A reader gone from stdout or stderr is a write error each command handles (stdout: it stops
        // quietly; stderr: the message is dropped), not a signal that kills the run between renames.
        signal(SIGPIPE, SIG_IGN)
        main(nil)
    }
}
