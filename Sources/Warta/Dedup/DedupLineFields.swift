import Foundation

/// The fields of one input line of a `warta dedup` step, each read with what it must be: a problem names
/// the line, the field and what was found (`stdin line 3: "cwords": expected a list of 16 hex digits per
/// word, found a string`), where one message listing every field left the user to guess which was wrong.
struct DedupLineFields {
    let object: [String: Any]
    let line: Int

    func fail(_ key: String, _ expected: String) -> DedupInputError {
        DedupInputError(line: line, reason: "\"\(key)\": expected \(expected), found \(Self.kind(of: object[key]))")
    }

    /// A `[line, quote]` pair.
    func order(_ key: String) throws -> QuoteOrder {
        guard let o = QuoteOrder(json: object[key]) else {
            throw DedupInputError(
                line: line,
                reason: "\"\(key)\": expected [line, quote], \(QuoteOrder.expected), found \(Self.shown(object[key]))")
        }
        return o
    }

    func string(_ key: String) throws -> String {
        guard let s = object[key] as? String else { throw fail(key, "a string") }
        return s
    }

    /// A list of hashes, each 16 hex digits; `optional`: an absent field is an empty list.
    func hashes(_ key: String, optional: Bool = false) throws -> [UInt64] {
        if optional && object[key] == nil { return [] }
        guard let words = DedupSteps.words(object[key]) else { throw fail(key, "a list of strings of 16 hex digits") }
        return words
    }

    func number(_ key: String) throws -> Double {
        guard let n = object[key] as? NSNumber else { throw fail(key, "a number") }
        return n.doubleValue
    }

    /// A number from 0 to 1 (a similarity): a negative one, one over 1 or NaN reached the patch.
    func fraction(_ key: String) throws -> Double {
        let d = try number(key)
        guard (0...1).contains(d) else {
            throw DedupInputError(line: line, reason: "\"\(key)\": expected a number from 0 to 1, found \(d)")
        }
        return d
    }

    func list(_ key: String) throws -> [Any] {
        guard let a = object[key] as? [Any] else { throw fail(key, "a list") }
        return a
    }

    /// A short list of numbers as written (`[3,-1]`), anything else as what it is in words.
    static func shown(_ value: Any?) -> String {
        if let a = value as? [Any], a.count <= 4, a.allSatisfy({ $0 is NSNumber && !($0 is String) }) {
            return "[" + a.map { "\($0)" }.joined(separator: ",") + "]"
        }
        return kind(of: value)
    }

    /// What a JSON value is, in words.
    static func kind(of value: Any?) -> String {
        switch value {
        case nil: return "nothing (the field is missing)"
        case is NSNull: return "null"
        case is NSNumber: return "a number or a boolean"
        case is String: return "a string"
        case is [Any]: return "a list"
        case is [String: Any]: return "an object"
        default: return "another value"
        }
    }
}
