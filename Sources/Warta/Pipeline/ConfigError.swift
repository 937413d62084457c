import Foundation

/// A problem in a pipeline, rule, list or gazetteer file, located so a user can fix it.
public struct ConfigError: Error, CustomStringConvertible, Equatable {
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    public var message: String

    public init(file: String, line: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// The most characters of one line of the message that are printed: YAML errors quote the offending
    /// line, and a file of one 5 MB line put 10 MB on stderr.
    public static let maxLineLength = 240
    /// The most lines of the message that are printed (a message that quotes a file is cut after them).
    public static let maxLines = 12

    /// Runs `read` on a file that a configuration line named (a list or a gazetteer named in a rules file
    /// or a stage option): a problem inside that file keeps its own file and line and says, after it,
    /// which line named the file (`lists/x.txt:3: … (the file named at rules/entities.yaml:8)`), so that
    /// a list shared by several rules files tells which of them was being read.
    public static func naming<T>(_ url: URL, at file: String, line: Int?, _ read: () throws -> T) throws -> T {
        do {
            return try read()
        } catch var error as ConfigError where error.file == url.path {
            error.message += " (the file named at \(file)\(line.map { ":\($0)" } ?? ""))"
            throw error
        }
    }

    public var description: String {
        let lines = message.split(separator: "\n", omittingEmptySubsequences: false)
        var shown = lines.prefix(Self.maxLines).map { line in
            line.count <= Self.maxLineLength
                ? String(line) : "\(line.prefix(Self.maxLineLength))… (\(line.count) characters)"
        }.joined(separator: "\n")
        if lines.count > Self.maxLines { shown += "\n… (\(lines.count - Self.maxLines) more lines)" }
        if let line { return "\(file):\(line): \(shown)" }
        return "\(file): \(shown)"
    }
}
