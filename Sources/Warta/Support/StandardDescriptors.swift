import Foundation

/// Standard input, output and error, made sure to be open before anything else is.
///
/// A program started with one of them closed (`warta run ... 2>&-`, some cron and init setups) gets
/// that descriptor back from its next open(2): the output folder's lock or an output file would then
/// become "stderr", and the log would be written into it (a run with `2>&-` wrote its summary line into
/// a file and then trapped on a write error). /dev/null takes each closed one first.
///
/// `main` calls `openClosedOnes()` first and passes what it found to the commands (`BatchRunOptions`,
/// `OutputFile(standardOutput:wasClosed:)`, `StdinInputSource`): a value handed down, not a global.
public struct StandardDescriptors: Sendable {
    /// The ones that were closed when the process started. A closed stdout is not a place to write
    /// records to: `OutputFile` refuses it rather than pour them into /dev/null and exit 0 (as `cat >&-`
    /// fails); a closed stdin is not an empty input.
    public let closedAtStart: Set<Int32>

    /// None closed: what a library caller or a test has.
    public init(closedAtStart: Set<Int32> = []) { self.closedAtStart = closedAtStart }

    public var stdinWasClosed: Bool { closedAtStart.contains(STDIN_FILENO) }
    public var stdoutWasClosed: Bool { closedAtStart.contains(STDOUT_FILENO) }

    /// Opens /dev/null on each closed one; call it before anything else opens a file.
    public static func openClosedOnes() -> StandardDescriptors {
        var closed: Set<Int32> = []
        for fd: Int32 in 0...2 where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            closed.insert(fd)
            let opened = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY)
            // open(2) returns the lowest free descriptor, which is `fd` once the lower ones are open.
            if opened >= 0 && opened != fd {
                dup2(opened, fd)
                close(opened)
            }
        }
        return StandardDescriptors(closedAtStart: closed)
    }
}

/// Messages on standard error that never stop the program. `FileHandle.standardError.write` traps when
/// the write fails (stderr on a full disk, `2>/dev/full`, a pipe whose reader is gone: exit 132 in the
/// middle of a run, with outputs half renamed). A message that cannot be written is dropped: there is
/// nowhere left to report it, and the exit status still tells.
public enum StandardError {
    public static func write(_ text: String) { write(Array(text.utf8)) }

    public static func write(_ bytes: [UInt8]) {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress! + done, $0.count - done) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return }
            done += n
        }
    }
}
