import Foundation

/// Reads the plain-text lists of `pipelines/lists/`: one entry per line, `#` comments, blank lines ignored.
public enum ListFile {
    /// The entries with their 1-based line numbers.
    public static func entries(_ url: URL) throws -> [(text: String, line: Int)] {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ConfigError(file: url.path, "cannot read the file")
        }
        guard let content = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: url.path, "not UTF-8 text")
        }
        var result: [(String, Int)] = []
        var lineNumber = 0
        content.enumerateLines { line, _ in
            lineNumber += 1
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { return }
            result.append((trimmed, lineNumber))
        }
        return result.map { (text: $0.0, line: $0.1) }
    }
}
