import Foundation
import Yams

/// Reads a rules file. Every problem is reported with the file, the line and what was expected.
///
/// `load()` checks the top-level keys and reads the sections in file-format order, each by its own
/// loader: `lists` (RuleSetLoader+Lists.swift), `gazetteers` (+Gazetteers), `nesting` (+Nesting),
/// `dates` and `laws`, the normalizers' tables (+Normalizers), and `phases` with their entity rules
/// (+Phases, +EntityRules). The helpers for files and values shared by the sections are below.
struct RuleSetLoader {
    let url: URL
    var path: String { url.path }
    var base: URL { url.deletingLastPathComponent() }

    func fail(_ node: Yams.Node?, _ message: String) -> ConfigError {
        ConfigError(file: path, line: node?.mark?.line, message)
    }

    static let topKeys = ["lists", "gazetteers", "nesting", "dates", "laws", "phases"]

    func load() throws -> RuleSet {
        let yaml = try FileBytes.configurationText(path, what: "rules file")
        let root = try ConfigYAML.compose(yaml, file: path)
        guard let root, case .mapping(let map) = root else {
            throw fail(root, "expected a mapping with lists, gazetteers, phases")
        }
        for key in map.keys where !Self.topKeys.contains(key.string ?? "") {
            throw fail(key, "unknown key '\(key.string ?? "?")'; valid keys: \(Self.topKeys.joined(separator: ", "))")
        }
        var files: [URL] = [url]
        var context = try lists(map[key: "lists"], files: &files)
        let (gazetteers, gazetteerIds) = try self.gazetteers(map[key: "gazetteers"], files: &files, context: &context)
        let nesting = try self.nesting(map[key: "nesting"])
        let (months, days) = try dates(map[key: "dates"], files: &files)
        let (lawKinds, lawFields) = try laws(map[key: "laws"], files: &files)
        let phases = try self.phases(map[key: "phases"], root: root, gazetteerIds: gazetteerIds, context: &context)
        var ruleSet = RuleSet(
            file: path, listNames: context.listNames, lists: context.lists, gazetteers: gazetteers, phases: phases,
            nesting: nesting, months: months, days: days, lawKinds: lawKinds, files: files)
        ruleSet.lawFields = lawFields
        ruleSet.listsStartingWith = MatchContext.listsStartingWith(context.lists)
        ruleSet.formTestCount = context.formTests
        ruleSet.compiledSize = context.limits
        return ruleSet
    }

    // MARK: Files and values

    func entityType(_ node: Yams.Node, _ value: String? = nil) throws -> EntityType {
        let s = value ?? node.string ?? ""
        guard let t = EntityType(rawValue: s) else {
            throw fail(
                node,
                "unknown entity type '\(s)'; valid types: \(EntityType.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        return t
    }

    func stringList(_ node: Yams.Node) throws -> [String] {
        if let s = node.scalar?.string { return [s] }
        guard case .sequence(let seq) = node else { throw fail(node, "expected a string or a list of strings") }
        return try seq.map { item in
            guard let s = item.scalar?.string else { throw fail(item, "expected a string") }
            return s
        }
    }

    func resolve(_ node: Yams.Node, files: inout [URL]) throws -> URL {
        guard let p = node.string else { throw fail(node, "expected a file path") }
        let u = p.hasPrefix("/") ? URL(fileURLWithPath: p) : base.appendingPathComponent(p)
        if let reason = FileBytes.unreadable(u.path) { throw fail(node, "cannot read file '\(u.path)': \(reason)") }
        files.append(u)
        return u
    }

    /// A list's entries (inline, or a file's); a file stops at the line past `limit` entries, with `beyond`.
    func listEntries(
        _ node: Yams.Node, files: inout [URL], limit: Int = .max, beyond: @autoclosure () -> String = ""
    ) throws -> [String] {
        if case .sequence = node { return try stringList(node) }
        // A .tsv list (months, law kinds) contributes its first column.
        let u = try resolve(node, files: &files)
        return try named(u, by: node) { try ListFile.entries(u, limit: limit, beyond: beyond()) }
            .map { String($0.text.split(separator: "\t")[0]) }
    }

    func keyValues(_ node: Yams.Node, files: inout [URL]) throws -> [(String, String)] {
        let u = try resolve(node, files: &files)
        return try named(u, by: node) {
            try ListFile.entries(u).map { entry in
                let parts = entry.text.split(separator: "\t", omittingEmptySubsequences: false)
                guard parts.count >= 2 else {
                    throw ConfigError(file: u.path, line: entry.line, "expected key<TAB>value")
                }
                return (String(parts[0]), String(parts[1]).trimmingCharacters(in: .whitespaces))
            }
        }
    }

    /// Reads the file `u` that `node` names; its problems also name `node`'s line.
    func named<T>(_ u: URL, by node: Yams.Node, _ read: () throws -> T) throws -> T {
        try ConfigError.naming(u, at: path, line: node.mark?.line, read)
    }

}
