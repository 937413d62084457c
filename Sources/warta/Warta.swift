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
        subcommands: [RunCommand.self, EvalCommand.self, DiffCommand.self, DedupCommand.self]
    )

    static func main() {
        StandardDescriptors.openClosedOnes()
        main(nil)
    }
}
