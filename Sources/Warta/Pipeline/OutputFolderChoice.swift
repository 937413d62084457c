import Foundation

/// Output folders a run could write but a user does not mean: the root folder, the user's home folder,
/// and a folder that is one of the run's input folders or holds one. A run writes its files into the
/// folder, removes files of earlier runs there and, with `--report`, replaces `report/` whole, so each of
/// these is refused before anything is read or written (`warta run` exits 64, like any usage error).
///
/// Paths are compared as the kernel will meet them: made absolute, symbolic links resolved in the part
/// that exists, `.` and `..` taken away in the part that does not exist yet.
public enum OutputFolderChoice {
    /// Why `out` is not an output folder, or nil when it may be one. `inputs` are the run's input
    /// arguments (files are not checked, nor inputs that do not exist: the run reports those); `homes`
    /// the home folders to refuse (`processHomes()`); relative paths are read from `directory`.
    public static func problem(
        out: String, inputs: [String], homes: [String],
        directory: String = FileManager.default.currentDirectoryPath
    ) -> String? {
        let target = resolved(out, from: directory)
        let named = target == out ? out : "\(out) (\(target))"
        let expected = "expected a folder of the run's own, such as /var/lib/warta or ~/warta-output"
        if target == "/" {
            return "--out \(named): the root folder is not an output folder; \(expected)"
        }
        if homes.contains(where: { resolved($0, from: directory) == target }) {
            return "--out \(named): this is the home folder; \(expected)"
        }
        for input in inputs where isFolder(input, from: directory) {
            let folder = resolved(input, from: directory)
            if folder == target {
                return "--out \(named): this is the input folder \(input); expected a folder outside the inputs"
            }
            if folder.hasPrefix(target + "/") {
                return "--out \(named): it holds the input folder \(input); expected a folder outside the inputs"
            }
        }
        return nil
    }

    /// The home folders of this process: `$HOME` and the password entry's, when absolute.
    public static func processHomes() -> [String] {
        var homes: [String] = []
        if let home = ProcessInfo.processInfo.environment["HOME"], home.hasPrefix("/") { homes.append(home) }
        if let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir {
            let home = String(cString: dir)
            if home.hasPrefix("/") { homes.append(home) }
        }
        return homes
    }

    /// `path` made absolute from `directory`, with the links of its longest existing prefix resolved
    /// (`realpath`) and the components past it applied by name (none of them exists, so none is a link).
    static func resolved(_ path: String, from directory: String) -> String {
        let absolute = path.hasPrefix("/") ? path : directory + "/" + path
        var existing = absolute.split(separator: "/").map(String.init)
        var rest: [String] = []
        while true {
            if let real = realpath("/" + existing.joined(separator: "/"), nil) {
                var parts = String(cString: real).split(separator: "/").map(String.init)
                free(real)
                for part in rest {
                    switch part {
                    case ".": continue
                    case "..": _ = parts.popLast()
                    default: parts.append(part)
                    }
                }
                return "/" + parts.joined(separator: "/")
            }
            // `/` resolves, so the loop ends with `existing` empty at the latest.
            guard let last = existing.popLast() else { return absolute }
            rest.insert(last, at: 0)
        }
    }

    /// Whether `path` (read from `directory`) is a folder, following links.
    private static func isFolder(_ path: String, from directory: String) -> Bool {
        var info = stat()
        let absolute = path.hasPrefix("/") ? path : directory + "/" + path
        return stat(absolute, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}
