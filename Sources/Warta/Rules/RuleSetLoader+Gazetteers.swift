import Foundation
import Yams

/// The rules file's `gazetteers:` section: TSV files of surfaces with their type, norm and priority.
extension RuleSetLoader {
    /// The gazetteers of `node` (nil: none) and their index by id, for the phases that name them.
    /// After the lists, which their context tests may name.
    func gazetteers(_ node: Yams.Node?, files: inout [URL], context: inout CompileContext) throws -> (
        [Gazetteer], [String: Int]
    ) {
        var gazetteers: [Gazetteer] = []
        var gazetteerIds: [String: Int] = [:]
        guard let node else { return (gazetteers, gazetteerIds) }
        guard case .mapping(let m) = node else {
            throw fail(node, "'gazetteers' maps ids to {file, fold, require_capital, priority}")
        }
        for (k, v) in m {
            guard let id = k.string else { throw fail(k, "a gazetteer id must be a string") }
            gazetteerIds[id] = gazetteers.count
            gazetteers.append(try gazetteer(id: id, v, files: &files, context: &context))
        }
        return (gazetteers, gazetteerIds)
    }

    static let gazetteerKeys = ["file", "fold", "require_capital", "priority", "context_required"]

    func gazetteer(id: String, _ node: Yams.Node, files: inout [URL], context: inout CompileContext) throws -> Gazetteer
    {
        guard case .mapping(let m) = node, let fileNode = m[key: "file"] else {
            throw fail(node, "gazetteer '\(id)' needs a 'file'")
        }
        for key in m.keys where !Self.gazetteerKeys.contains(key.string ?? "") {
            throw fail(
                key,
                "unknown key '\(key.string ?? "?")' in gazetteer '\(id)'; valid keys: \(Self.gazetteerKeys.joined(separator: ", "))"
            )
        }
        let fold = m[key: "fold"]?.bool ?? false
        let requireCapital = m[key: "require_capital"]?.bool ?? fold
        let priority = m[key: "priority"].map { $0.int } ?? 0
        guard let priority else {
            throw fail(m[key: "priority"], "gazetteer '\(id)': 'priority' must be a whole number")
        }
        // context_required: {list: LIST, preceded_by: {...}, followed_by: {...}}
        var contextList: Int?
        var tests = CompiledPattern.ContextTests()
        if let c = m[key: "context_required"] {
            guard case .mapping(let cm) = c, let listNode = cm[key: "list"] else {
                throw fail(
                    c, "gazetteer '\(id)': 'context_required' needs 'list' and 'preceded_by' and/or 'followed_by'")
            }
            for key in cm.keys where !["list", "preceded_by", "followed_by"].contains(key.string ?? "") {
                throw fail(
                    key,
                    "gazetteer '\(id)': unknown key '\(key.string ?? "?")' in 'context_required'; valid keys: list, preceded_by, followed_by"
                )
            }
            guard cm[key: "preceded_by"] != nil || cm[key: "followed_by"] != nil else {
                throw fail(c, "gazetteer '\(id)': 'context_required' needs 'preceded_by' and/or 'followed_by'")
            }
            let refs = try listRefs(listNode, rule: "gazetteer '\(id)'", context: &context)
            guard refs.count == 1 else {
                throw fail(listNode, "gazetteer '\(id)': 'context_required.list' is one list")
            }
            contextList = refs[0]
            tests = try contextTests(
                cm, owner: "gazetteer '\(id)'", keys: ["preceded_by", "followed_by"], context: &context)
        }
        let u = try resolve(fileNode, files: &files)
        let trie = try named(u, by: fileNode) {
            try Self.gazetteerTrie(
                u, fold: fold, limit: context.limits.listEntriesLeft,
                beyond: RuleSetLimits.tooManyListEntries("gazetteer '\(id)'"))
        }
        if let message = context.limits.addListEntries(trie.entryCount, what: "gazetteer '\(id)'") {
            throw fail(fileNode, message)
        }
        var g = Gazetteer(id: id, fold: fold, requireCapital: requireCapital, priority: priority, trie: trie)
        g.contextList = contextList
        g.context = tests
        return g
    }

    /// The entries of the gazetteer file `u` (surface, type, optional norm and priority per line), by
    /// their tokens, folded with `fold`; a file of more than `limit` entries is refused at the line past
    /// them, with `beyond`.
    static func gazetteerTrie(
        _ u: URL, fold: Bool, limit: Int = .max, beyond: @autoclosure () -> String = ""
    ) throws -> TokenTrie<Gazetteer.Entry> {
        let entries = try ListFile.entries(u, limit: limit, beyond: beyond())
        var surfaces: [String] = []
        var values: [Gazetteer.Entry] = []
        for entry in entries {
            // Split on the tab byte: a tab is always a grapheme cluster of its own (Unicode breaks after
            // and before control characters), so this is the Character split, without walking Characters.
            let parts = Self.splitTabs(entry.text)
            guard parts.count >= 2 else {
                throw ConfigError(file: u.path, line: entry.line, "expected surface<TAB>TYPE<TAB>norm")
            }
            // The plain type first: Foundation's trimming is slow over 100,000 rows.
            guard
                let type = EntityType(rawValue: parts[1])
                    ?? EntityType(rawValue: parts[1].trimmingCharacters(in: .whitespaces))
            else {
                throw ConfigError(
                    file: u.path, line: entry.line,
                    "unknown type '\(parts[1])'; valid types: \(EntityType.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            let norm = parts.count > 2 && !parts[2].isEmpty ? parts[2] : nil
            var entryPriority: Int?
            if parts.count > 3, !parts[3].isEmpty, !parts[3].trimmingCharacters(in: .whitespaces).isEmpty {
                guard let p = Int(parts[3].trimmingCharacters(in: .whitespaces)) else {
                    throw ConfigError(
                        file: u.path, line: entry.line,
                        "the fourth column (the entry's priority) must be a whole number, not '\(parts[3])'")
                }
                entryPriority = p
            }
            surfaces.append(parts[0])
            values.append(Gazetteer.Entry(type: type, norm: norm, priority: entryPriority))
        }
        var trie = TokenTrie<Gazetteer.Entry>()
        for (tokens, value) in zip(Self.tokenize(surfaces), values) {
            trie.insert(fold ? tokens.map { ICU.foldCase($0) } : tokens, value)
        }
        return trie
    }
}
