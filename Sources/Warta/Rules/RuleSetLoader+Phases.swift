import Foundation
import Yams

/// The rules file's `phases:` section: built-in steps and phases of entity rules, in order.
extension RuleSetLoader {
    /// The phases of `node`; `root` (the whole file) names the line when the section is missing.
    func phases(
        _ node: Yams.Node?, root: Yams.Node, gazetteerIds: [String: Int], context: inout CompileContext
    ) throws -> [TagPhase] {
        var phases: [TagPhase] = []
        var ruleIds = Set<String>()
        guard let node, case .sequence(let items) = node else {
            throw fail(node ?? root, "'phases' must be a list")
        }
        for item in items {
            phases.append(try phase(item, gazetteerIds: gazetteerIds, ruleIds: &ruleIds, context: &context))
        }
        return phases
    }

    /// One phase: `step: NAME`, or `id`, optional `gazetteers` and `rules`.
    func phase(
        _ item: Yams.Node, gazetteerIds: [String: Int], ruleIds: inout Set<String>, context: inout CompileContext
    ) throws -> TagPhase {
        guard case .mapping(let m) = item else { throw fail(item, "a phase is a mapping") }
        if let step = m[key: "step"] {
            guard m.count == 1 else { throw fail(item, "a 'step' phase has no other keys") }
            guard let name = step.string, let s = BuiltInStep(rawValue: name) else {
                throw fail(
                    step,
                    "unknown step '\(step.string ?? "?")'; valid steps: \(BuiltInStep.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            return .step(s)
        }
        for key in m.keys where !["id", "gazetteers", "rules"].contains(key.string ?? "") {
            throw fail(
                key, "unknown key '\(key.string ?? "?")' in a phase; valid keys: id, gazetteers, rules (or step)")
        }
        guard let id = m[key: "id"]?.string else { throw fail(item, "a phase needs an 'id'") }
        var gaz: [Int] = []
        if let g = m[key: "gazetteers"] {
            for name in try stringList(g) {
                guard let i = gazetteerIds[name] else {
                    throw fail(
                        g,
                        "unknown gazetteer '\(name)'; defined: \(gazetteerIds.keys.sorted().joined(separator: ", "))"
                    )
                }
                gaz.append(i)
            }
        }
        var rules: [EntityRule] = []
        if let r = m[key: "rules"] {
            guard case .sequence(let ruleNodes) = r else { throw fail(r, "'rules' must be a list") }
            for ruleNode in ruleNodes {
                let rule = try self.rule(ruleNode, context: &context)
                guard ruleIds.insert(rule.id).inserted else {
                    throw fail(ruleNode, "rule id '\(rule.id)' is used twice")
                }
                rules.append(rule)
            }
        }
        return .match(id: id, gazetteers: gaz, rules: rules)
    }
}
