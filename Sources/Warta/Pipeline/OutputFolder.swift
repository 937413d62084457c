import Foundation

/// An output folder while a run writes it: the folder's lock, the run's files (each a hidden temporary
/// until the end) and the commit that puts them all in place.
///
/// The commit writes and syncs every file before the first rename, and checks that no rename can meet a
/// folder in its place: a full disk or a file that cannot be replaced is found while the previous run's
/// files all still stand, so a failed run leaves them as they were. The renames then follow back to
/// back, so that a run killed in between leaves as few files of a different run side by side as it can.
final class OutputFolder {
    let path: String
    private let lock: OutputLock
    /// The run's files in the order they are renamed.
    private var files: [OutputFile] = []

    /// Creates the folder (and its parents) and takes its lock, waiting up to `lockWait` seconds.
    /// Throws `OutputLock.Held`, `OutputLock.Interrupted` (the wait was cancelled) or `OutputError`.
    init(path: String, lockWait: Double, cancellation: CancellationFlag) throws {
        if let problem = Self.make(path) {
            throw OutputError(path: path, reason: "cannot create the output folder: " + problem)
        }
        self.path = path
        lock = OutputLock(directory: path)
        try lock.acquire(wait: lockWait, cancellation: cancellation)
    }

    deinit { lock.release() }

    /// Makes the folder `path` and its parents (as `mkdir -p`, modes from the umask); nil when it stands, else
    /// why not: the first part of the path that is a file, or the error of the first folder that cannot be
    /// made (the reason comes from the attempt itself, so a failed run makes no folder a second time).
    static func make(_ path: String) -> String? {
        guard !path.isEmpty else { return "the path is empty" }
        let absolute = path.hasPrefix("/")
        var prefix = absolute ? "" : "."
        for part in path.split(separator: "/") {
            prefix += "/" + part
            var info = stat()
            if stat(prefix, &info) != 0 {
                if mkdir(prefix, 0o777) == 0 { continue }
                let reason = errno
                // Made by someone else in between: look again.
                guard reason == EEXIST, stat(prefix, &info) == 0 else { return String(cString: strerror(reason)) }
            }
            if (info.st_mode & S_IFMT) != S_IFDIR {
                let shown = absolute ? prefix : String(prefix.dropFirst(2))
                return "\(shown) is a file, not a folder (expected a folder, or a path where one can be made)"
            }
        }
        return nil
    }

    func child(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// Removes the temporaries of `names` that killed runs left (with the lock held, none is in use).
    func removeStaleTemporaries(names: Set<String>) -> [String] {
        OutputFile.removeStaleTemporaries(in: path, names: names)
    }

    /// A new file of the run, written through a temporary: it appears at `name` with `commit`.
    func file(_ name: String) throws -> OutputFile {
        let file = try OutputFile(path: child(name))
        file.holdRename = true
        files.append(file)
        return file
    }

    /// Adds a file made elsewhere (the manifest), to be renamed last by `commit`.
    func adopt(_ file: OutputFile) {
        file.holdRename = true
        files.append(file)
    }

    /// Drops every temporary; the previous run's files stay.
    func discard() { files.forEach { $0.discard() } }

    /// Syncs every file, checks that each can replace what stands at its name, then renames them all
    /// (`beforeRenames` is called just before the first); `obsolete` names are removed after the renames
    /// (files of an earlier run that this run's outputs do not describe). Discards every temporary and
    /// rethrows when a file cannot be synced or replaced.
    func commit(beforeRenames: () -> Void, removing obsolete: [String]) throws {
        do {
            for file in files { try file.commit() }
            for file in files { try file.checkReplaceable() }
        } catch {
            discard()
            throw error
        }
        beforeRenames()
        for file in files { try file.renameIntoPlace() }
        for name in obsolete { unlink(child(name)) }
    }
}
