import Foundation
import Yams

/// Configuration files (pipeline and rules files) as YAML nodes, bounded.
///
/// YAML aliases (`*g`) reuse a node anchored earlier (`&g`), so a file of a kilobyte can name a tree of
/// billions of nodes: eight levels of groups of ten aliases each. Every reader of the tree (the pattern
/// compiler first) walks the tree as expanded, so the expanded size is bounded here, right after
/// parsing, in one walk that stops at the limit: such a file is refused with its line before anything
/// is built from it.
public enum ConfigYAML {
    /// Nodes of the expanded tree (each use of an alias counts its whole subtree again). The default
    /// pipeline and rules files have about 200 and 5,200.
    public static let maxNodes = 1_000_000
    /// Levels of nesting of the expanded tree (the default rules file has 14).
    public static let maxDepth = 64

    /// Yams' default resolver with one rule in front that answers `str` at once for the strings all of
    /// its rules leave as `str` anyway: lower-case ASCII letters and underscores, not a bool or null word
    /// (no int, float, merge, timestamp or value rule matches a string without digits, signs, dots, `<`,
    /// `=` or `~`). The parser resolves the tag of every mapping key (to refuse duplicates), and the
    /// default resolver runs all seven of its regular expressions on a key that ends as `str`, the
    /// keys of the configuration files (about 95 M instructions at start-up); this runs one. Every
    /// other string goes on to the default rules in their order, so every tag is the default's
    /// (ConfigYAMLResolverTests compares both on every scalar of the shipped files).
    static let resolver: Resolver = {
        let shortcut = try! Resolver.Rule(.str, YAMLKeyLookup.strKeyPattern)
        return Resolver.default.rules.reduce(Resolver.basic.appending(shortcut)) { $0.appending($1) }
    }()

    /// The root node of `yaml` (nil for an empty document); `ConfigError` naming `file` and the line for
    /// invalid YAML or a tree past the limits.
    public static func compose(_ yaml: String, file: String) throws -> Yams.Node? {
        let root: Yams.Node?
        do {
            root = try Yams.compose(yaml: yaml, resolver)
        } catch let error as YamlError {
            throw ConfigError(
                file: file, line: Pipeline.yamlErrorLine(error, in: yaml), "not valid YAML: \(describe(error))")
        }
        if let root { try checkLimits(root, file: file) }
        return root
    }

    /// What is wrong, for a user. Yams' own text of a duplicated key quotes the whole file up to the
    /// mapping (a duplicate at the end of the 3,400-line entity rules put 220 KB on stderr).
    static func describe(_ error: YamlError) -> String {
        guard case .duplicatedKeysInMapping(let keys, let context) = error else { return "\(error)" }
        let names = keys.map { "'\($0)'" }.joined(separator: ", ")
        return
            "a mapping has the key \(names) more than once (first at line \(context.mark.line), column \(context.mark.column)); each key may appear once"
    }

    /// Throws when the expanded tree of `root` has more than `maxNodes` nodes or `maxDepth` levels.
    /// Visits at most `maxNodes` + 1 nodes, with a stack of its own (no recursion).
    public static func checkLimits(_ root: Yams.Node, file: String, maxNodes: Int = maxNodes, maxDepth: Int = maxDepth)
        throws
    {
        var stack: [(node: Yams.Node, depth: Int)] = [(root, 1)]
        var count = 0
        while let (node, depth) = stack.popLast() {
            count += 1
            if count > maxNodes {
                throw ConfigError(
                    file: file, line: node.mark?.line,
                    "the YAML expands to more than \(maxNodes) nodes (an alias counts its anchor's nodes at every use); the limit is \(maxNodes)"
                )
            }
            if depth > maxDepth {
                throw ConfigError(
                    file: file, line: node.mark?.line,
                    "the YAML nests more than \(maxDepth) levels deep (aliases included); the limit is \(maxDepth)")
            }
            switch node {
            case .scalar, .alias: break
            case .sequence(let items): for item in items.reversed() { stack.append((item, depth + 1)) }
            case .mapping(let mapping):
                for (key, value) in mapping.reversed() {
                    stack.append((value, depth + 1)); stack.append((key, depth + 1))
                }
            }
        }
    }
}
