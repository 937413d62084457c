import Foundation
import Logging
import Warta

/// swift-log on stderr: plain lines, or one JSON object per line (`--log-format json`) for collectors.
enum LogSetup {
    enum Format: String, CaseIterable { case text, json }

    static func bootstrap(level: Logger.Level, format: Format) {
        LoggingSystem.bootstrap { label in
            var handler: LogHandler
            switch format {
            case .text: handler = TextLogHandler(label: label)
            case .json: handler = JSONLogHandler(label: label)
            }
            handler.logLevel = level
            return handler
        }
    }
}

/// The metadata storage both handlers share; they differ only in how a line is written.
protocol StderrLogHandler: LogHandler {
    var metadata: Logger.Metadata { get set }
}

extension StderrLogHandler {
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
}

/// One message of `eval`, `diff`, `report` or `dedup` on stderr, escaped like a log line of `run`: the
/// messages quote records (an id, an entity type, a file name), whose newlines, escape codes and
/// bidirectional controls reached the terminal as they were.
func writeMessageLine(_ text: String) {
    StandardError.write(TextLogHandler.escaped(text) + "\n")
}

struct TextLogHandler: StderrLogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    func log(event: LogEvent) {
        StandardError.write("warta: \(event.level): \(Self.escaped(event.message.description))\n")
    }

    /// `text` with every control character written as an escape (`\n`, `\t`, `\r`, `\u{1B}`, ...) and
    /// backslashes doubled, so that one log line is one line of plain characters: a file name holding a
    /// newline and an escape code printed a fake summary line.
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            guard needsEscape(s) else { out.append(s); continue }
            let escape: String
            switch s {
            case "\n": escape = "\\n"
            case "\r": escape = "\\r"
            case "\t": escape = "\\t"
            case "\\": escape = "\\\\"
            default: escape = "\\u{" + String(s.value, radix: 16, uppercase: true) + "}"
            }
            out.append(contentsOf: escape.unicodeScalars)
        }
        return String(out)
    }

    /// C0 and C1 controls, DEL, the Unicode line and paragraph separators, the bidirectional overrides
    /// and isolates (which reorder what a terminal shows), and the backslash that starts an escape.
    static func needsEscape(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069, 0x5C: return true
        default: return false
        }
    }
}

struct JSONLogHandler: StderrLogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    func log(event: LogEvent) {
        var fields: [String: Any] = [:]
        for (k, v) in self.metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) { fields[k] = "\(v)" }
        Self.write(level: event.level.rawValue, logger: label, message: event.message.description, fields: fields)
    }

    /// One JSON line on stderr: time, level, logger and message, plus `fields` (the run's summary writes
    /// its figures through this too).
    static func write(level: String, logger: String, message: String, fields: [String: Any]) {
        var object = fields
        object["time"] = ISO8601DateFormatter().string(from: Date())
        object["level"] = level
        object["logger"] = logger
        object["message"] = message
        if let data = try? JSONSerialization.data(
            withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        {
            StandardError.write(Array(data) + [0x0A])
        }
    }
}

/// `count/total, rate, time left` on one stderr line, redrawn at most ten times a second; only on a terminal.
final class ProgressBar {
    /// The number of inputs, once discovery has counted them (none for stdin). The rate, and so the time
    /// left, is measured from then: the pipeline's loading before it is no document's work.
    var total: Int? { didSet { started = Date() } }
    private var started = Date()
    private var lastDraw = Date.distantPast

    static var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    init(total: Int?) { self.total = total }

    func update(_ done: Int) {
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 || done == total else { return }
        lastDraw = now
        let elapsed = max(now.timeIntervalSince(started), 0.001)
        let rate = Double(done) / elapsed
        var line = "\r\(done)"
        if let total { line += "/\(total)" }
        line += String(format: " documents, %.0f/s", rate)
        if let total, rate > 0 { line += String(format: ", %.0f s left", Double(total - done) / rate) }
        StandardError.write(line + "   ")
    }

    func finish() { StandardError.write("\r\u{1B}[K") }
}
