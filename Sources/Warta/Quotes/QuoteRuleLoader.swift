import Foundation
import Yams

/// Reads a quote rules file (`QuoteRuleSet.load`). Every problem is reported with the file, the line and
/// what was expected.
///
/// `load()` checks the top-level keys and reads the sections in order, each by its own method: `lists`
/// (below), then `quotes` and `reported` (QuoteRuleLoader+Rules.swift), whose pattern elements are read by
/// QuoteRuleLoader+Elements.swift. The loader holds what the sections share: the files read, the list
/// names and lists (an element's inline list is added to them) and the rule ids seen so far.
struct QuoteRuleLoader {
    typealias Side = QuoteRuleSet.Side
    typealias SpeakerSource = QuoteRuleSet.SpeakerSource
    typealias Rule = QuoteRuleSet.Rule
    typealias Element = QuoteRuleSet.Element

    let url: URL
    var path: String { url.path }
    /// Every file read: the rules file and its list files.
    var files: [URL]
    /// The lists by name, in the file's order; inline lists of elements follow as `#inlineN`.
    var names: [String] = []
    var lists: [Set<String>] = []
    /// The rule ids of both rule sections, each used once.
    var ids = Set<String>()

    init(url: URL) {
        self.url = url
        files = [url]
    }

    func fail(_ node: Yams.Node?, _ message: String) -> ConfigError {
        ConfigError(file: path, line: node?.mark?.line, message)
    }

    static let topKeys = ["lists", "quotes", "reported"]

    mutating func load() throws -> QuoteRuleSet {
        let yaml = try FileBytes.configurationText(path, what: "quote rules file")
        // The one YAML reader of configuration files: its bounds on aliases and nesting apply here too.
        let root = try ConfigYAML.compose(yaml, file: path)
        guard let root, case .mapping(let map) = root else {
            throw ConfigError(file: path, line: 1, "expected a mapping with 'lists', 'quotes' and 'reported'")
        }
        for key in map.keys where !Self.topKeys.contains(key.string ?? "") {
            throw fail(key, "unknown key '\(key.string ?? "?")'; valid keys: \(Self.topKeys.joined(separator: ", "))")
        }
        try readLists(map[key: "lists"])
        let quoteRules = try rules(map[key: "quotes"], key: "quotes", side: nil)
        let reportedRules = try rules(map[key: "reported"], key: "reported", side: .reported)
        return QuoteRuleSet(
            file: path, listNames: names, lists: lists, quoteRules: quoteRules, reportedRules: reportedRules,
            files: files)
    }

    /// The `lists` section: each name maps to a list file (beside the rules file) or an inline list of
    /// words; entries are case-folded. The lists the stage reads by name must all be there.
    mutating func readLists(_ node: Yams.Node?) throws {
        if let node {
            guard case .mapping(let m) = node else {
                throw fail(node, "'lists' maps list names to files or inline lists")
            }
            for (k, v) in m {
                guard let name = k.string else { throw fail(k, "a list name must be a string") }
                let set = try list(v, name: name)
                names.append(name)
                lists.append(set)
            }
        }
        for required in QuoteRuleSet.requiredLists where !names.contains(required) {
            throw ConfigError(
                file: path, line: 1, "the quote rules need the list '\(required)' (the stage reads it by name)")
        }
    }

    /// One list's entries, case-folded: from its file or inline.
    mutating func list(_ v: Yams.Node, name: String) throws -> Set<String> {
        var set = Set<String>()
        if let file = v.scalar?.string {
            let listURL = url.deletingLastPathComponent().appendingPathComponent(file)
            if let reason = FileBytes.unreadable(listURL.path) {
                throw fail(v, "cannot read list file '\(listURL.path)': \(reason)")
            }
            files.append(listURL)
            let entries = try ConfigError.naming(listURL, at: path, line: v.mark?.line) {
                try ListFile.entries(listURL)
            }
            for (entry, _) in entries { set.insert(ICU.foldCase(entry)) }
        } else if case .sequence(let items) = v {
            for item in items {
                guard let word = item.string else { throw fail(item, "an inline list holds words") }
                set.insert(ICU.foldCase(word))
            }
        } else {
            throw fail(v, "list '\(name)' must be a file name or a list of words")
        }
        return set
    }
}
