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
    /// True when `next()` may wait for input that has not arrived yet (a live stdin): the runner then
    /// writes each document as soon as it is done instead of in batches.
    var isLiveStream: Bool { get }
}

extension InputSource {
    public var isLiveStream: Bool { false }
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

/// The files found by `InputDiscovery`, held compactly and handed out as `InputItem`s one at a time.
///
/// A list of `InputItem`s costs about 300 bytes a file (an enum of strings, a heap string per path,
/// the set of ids, the sort's copies): 60 MB for 200,000 articles, held for the whole run. Here a file
/// is its path relative to the folder given, as UTF-8 in one shared buffer, and 16 bytes of offsets;
/// its path (the folder's prefix and the relative path) and id (the relative path without `.txt`)
/// are made when a worker claims it.
public final class FileListInputSource: InputSource {
    struct Entry {
        /// Index into `prefixes`: what comes before the relative path in the file's path.
        var prefix: Int32
        var start: UInt32
        var length: UInt32
        /// Where the id's bytes are in `names`: the relative path without `.txt`, or, for a file given
        /// directly, its base name stored after its path.
        var idStart: UInt32
        var idLength: UInt32
    }
    private var prefixes: [String] = []
    private var names: [UInt8] = []
    private var entries: [Entry] = []
    private var index = 0

    init() {}

    public var count: Int { entries.count }

    func addPrefix(_ prefix: String) -> Int32 {
        prefixes.append(prefix)
        return Int32(prefixes.count - 1)
    }

    /// A file at `prefix` + `relative`; its id is `id`, or else `relative` without `.txt`.
    func append(prefix: Int32, relative: String, id: String? = nil) {
        let start = names.count
        names.append(contentsOf: relative.utf8)
        let length = names.count - start
        var idStart = start, idLength = InputDiscovery.hasTextExtension(relative) ? length - 4 : length
        if let id {
            idStart = names.count
            names.append(contentsOf: id.utf8)
            idLength = names.count - idStart
        }
        entries.append(
            Entry(
                prefix: prefix, start: UInt32(start), length: UInt32(length), idStart: UInt32(idStart),
                idLength: UInt32(idLength)))
    }

    func id(_ e: Entry) -> ArraySlice<UInt8> { names[Int(e.idStart)..<(Int(e.idStart) + Int(e.idLength))] }
    func name(_ e: Entry) -> ArraySlice<UInt8> { names[Int(e.start)..<(Int(e.start) + Int(e.length))] }

    /// Sorts the entries from `from` on by id, in the order of Swift's `String` comparison (bytes for
    /// ASCII ids; the strings themselves otherwise, which compare by their canonical form, then bytes).
    /// Equal ids (`x.txt` and `x.TXT`) are ordered by their names' bytes, so which one is kept does not
    /// depend on the order the file system lists them in.
    func sortById(from: Int) {
        entries[from...].sort { a, b in
            let x = id(a), y = id(b)
            if x.elementsEqual(y) { return name(a).lexicographicallyPrecedes(name(b)) }
            if x.allSatisfy({ $0 < 0x80 }) && y.allSatisfy({ $0 < 0x80 }) { return x.lexicographicallyPrecedes(y) }
            let a = String(decoding: x, as: UTF8.self), b = String(decoding: y, as: UTF8.self)
            // One String in two normalization forms: by bytes, so which one `dropEquivalentIds` keeps does
            // not depend on the order the file system lists them in.
            return a == b ? x.lexicographicallyPrecedes(y) : a < b
        }
    }

    /// Keeps only the entries whose id `keep` accepts (in order), from `from` on; the others are
    /// passed to `dropped` with the path they would have had.
    func filter(from: Int, _ keep: (_ id: String, _ path: String) throws -> Bool, dropped: (String) -> Void = { _ in })
        rethrows
    {
        var kept = Array(entries[..<from])
        for (i, e) in entries.enumerated().dropFirst(from) {
            if try keep(String(decoding: id(e), as: UTF8.self), path(i)) { kept.append(e) } else { dropped(path(i)) }
        }
        entries = kept
    }

    /// Within one folder, relative paths are distinct bytes, but two names can still give one id: the
    /// NFC and NFD spellings of `café.txt` (files copied from macOS), or one name with its extension
    /// in two cases (`x.txt`, `x.TXT`: both are inputs). Ids must be unique (the manifest and
    /// `duplicate_of` refer to documents by id), so the second one is dropped and reported with
    /// `dropped(path, reason)`, as a repeat across arguments is. Once sorted by id, such names sit side by side.
    func dropEquivalentIds(from: Int, dropped: (_ path: String, _ reason: String) -> Void) {
        guard entries.count - from > 1 else { return }
        var kept = Array(entries[...from])
        for i in (from + 1)..<entries.count {
            let previous = id(kept[kept.count - 1]), current = id(entries[i])
            let bothASCII = previous.allSatisfy { $0 < 0x80 } && current.allSatisfy { $0 < 0x80 }
            if previous.elementsEqual(current) {
                dropped(path(i), "the same id as another file (its extension in another case)")
            } else if !bothASCII
                && String(decoding: previous, as: UTF8.self) == String(decoding: current, as: UTF8.self)
            {
                dropped(path(i), "the same id as another file (its name in another Unicode normalization form)")
            } else {
                kept.append(entries[i])
            }
        }
        entries = kept
    }

    private func path(_ i: Int) -> String {
        let e = entries[i]
        return prefixes[Int(e.prefix)]
            + String(decoding: names[Int(e.start)..<(Int(e.start) + Int(e.length))], as: UTF8.self)
    }

    /// The file at `i`; an input that fails when its path holds a control character (a tab, a newline,
    /// an escape code in a file or folder name): its id and source would differ between the NDJSON, which
    /// escapes them, and the XML, which cannot hold them, as a stdin id with one is refused.
    func item(_ i: Int) -> InputItem {
        let path = path(i)
        if InputDiscovery.holdsControlCharacters(path) {
            return .invalid(
                source: path,
                problem: "its path holds control characters, which an id or source cannot carry into the XML; rename it"
            )
        }
        return .file(path: path, id: String(decoding: id(entries[i]), as: UTF8.self))
    }

    public var items: [InputItem] { (0..<entries.count).map(item) }

    public func next() -> InputItem? {
        guard index < entries.count else { return nil }
        defer { index += 1 }
        return item(index)
    }
}

public enum InputDiscovery {
    /// The `.txt` files under `paths` (files as given, folders recursively), in a stable order:
    /// sorted by path within each argument, arguments in the order given. Ids are paths relative to the
    /// folder given, without `.txt`; a file given directly has its base name as id. Folders reached
    /// twice through links are entered once, so a link loop ends.
    public static func files(_ paths: [String]) throws -> (
        items: [InputItem], skipped: [(path: String, reason: String)]
    ) {
        let found = try fileList(paths)
        return (found.files.items, found.skipped)
    }

    /// `files(_:)` as a compact input source (what `warta run` uses: its memory does not grow by more
    /// than a few dozen bytes per input file).
    ///
    /// `followLinks` false (`--no-follow`): a symbolic link inside a folder is skipped and reported, never
    /// followed (a link to `/etc/passwd` in a shared input folder was read as an article). The paths given
    /// as arguments are taken as they are.
    public static func fileList(_ paths: [String], followLinks: Bool = true) throws -> (
        files: FileListInputSource, skipped: [(path: String, reason: String)]
    ) {
        let list = FileListInputSource()
        var skipped: [(String, String)] = []
        var ids = ArgumentIds(several: paths.count > 1)
        let noPrefix = list.addPrefix("")
        for path in paths {
            var info = stat()
            guard LongPath.stat(path, &info) == 0 else {
                // stat(2)'s own reason: a symlink loop or a folder without permission is not "no such file".
                throw InputError(
                    path: path, reason: errno != ENOENT ? String(cString: strerror(errno)) : "no such file or folder")
            }
            if (info.st_mode & S_IFMT) != S_IFDIR {
                let id = idFor(URL(fileURLWithPath: path).lastPathComponent)
                if try ids.claim(id, path) {
                    list.append(prefix: noPrefix, relative: path, id: id)
                } else {
                    skipped.append((path, "the same file as an earlier argument's, read once"))
                }
                continue
            }
            let start = list.count
            var visited = Set<FolderIdentity>()
            let prefix = list.addPrefix(path.hasSuffix("/") ? path : path + "/")
            let folder = LongPath.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard folder >= 0 else {
                skipped.append(
                    (URL(fileURLWithPath: path).path, "cannot open the folder: \(String(cString: strerror(errno)))"))
                continue
            }
            walk(
                folder, path, relative: "", prefix: prefix, into: list, skipped: &skipped, visited: &visited,
                followLinks: followLinks)
            list.sortById(from: start)
            list.dropEquivalentIds(from: start) { skipped.append(($0, $1)) }
            if ids.seen != nil {
                try list.filter(
                    from: start, { try ids.claim($0, $1) },
                    dropped: { skipped.append(($0, "the same file as an earlier argument's, read once")) })
            }
        }
        return (list, skipped.map { (path: $0.0, reason: $0.1) })
    }

    /// The ids taken by the arguments of `fileList`. Ids are unique within one folder once
    /// `dropEquivalentIds` has run; only several arguments can repeat one, so only then are they remembered.
    struct ArgumentIds {
        var seen: [String: String]?
        init(several: Bool) { seen = several ? [:] : nil }

        /// True for a new id. An id already taken by an earlier argument: the same file again is read
        /// once (false: skipped and reported); another file would be lost, so the run is refused and
        /// both are named.
        mutating func claim(_ id: String, _ path: String) throws -> Bool {
            guard let earlier = seen?[id] else { seen?[id] = path; return true }
            var a = stat(), b = stat()
            if LongPath.stat(earlier, &a) == 0, LongPath.stat(path, &b) == 0, a.st_dev == b.st_dev, a.st_ino == b.st_ino
            {
                return false
            }
            throw InputError(
                path: path,
                reason:
                    "its id '\(id)' is already the id of \(earlier) (an id is the path relative to the folder given); give one folder that holds both, or rename one"
            )
        }
    }

    /// C0 and C1 control characters, DEL, and U+FFFE and U+FFFF (which XML 1.0 cannot hold either): what an
    /// id (from a file name or a stdin record) must not hold, since the XML would drop it and the NDJSON keep
    /// it (`a\u{FFFE}b` and `ab` were one id in the XML).
    public static func holdsControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains {
            $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0xFFFE || $0.value == 0xFFFF
        }
    }

    static func idFor(_ name: String) -> String {
        hasTextExtension(name) ? String(name.dropLast(4)) : name
    }

    /// `.txt` in any case (`A.TXT` from a Windows share was ignored without a word).
    static func hasTextExtension(_ name: String) -> Bool {
        name.utf8.count > 4 && name.utf8.suffix(4).map { $0 | 0x20 } == Array(".txt".utf8)
    }

    struct FolderIdentity: Hashable { var device: UInt64; var inode: UInt64 }

    /// The names in the folder open as `folder` at `path`, or nil when it cannot be listed or was visited
    /// before (each reported in `skipped`).
    private static func entries(
        of folder: Int32, _ path: String, skipped: inout [(String, String)], visited: inout Set<FolderIdentity>
    ) -> [(name: String, validUTF8: Bool)]? {
        let shownPath = URL(fileURLWithPath: path).path
        // A folder is known by its device and inode, not by its resolved path: resolving a deep path
        // failed, and two deep folders were taken for one (a loop).
        var info = stat()
        guard fstat(folder, &info) == 0 else {
            skipped.append((shownPath, "cannot open the folder: \(String(cString: strerror(errno)))"))
            return nil
        }
        guard visited.insert(FolderIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))).inserted else {
            skipped.append((shownPath, "folder reached again through a link (loop), not entered twice"))
            return nil
        }
        guard let listed = names(in: folder) else {
            skipped.append((shownPath, "cannot list the folder: \(String(cString: strerror(errno)))"))
            return nil
        }
        return listed
    }

    /// How many folders deep below an input argument the walk goes. Each level holds its path, so a tree
    /// thousands of folders deep with long names took memory as the square of its depth (2,000 levels of
    /// 250-byte names: 2 GB; the reviewer's finding); deeper folders are reported and skipped.
    static let maxFolderDepth = 256

    /// A folder being walked: its descriptor, its paths and its entries, sorted, with the next one to look at.
    private struct WalkLevel {
        let folder: Int32
        let path: String
        let relative: String
        let entries: [(name: String, validUTF8: Bool)]
        var next = 0
    }

    /// Walks the folder open as `folder` (the descriptors are closed here), depth first in name order.
    /// Folders are listed and entered through descriptors (fstatat, openat, fdopendir), so a tree deeper
    /// than PATH_MAX is read like any other; paths are built as strings from what the user gave, so
    /// `source` stays relative when the input was. The walk keeps its own stack of folders: it recursed,
    /// and a tree 13,400 folders deep overflowed the thread's stack (SIGSEGV; the breaker's report). A
    /// tree deeper than the open-file limit allows is reported where a folder cannot be opened.
    private static func walk(
        _ folder: Int32, _ path: String, relative: String, prefix: Int32, into found: FileListInputSource,
        skipped: inout [(String, String)], visited: inout Set<FolderIdentity>, followLinks: Bool
    ) {
        var stack: [WalkLevel] = []
        func enter(_ folder: Int32, _ path: String, _ relative: String) {
            guard let listed = entries(of: folder, path, skipped: &skipped, visited: &visited) else {
                close(folder)
                return
            }
            let shown = listed.filter { !$0.name.hasPrefix(".") }.sorted { $0.name < $1.name }
            stack.append(WalkLevel(folder: folder, path: path, relative: relative, entries: shown))
        }
        enter(folder, path, relative)
        while let level = stack.last {
            guard level.next < level.entries.count else {
                close(level.folder)
                stack.removeLast()
                continue
            }
            stack[stack.count - 1].next += 1
            if let child = visit(
                level.entries[level.next], in: level, prefix: prefix, into: found, skipped: &skipped,
                followLinks: followLinks)
            {
                guard stack.count <= maxFolderDepth else {
                    close(child.folder)
                    skipped.append(
                        (child.path, "more than \(maxFolderDepth) folders below the input, not entered"))
                    continue
                }
                enter(child.folder, child.path, child.relative)
            }
        }
    }

    /// One entry of a folder being walked: a text file is added to `found`, a folder is opened and returned
    /// to be entered, anything else is passed over or reported in `skipped`.
    private static func visit(
        _ entry: (name: String, validUTF8: Bool), in level: WalkLevel, prefix: Int32, into found: FileListInputSource,
        skipped: inout [(String, String)], followLinks: Bool
    ) -> (folder: Int32, path: String, relative: String)? {
        let folder = level.folder
        let name = entry.name
        let childPath = level.path.hasSuffix("/") ? level.path + name : level.path + "/" + name
        guard entry.validUTF8 else {
            skipped.append((childPath, "its name is not valid UTF-8, so it cannot be read; rename it"))
            return nil
        }
        let rel = level.relative.isEmpty ? name : level.relative + "/" + name
        var link = stat()
        let isLink = fstatat(folder, name, &link, AT_SYMLINK_NOFOLLOW) == 0 && (link.st_mode & S_IFMT) == S_IFLNK
        if isLink && !followLinks {
            skipped.append((childPath, "a symbolic link, not followed (--no-follow)"))
            return nil
        }
        var info = stat()
        guard fstatat(folder, name, &info, 0) == 0 else {
            let error = errno
            skipped.append(
                (
                    childPath,
                    isLink && error == ENOENT
                        ? "a broken symbolic link" : "cannot be read: \(String(cString: strerror(error)))"
                ))
            return nil
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            let child = openat(folder, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | (followLinks ? 0 : O_NOFOLLOW))
            guard child >= 0 else {
                skipped.append((childPath, "cannot open the folder: \(String(cString: strerror(errno)))"))
                return nil
            }
            return (child, childPath, rel)
        case S_IFREG where hasTextExtension(name):
            found.append(prefix: prefix, relative: rel)
        case _ where hasTextExtension(name):
            // A pipe would block the run on open (nobody writes to it), a device never ends.
            skipped.append((childPath, "not a regular file (a pipe, socket or device), not read"))
        default:
            break
        }
        return nil
    }

    /// The names in the folder open as `folder` (without `.` and `..`), each as a `String` and whether
    /// its bytes are UTF-8; nil with errno set when it cannot be listed.
    static func names(in folder: Int32) -> [(name: String, validUTF8: Bool)]? {
        let copy = dup(folder)
        guard copy >= 0 else { return nil }
        guard let stream = fdopendir(copy) else {
            let error = errno
            close(copy)
            errno = error
            return nil
        }
        defer { closedir(stream) }
        rewinddir(stream)
        var names: [(String, Bool)] = []
        while true {
            errno = 0
            guard let entry = readdir(stream) else {
                if errno != 0 { return nil }
                break
            }
            // The name read in place up to its NUL: `entry.pointee.d_name` copies all 256 bytes of the
            // field, past the end of a short last entry (AddressSanitizer: heap-buffer-overflow).
            let name = UnsafeRawPointer(entry).advanced(by: MemoryLayout<dirent>.offset(of: \dirent.d_name)!)
                .assumingMemoryBound(to: UInt8.self)
            let bytes = Array(
                UnsafeBufferPointer(
                    start: name, count: strlen(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self))))
            if bytes == [0x2E] || bytes == [0x2E, 0x2E] { continue }
            if let name = String(validating: bytes, as: UTF8.self) {
                names.append((name, true))
            } else {
                names.append((String(decoding: bytes, as: UTF8.self), false))
            }
        }
        return names
    }
}

public struct InputError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}
