import Foundation

/// One document to process: a file, or a record that arrived on stdin.
public enum InputItem: Sendable {
    case file(path: String, id: String)
    case inline(id: String, source: String, raw: [UInt8], metadata: DocumentMetadata)
    /// An input that could not even be read as a record (a malformed stdin line): reported, not processed.
    case invalid(source: String, problem: String)

    public var source: String {
        switch self {
        case .file(let path, _): return path
        case .inline(_, let source, _, _): return source
        case .invalid(let source, _): return source
        }
    }
}

/// Hands out inputs one at a time; the runner calls `next()` from one thread at a time.
public protocol InputSource: AnyObject {
    func next() -> InputItem?
}

/// A fixed list of inputs.
public final class ListInputSource: InputSource {
    private var items: [InputItem]
    private var index = 0
    public init(_ items: [InputItem]) { self.items = items }
    public func next() -> InputItem? {
        guard index < items.count else { return nil }
        defer { index += 1 }
        return items[index]
    }
}

public enum InputDiscovery {
    /// The `.txt` files under `paths` (files as given, folders recursively), in a stable order:
    /// sorted by path within each argument, arguments in the order given. Ids are paths relative to the
    /// folder given, without `.txt`; a file given directly has its base name as id. Folders reached
    /// twice through links are entered once, so a link loop ends.
    public static func files(_ paths: [String]) throws -> (items: [InputItem], skipped: [(path: String, reason: String)]) {
        var items: [InputItem] = []
        var skipped: [(String, String)] = []
        var seenIds = Set<String>()
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw InputError(path: path, reason: "no such file or folder")
            }
            if !isDirectory.boolValue {
                let id = idFor(URL(fileURLWithPath: path).lastPathComponent)
                if seenIds.insert(id).inserted { items.append(.file(path: path, id: id)) }
                continue
            }
            var found: [(String, String)] = []
            var visited = Set<String>()
            walk(path, relative: "", root: path, into: &found, skipped: &skipped, visited: &visited)
            for (file, id) in found.sorted(by: { $0.1 < $1.1 }) where seenIds.insert(id).inserted {
                items.append(.file(path: file, id: id))
            }
        }
        return (items, skipped.map { (path: $0.0, reason: $0.1) })
    }

    static func idFor(_ name: String) -> String {
        name.hasSuffix(".txt") ? String(name.dropLast(4)) : name
    }

    /// Paths are built as strings from what the user gave, so `source` stays relative when the input was.
    private static func walk(_ path: String, relative: String, root: String, into found: inout [(String, String)],
                             skipped: inout [(String, String)], visited: inout Set<String>) {
        let url = URL(fileURLWithPath: path)
        let real = url.resolvingSymlinksInPath().path
        guard visited.insert(real).inserted else {
            skipped.append((url.path, "folder reached again through a link (loop), not entered twice"))
            return
        }
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: url.path) else {
            skipped.append((url.path, "cannot list the folder"))
            return
        }
        for name in names.sorted() where !name.hasPrefix(".") {
            let childPath = path.hasSuffix("/") ? path + name : path + "/" + name
            let child = URL(fileURLWithPath: childPath)
            let rel = relative.isEmpty ? name : relative + "/" + name
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: child.path, isDirectory: &isDirectory) else {
                skipped.append((childPath, "broken link or unreadable entry"))
                continue
            }
            if isDirectory.boolValue {
                walk(childPath, relative: rel, root: root, into: &found, skipped: &skipped, visited: &visited)
            } else if name.hasSuffix(".txt") {
                // A pipe would block the run on open (nobody writes to it), a device never ends.
                var info = stat()
                guard stat(childPath, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
                    skipped.append((childPath, "not a regular file (a pipe, socket or device), not read"))
                    continue
                }
                found.append((childPath, idFor(rel)))
            }
        }
    }
}

public struct InputError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}
