import Foundation
import Yams

/// The rules file's `lists:` section: named word lists, each a file or an inline list.
extension RuleSetLoader {
    /// The lists of `node` (nil: none), as the compile context every later section adds to.
    func lists(_ node: Yams.Node?, files: inout [URL]) throws -> CompileContext {
        var listNames: [String] = []
        var lists: [TokenTrie<Bool>] = []
        var limits = RuleSetLimits()
        if let node {
            guard case .mapping(let m) = node else {
                throw fail(node, "'lists' maps list names to files or inline lists")
            }
            for (k, v) in m {
                guard let name = k.string else { throw fail(k, "a list name must be a string") }
                var trie = TokenTrie<Bool>()
                let entries = try listEntries(
                    v, files: &files, limit: limits.listEntriesLeft,
                    beyond: RuleSetLimits.tooManyListEntries("list '\(name)'"))
                if let message = limits.addListEntries(entries.count, what: "list '\(name)'") {
                    throw fail(v, message)
                }
                for entry in entries {
                    trie.insert(Self.tokens(entry).map { ICU.foldCase($0) }, true)
                }
                listNames.append(name)
                lists.append(trie)
            }
        }
        var context = CompileContext(listNames: listNames, lists: lists)
        context.limits = limits
        return context
    }
}
