import Foundation

/// An exclusive lock on an output folder (`.warta.lock`, flock), so two runs never write it at once.
/// The kernel releases it when the process ends, however it ends, so a killed run leaves no stale lock.
public final class OutputLock {
    public let path: String
    private var descriptor: Int32 = -1

    public struct Held: Error, CustomStringConvertible {
        public var path: String
        /// The holder's pid as the lock file names it (digits only), or empty when it names none.
        public var holder: String
        public var description: String {
            "another warta run holds the lock \(path)"
                + (holder.isEmpty ? " (the lock file names no valid pid)" : " (pid \(holder))")
        }

        /// The pid a lock file names: its first line when that is a whole number (what a run writes), else
        /// empty. A file holding anything else (a sparse file of NULs after a line) showed it in the message.
        static func holder(in bytes: some Collection<UInt8>) -> String {
            let isBlank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
            let line = bytes.prefix { $0 != 0x0A }.drop(while: isBlank).reversed().drop(while: isBlank).reversed()
            guard (1...10).contains(line.count), line.allSatisfy({ (0x30...0x39).contains($0) }) else { return "" }
            return String(decoding: line, as: UTF8.self)
        }
    }

    public init(directory: String) { path = (directory as NSString).appendingPathComponent(".warta.lock") }

    /// The wait for the lock was stopped by `cancellation` (SIGINT or SIGTERM); nothing was written.
    public struct Interrupted: Error {}

    /// Takes the lock, waiting up to `wait` seconds (0: fail at once) while another run holds it;
    /// `Interrupted` when `cancellation` is set meanwhile.
    ///
    /// The lock file is opened with O_NOFOLLOW and O_NONBLOCK and must be a regular file with one link:
    /// a symlink, hard link, FIFO or device planted there by anyone who can write the output folder is
    /// refused, so a run (from a root cron job, say) never truncates or writes another file.
    public func acquire(wait: Double, cancellation: CancellationFlag? = nil) throws {
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o644)
        guard descriptor >= 0 else {
            let error = errno
            throw OutputError(
                path: path,
                reason: error == ELOOP
                    ? "the lock is a symbolic link; remove it (warta never follows a link there)"
                    : String(cString: strerror(error)))
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_nlink == 1 else {
            let reason =
                (info.st_mode & S_IFMT) != S_IFREG
                ? "the lock is not a regular file; remove it"
                : "the lock file has other hard links; remove it (warta would write into them)"
            close(descriptor)
            descriptor = -1
            throw OutputError(path: path, reason: reason)
        }
        let deadline = Date().addingTimeInterval(wait)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            // The signal handlers only set the flag: without this check a signalled run would sit out
            // the whole `--wait` before exiting.
            if cancellation?.isSet == true {
                close(descriptor)
                descriptor = -1
                throw Interrupted()
            }
            if Date() >= deadline {
                // Read through the descriptor checked above, a few bytes at most: not the path again.
                var head = [UInt8](repeating: 0, count: 32)
                let n = head.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, $0.count, 0) }
                let holder = Held.holder(in: head.prefix(max(n, 0)))
                close(descriptor)
                descriptor = -1
                throw Held(path: path, holder: holder)
            }
            usleep(50_000)
        }
        ftruncate(descriptor, 0)
        let pid = "\(getpid())\n"
        _ = pid.withCString { Foundation.write(descriptor, $0, strlen($0)) }
    }

    public func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
