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

    public var description: String {
        let shown = message.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.count <= Self.maxLineLength
                ? String(line) : "\(line.prefix(Self.maxLineLength))… (\(line.count) characters)"
        }.joined(separator: "\n")
        if let line { return "\(file):\(line): \(shown)" }
        return "\(file): \(shown)"
    }
}
