import Foundation

/// Reads the plain-text lists of `pipelines/lists/`: one entry per line, `#` comments, blank lines ignored.
public enum ListFile {
    /// The entries with their 1-based line numbers.
    public static func entries(_ url: URL) throws -> [(text: String, line: Int)] {
        try entries(url, limit: .max, beyond: "")
    }

    /// The same; more than `limit` entries: refused at the line of the first one past it, with `beyond` as
    /// the message (the entries are not all built first).
    public static func entries(_ url: URL, limit: Int, beyond: @autoclosure () -> String)
        throws -> [(text: String, line: Int)]
    {
        let data = try FileBytes.configuration(url.path, what: "file")
        // Validate once, then split on the bytes: Foundation's line enumeration is the slow part of
        // loading a 100,000-entry gazetteer (docs/RULES-BENCH.md). Line ends: \n, \r\n, \r.
        guard String(bytes: data, encoding: .utf8) != nil else {
            let (line, column) = firstInvalidUTF8(data)
            throw ConfigError(
                file: url.path, line: line, "not UTF-8 text: the bytes from column \(column) are no UTF-8 character")
        }
        var result: [(String, Int)] = []
        var lineNumber = 0
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            let n = bytes.count
            var start = 0
            while start < n {
                var end = start
                while end < n, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
                lineNumber += 1
                // Trim spaces and tabs (and, through Foundation, other white space at a non-ASCII edge).
                var a = start, b = end
                while a < b, bytes[a] == 0x20 || bytes[a] == 0x09 { a += 1 }
                while b > a, bytes[b - 1] == 0x20 || bytes[b - 1] == 0x09 { b -= 1 }
                if a < b, bytes[a] != 0x23 { // not a `#` comment
                    var line = String(decoding: UnsafeBufferPointer(rebasing: bytes[a..<b]), as: UTF8.self)
                    if bytes[a] >= 0x80 || bytes[b - 1] >= 0x80 {
                        line = line.trimmingCharacters(in: .whitespaces)
                    }
                    if !line.isEmpty && !line.hasPrefix("#") {
                        guard result.count < limit else {
                            throw ConfigError(file: url.path, line: lineNumber, beyond())
                        }
                        result.append((line, lineNumber))
                    }
                }
                if end < n, bytes[end] == 0x0D, end + 1 < n, bytes[end + 1] == 0x0A { end += 1 }
                start = end + 1
            }
        }
        return result.map { (text: $0.0, line: $0.1) }
    }

    /// The 1-based line and byte column of the first byte of `data` that is not part of a UTF-8 character.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        var i = 0
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar):
                // Lines end as `entries` ends them: \n, \r\n, \r.
                if scalar.count == 1,
                    scalar.first == 0x0A || (scalar.first == 0x0D && bytes.dropFirst(i + 1).first != 0x0A)
                {
                    line += 1
                    lineStart = i + 1
                }
                i += scalar.count
            case .error, .emptyInput:
                return (line, i - lineStart + 1)
            }
        }
    }
}
