import Foundation
import Yams

/// A pattern for site furniture (share buttons, bylines, "Baca Juga" links) that normalize drops.
///
/// Written in the pipeline file as `{id, kind, line: REGEX}` (the whole line must match; the line is
/// dropped) or `{id, kind, match: REGEX}` (every match inside a line is cut out), with an optional
/// `max_length` in characters above which the rule is not tried (furniture lines are short; this keeps
/// long paragraphs cheap). Patterns are ICU regular expressions (`ICURegex`); a `line:` pattern must
/// match the whole line (ICU `matches`: another path is tried when the first one stops short).
public struct FurnitureRule: @unchecked Sendable {
    public enum Scope: String { case line, match }
    public let id: String
    public let kind: String
    public let scope: Scope
    public let maxLength: Int?
    let regex: ICURegex

    public init(id: String, kind: String, scope: Scope, pattern: String, maxLength: Int? = nil) throws {
        self.id = id
        self.kind = kind
        self.scope = scope
        self.maxLength = maxLength
        regex = try ICURegex(pattern)
    }

    static let keys = ["id", "kind", "line", "match", "max_length"]

    static func parse(_ options: StageOptions) throws -> [FurnitureRule] {
        guard let (node, line) = options.node("furniture") else { return [] }
        guard case .sequence(let items) = node else { throw options.error("furniture", "expected a list of rules") }
        var ids = Set<String>()
        return try items.map { item in
            let at = item.mark?.line ?? line
            func fail(_ message: String) -> ConfigError { ConfigError(file: options.file, line: at, "furniture rule: \(message)") }
            guard case .mapping(let map) = item else { throw fail("expected a mapping with id, kind and line or match") }
            for key in map.keys where !keys.contains(key.string ?? "") {
                throw fail("unknown key '\(key.string ?? "?")'; valid keys: \(keys.joined(separator: ", "))")
            }
            guard let id = map["id"]?.string, !id.isEmpty else { throw fail("'id' is missing") }
            guard ids.insert(id).inserted else { throw fail("id '\(id)' is used twice") }
            guard let kind = map["kind"]?.string else { throw fail("'kind' is missing in '\(id)'") }
            let scope: Scope, pattern: String
            switch (map["line"]?.string, map["match"]?.string) {
            case (let p?, nil): (scope, pattern) = (.line, p)
            case (nil, let p?): (scope, pattern) = (.match, p)
            default: throw fail("'\(id)' needs exactly one of 'line' (whole line) or 'match' (part of a line)")
            }
            var maxLength: Int? = nil
            if let m = map["max_length"] {
                guard let n = m.int, n > 0 else { throw fail("'max_length' of '\(id)' must be a positive whole number") }
                maxLength = n
            }
            do {
                return try FurnitureRule(id: id, kind: kind, scope: scope, pattern: pattern, maxLength: maxLength)
            } catch let error as ICURegex.CompileError {
                throw fail("'\(id)': pattern does not compile (\(error.reason)): \(pattern)")
            } catch {
                throw fail("'\(id)': pattern does not compile: \(pattern)")
            }
        }
    }
}
