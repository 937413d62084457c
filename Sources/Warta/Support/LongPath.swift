import CWartaIO
import Foundation

/// System calls on paths longer than PATH_MAX (4,096 bytes), which open(2) and stat(2) refuse with
/// ENAMETOOLONG: a file 100 folders deep in an input tree was reported and not read.
///
/// A path short enough is passed to the call as it is. A longer one is walked a folder at a time with
/// openat(2) (each name is at most NAME_MAX), and the call is made on its last name relative to the
/// folder that holds it. Folders on the way are opened with O_PATH, which needs the same search
/// permission as the kernel's own walk, and links on the way are followed as the kernel follows them.
public enum LongPath {
    /// Calls `body` with a folder descriptor and a name that together reach `path`: `AT_FDCWD` and the
    /// path itself when it is shorter than PATH_MAX, else the folder holding the last name, opened one
    /// folder at a time (and closed after `body`). -1 with errno set when a folder on the way cannot be
    /// opened.
    public static func at(_ path: String, _ body: (_ folder: Int32, _ name: String) -> Int32) -> Int32 {
        if path.utf8.count < Int(PATH_MAX) { return body(AT_FDCWD, path) }
        var names = path.split(separator: "/", omittingEmptySubsequences: true)
        guard let last = names.popLast() else { return body(AT_FDCWD, path) }
        var folder = AT_FDCWD
        if path.hasPrefix("/") {
            folder = Glibc.open("/", cwarta_o_path() | O_DIRECTORY | O_CLOEXEC)
            guard folder >= 0 else { return -1 }
        }
        for name in names {
            let next = openat(folder, String(name), cwarta_o_path() | O_DIRECTORY | O_CLOEXEC)
            let error = errno
            if folder != AT_FDCWD { close(folder) }
            guard next >= 0 else { errno = error; return -1 }
            folder = next
        }
        let result = body(folder, String(last))
        let error = errno
        if folder != AT_FDCWD { close(folder) }
        errno = error
        return result
    }

    /// open(2) of `path`, of any length.
    public static func open(_ path: String, _ flags: Int32) -> Int32 {
        at(path) { openat($0, $1, flags) }
    }

    /// stat(2) of `path` (lstat(2) when `followLinks` is false), of any length; 0 or -1 with errno.
    public static func stat(_ path: String, _ info: inout Glibc.stat, followLinks: Bool = true) -> Int32 {
        var result = Glibc.stat()
        let rc = at(path) { fstatat($0, $1, &result, followLinks ? 0 : AT_SYMLINK_NOFOLLOW) }
        let error = errno
        info = result
        errno = error
        return rc
    }
}
