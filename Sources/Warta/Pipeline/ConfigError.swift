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

    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}
