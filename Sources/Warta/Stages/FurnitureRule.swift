import Foundation
import Yams

/// A pattern for site furniture (share buttons, bylines, "Baca Juga" links) that normalize drops.
///
/// Written in the pipeline file as `{id, kind, line: REGEX}` (the whole line must match; the line is
/// dropped) or `{id, kind, match: REGEX}` (every match inside a line is cut out), with an optional
/// `max_length` in characters above which the rule is not tried (furniture lines are short; this keeps
/// long paragraphs cheap), and an optional `requires`: texts of which every match contains one (a
/// word or a list of them), compared ignoring ASCII case; a line that holds none of them is not tried.
/// ICU tries a pattern at every position of the line, and one that can begin with `\s*` or `.{0,300}`
/// costs about a hundred instructions per character; looking for `(*` is one plain scan of the line.
/// Patterns are ICU regular expressions (`ICURegex`); a `line:` pattern must match the whole line (ICU
/// `matches`: another path is tried when the first one stops short).
public struct FurnitureRule: @unchecked Sendable {
    public enum Scope: String { case line, match }
    public let id: String
    public let kind: String
    public let scope: Scope
    public let maxLength: Int?
    /// The `requires` texts as UTF-16, ASCII letters in lower case.
    let required: [[UInt16]]
    let regex: ICURegex
    /// For a `line:` rule, the first characters a matching line may have (`LineStartFilter`); nil for a
    /// `match:` rule, which may match anywhere in the line.
    let lineStart: LineStartFilter?

    public init(id: String, kind: String, scope: Scope, pattern: String, maxLength: Int? = nil, requires: [String] = [])
        throws
    {
        self.id = id
        self.kind = kind
        self.scope = scope
        self.maxLength = maxLength
        required = requires.map { $0.utf16.map(Self.asciiLower) }
        regex = try ICURegex(pattern)
        lineStart = scope == .line ? LineStartFilter(regex) : nil
    }

    static let keys = ["id", "kind", "line", "match", "max_length", "requires"]

    /// True when the rule may match in `line` (UTF-16): it has no `requires`, or the line holds one
    /// of them.
    func mayMatch(_ line: [UInt16]) -> Bool {
        guard !required.isEmpty else { return true }
        return line.withUnsafeBufferPointer { units in required.contains { Self.contains(units, $0) } }
    }

    @inline(__always) static func asciiLower(_ unit: UInt16) -> UInt16 {
        unit >= 0x41 && unit <= 0x5A ? unit | 0x20 : unit
    }

    /// Whether `needle` (ASCII letters in lower case) occurs in `units`, ignoring ASCII case.
    static func contains(_ units: UnsafeBufferPointer<UInt16>, _ needle: [UInt16]) -> Bool {
        guard let first = needle.first, needle.count <= units.count else { return needle.isEmpty }
        var i = 0
        let last = units.count - needle.count
        while i <= last {
            if asciiLower(units[i]) == first {
                var k = 1
                while k < needle.count && asciiLower(units[i + k]) == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    static func parse(_ options: StageOptions) throws -> [FurnitureRule] {
        guard let (node, line) = options.node("furniture") else { return [] }
        guard case .sequence(let items) = node else { throw options.error("furniture", "expected a list of rules") }
        var ids = Set<String>()
        return try items.map { item in
            let at = item.mark?.line ?? line
            func fail(_ message: String) -> ConfigError {
                ConfigError(file: options.file, line: at, "furniture rule: \(message)")
            }
            guard case .mapping(let map) = item else {
                throw fail("expected a mapping with id, kind and line or match")
            }
            for key in map.keys where !keys.contains(key.string ?? "") {
                throw fail("unknown key '\(key.string ?? "?")'; valid keys: \(keys.joined(separator: ", "))")
            }
            guard let id = map[key: "id"]?.string, !id.isEmpty else { throw fail("'id' is missing") }
            guard ids.insert(id).inserted else { throw fail("id '\(id)' is used twice") }
            guard let kind = map[key: "kind"]?.string else { throw fail("'kind' is missing in '\(id)'") }
            let scope: Scope, pattern: String
            switch (map[key: "line"]?.string, map[key: "match"]?.string) {
            case (let p?, nil): (scope, pattern) = (.line, p)
            case (nil, let p?): (scope, pattern) = (.match, p)
            default: throw fail("'\(id)' needs exactly one of 'line' (whole line) or 'match' (part of a line)")
            }
            var maxLength: Int? = nil
            if let m = map[key: "max_length"] {
                guard let n = m.int, n > 0 else {
                    throw fail("'max_length' of '\(id)' must be a positive whole number")
                }
                maxLength = n
            }
            var requires: [String] = []
            if let r = map[key: "requires"] {
                switch r {
                case .scalar(let one) where r.null == nil: requires = [one.string]
                case .sequence(let many):
                    requires = many.compactMap { $0.null == nil ? $0.string : nil }
                    guard requires.count == many.count else {
                        throw fail("'requires' of '\(id)' must be a text or a list of texts")
                    }
                default: throw fail("'requires' of '\(id)' must be a text or a list of texts")
                }
                guard !requires.isEmpty, !requires.contains(where: \.isEmpty) else {
                    throw fail("'requires' of '\(id)' must list texts that are not empty")
                }
            }
            do {
                return try FurnitureRule(
                    id: id, kind: kind, scope: scope, pattern: pattern, maxLength: maxLength, requires: requires)
            } catch let error as ICURegex.CompileError {
                throw fail("'\(id)': pattern does not compile (\(error.reason)): \(pattern)")
            } catch {
                throw fail("'\(id)': pattern does not compile: \(pattern)")
            }
        }
    }
}
