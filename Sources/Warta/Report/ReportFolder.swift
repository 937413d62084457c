import Foundation

/// The folder a report is written into: first a hidden temporary beside the final folder, renamed into
/// place when every page is written, so a report that fails or is killed leaves the previous one whole.
/// Temporaries that a killed report left (`.NAME.tmp-PID`, `.NAME.old-PID`) are removed first.
final class ReportFolder {
    let final: String
    let temporary: String
    private let old: String

    /// `stop`: its watchdog names the temporary before it is created (a forced stop removes it).
    init(_ path: String, stop: ReportStop? = nil) throws {
        final = path
        let parent = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let pid = getpid()
        temporary = ((parent.isEmpty ? "." : parent) as NSString).appendingPathComponent(".\(name).tmp-\(pid)")
        old = ((parent.isEmpty ? "." : parent) as NSString).appendingPathComponent(".\(name).old-\(pid)")
        let fm = FileManager.default
        try Self.refuseNonReport(path)
        for entry in (try? fm.contentsOfDirectory(atPath: parent.isEmpty ? "." : parent)) ?? []
        where Self.isStale(entry, of: name) {
            try? fm.removeItem(atPath: ((parent.isEmpty ? "." : parent) as NSString).appendingPathComponent(entry))
        }
        // mkdir(2), for errors that say why (Foundation's said "the file doesn't exist" for a denied parent).
        try? fm.createDirectory(atPath: parent.isEmpty ? "." : parent, withIntermediateDirectories: true)
        let temporary = temporary
        let create = { try Self.createTemporary(temporary, pages: Self.pagesFolder, for: path) }
        if let stop { try stop.createTemporary(temporary, create) } else { try create() }
    }

    /// Whether `entry` is a temporary a killed report into `name` left: `.NAME.tmp-PID`, `.NAME.old-PID` or
    /// `.NAME.tmp-PID.stopped` (the watchdog's), PID digits. Any other name is the user's (`.report.tmp-notes`
    /// was removed as a prefix match).
    static func isStale(_ entry: String, of name: String) -> Bool {
        for prefix in [".\(name).tmp-", ".\(name).old-"] where entry.hasPrefix(prefix) {
            var pid = entry.dropFirst(prefix.count)
            if prefix.hasSuffix(".tmp-") && pid.hasSuffix(".stopped") { pid = pid.dropLast(".stopped".count) }
            if !pid.isEmpty && pid.allSatisfy({ $0.isASCII && $0.isNumber }) { return true }
        }
        return false
    }

    /// Creates the temporary folder and its `pages` sub-folder; when the sub-folder cannot be made, the
    /// temporary is removed again before the error (for the report `path`) is thrown.
    static func createTemporary(_ temporary: String, pages: String, for path: String) throws {
        func failure(_ folder: String) -> ReportError {
            .unwritable(path: path, reason: "cannot create \(folder): " + String(cString: strerror(errno)))
        }
        guard mkdir(temporary, 0o755) == 0 else { throw failure(temporary) }
        let pagesPath = (temporary as NSString).appendingPathComponent(pages)
        guard mkdir(pagesPath, 0o755) == 0 else {
            let error = failure(pagesPath)
            rmdir(temporary)
            throw error
        }
    }

    /// The previous report is replaced whole: a folder that is not one (an output folder given as
    /// `--to`, a home folder) must not be, so it is refused unless empty or holding the stylesheet.
    /// Checked first by the commands, before the records are read.
    static func refuseNonReport(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue,
            let entries = try? FileManager.default.contentsOfDirectory(atPath: path), !entries.isEmpty,
            !entries.contains(ReportStyle.stylesheetName)
        {
            throw ReportError.unwritable(
                path: path,
                reason:
                    "the folder exists and is not a report (no \(ReportStyle.stylesheetName)); it would be replaced, so choose another folder"
            )
        }
    }

    /// The sub-folder of the document pages.
    static let pagesFolder = "doc"

    /// A file of the report, written whole; `relative` is a path inside the report folder.
    func write(_ relative: String, _ text: String) throws {
        // open/write/close: FileManager.createFile wrote each page atomically, with an fsync per page.
        let path = (temporary as NSString).appendingPathComponent(relative)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw unwritable(relative) }
        defer { close(fd) }
        var text = text
        try text.withUTF8 { bytes in
            var done = 0
            while done < bytes.count {
                let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw unwritable(relative) }
                done += n
            }
        }
    }

    private func unwritable(_ relative: String) -> ReportError {
        .unwritable(
            path: (final as NSString).appendingPathComponent(relative), reason: String(cString: strerror(errno)))
    }

    /// A file written a piece at a time (the list of every document).
    func stream(_ relative: String) throws -> PageStream {
        let path = (temporary as NSString).appendingPathComponent(relative)
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else {
            throw ReportError.unwritable(
                path: (final as NSString).appendingPathComponent(relative), reason: String(cString: strerror(errno)))
        }
        return PageStream(handle: handle, path: (final as NSString).appendingPathComponent(relative))
    }

    /// Puts the finished report in place of the previous one.
    func commit() throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        let exists = fm.fileExists(atPath: final, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue {
            abandon()
            throw ReportError.unwritable(path: final, reason: "a file that is not a folder is in the way")
        }
        if exists && rename(final, old) != 0 {
            let reason = String(cString: strerror(errno))
            abandon()
            throw ReportError.unwritable(path: final, reason: reason)
        }
        guard rename(temporary, final) == 0 else {
            let reason = String(cString: strerror(errno))
            if exists { _ = rename(old, final) }
            abandon()
            throw ReportError.unwritable(path: final, reason: reason)
        }
        if exists { try? fm.removeItem(atPath: old) }
    }

    /// Removes the temporary (after an error).
    func abandon() { try? FileManager.default.removeItem(atPath: temporary) }

    /// The page of document number `index` (from 1), inside the report folder: the number keeps names
    /// unique, the slug of the id makes them readable. Ids may hold `/`, `..`, spaces or anything else:
    /// only ASCII letters, digits, `-`, `_` and `.` (not first) reach the name.
    static func pageName(index: Int, id: String) -> String {
        var slug = ""
        var lastDash = true
        for scalar in id.unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "_", "-":
                slug.unicodeScalars.append(scalar); lastDash = scalar == "-"
            case "." where !slug.isEmpty && !lastDash:
                slug.unicodeScalars.append(scalar); lastDash = false
            default:
                if !lastDash { slug += "-"; lastDash = true }
            }
            if slug.utf8.count >= 60 { break }
        }
        while slug.hasSuffix("-") || slug.hasSuffix(".") { slug.removeLast() }
        let number = String(index)
        let padded = String(repeating: "0", count: max(0, 6 - number.count)) + number
        return "\(pagesFolder)/\(padded)\(slug.isEmpty ? "" : "-" + slug).html"
    }

}

/// A page written a piece at a time.
final class PageStream {
    private let handle: FileHandle
    private let path: String
    private var pending = ""

    init(handle: FileHandle, path: String) { self.handle = handle; self.path = path }

    func write(_ text: String) throws {
        pending += text
        if pending.utf8.count > 1 << 16 { try flush() }
    }

    func flush() throws {
        do { try handle.write(contentsOf: Data(pending.utf8)) } catch {
            throw ReportError.unwritable(path: path, reason: "\(error)")
        }
        pending = ""
    }

    func close() throws {
        try flush()
        try? handle.close()
    }
}
