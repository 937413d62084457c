import ArgumentParser
import Foundation
import Warta

/// Writes a command's whole report (`eval`, `diff`, the lines of a `dedup` step) to standard output through `OutputFile`, so that a
/// write that fails (standard output closed or full) is an error the user sees, exit 2, and not a report
/// silently lost: `print` and `FileHandle.write` dropped it and the command exited as if it had been
/// written. A reader that stops early (`| head`) ends the writing quietly, as it does for `warta run`.
/// `descriptors`: what `main` found closed at start.
func writeReport(_ bytes: [UInt8], command: String, descriptors: StandardDescriptors) throws {
    let output = OutputFile(standardOutput: (), wasClosed: descriptors.stdoutWasClosed)
    do {
        try output.write(bytes)
        try output.flush()
    } catch is BrokenPipe {
        return
    } catch let error as OutputError {
        writeMessageLine("warta \(command): \(error)")
        throw ExitCode(2)
    }
}
