import Yams

/// Looking up a mapping's value by its key's string, as Yams' `mapping["key"]` does, without its cost.
///
/// Yams' `subscript(String)` builds a probe `Node` for the key with a fresh implicit tag, then compares
/// it with each key from the last pair back: string equal AND resolved tag equal. Resolving the probe's
/// tag runs up to seven `NSRegularExpression`s (the default `Resolver`'s bool, int, float, merge, null,
/// timestamp and value rules) on every lookup that finds its key; at start-up that was about 270 M
/// instructions over the pipeline and rules files.
///
/// The keys warta asks for (`file`, `priority`, `not_preceded_by`...) are lower-case ASCII letters and
/// underscores other than the bool and null words, which no default rule matches: their probe resolves
/// to `tag:yaml.org,2002:str`. For such a key the answer is the last pair whose key is a scalar with the
/// same string and a tag that resolves to str: implicit (a plain scalar resolves from its string, the
/// same string), `!` (quoted: non-specific, resolved as str) or `!!str` itself. Every other key
/// (`yes`, `12`, `Key`...) is looked up by Yams itself, so the answer is Yams' in every case, for
/// mappings composed with Yams' default resolver (`Yams.compose`) or `ConfigYAML.resolver`, which
/// gives every string the same tag.
extension Yams.Node.Mapping {
    /// The value of the last pair whose key equals `key` as Yams compares keys; Yams' `self[key]`.
    public subscript(key key: String) -> Yams.Node? {
        guard YAMLKeyLookup.resolvesToStr(key) else { return self[key] }
        var i = endIndex
        while i > startIndex {
            i -= 1
            let pair = self[i]
            guard case .scalar(let scalar) = pair.key, scalar.string == key else { continue }
            switch scalar.tag.rawValue {
            case Tag.Name.implicit.rawValue, Tag.Name.nonSpecific.rawValue, Tag.Name.str.rawValue: return pair.value
            default: continue
            }
        }
        return nil
    }
}

extension Yams.Node {
    /// A mapping's value for `key` as `Mapping[key:]` finds it; for any other node Yams' `self[key]`
    /// (nil for a scalar, an element for a sequence and a key that reads as a whole number).
    public subscript(key key: String) -> Yams.Node? {
        if case .mapping(let mapping) = self { return mapping[key: key] }
        return self[key]
    }
}

enum YAMLKeyLookup {
    /// True when `key` is certain to resolve to `tag:yaml.org,2002:str` under Yams' default resolver:
    /// one or more lower-case ASCII letters or underscores (no int, float, merge, timestamp or value
    /// rule matches a string without digits, signs, dots, `<`, `=` or `~`), and none of the lower-case
    /// words of its bool and null rules. False says nothing: the caller asks Yams.
    static func resolvesToStr(_ key: String) -> Bool {
        var any = false
        for byte in key.utf8 {
            guard (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || byte == UInt8(ascii: "_") else {
                return false
            }
            any = true
        }
        return any && !boolAndNullWords.contains(key)
    }

    /// The lower-case words Yams' default bool and null rules match (its other rules need digits or signs).
    static let boolAndNullWords = ["yes", "no", "true", "false", "on", "off", "null"]

    /// `resolvesToStr` as a regular expression, for `ConfigYAML.resolver`'s shortcut rule.
    static let strKeyPattern = "^(?!(?:" + boolAndNullWords.joined(separator: "|") + ")$)[a-z_]+$"
}
