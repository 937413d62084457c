import Foundation
import Yams

/// The rules file's `nesting:` section: which entity types may contain which.
extension RuleSetLoader {
    func nesting(_ node: Yams.Node?) throws -> [EntityType: Set<EntityType>] {
        var nesting: [EntityType: Set<EntityType>] = [:]
        guard let node else { return nesting }
        guard case .mapping(let m) = node else {
            throw fail(node, "'nesting' maps a type to the types it may contain")
        }
        for (k, v) in m {
            let outer = try entityType(k)
            nesting[outer] = Set(try stringList(v).map { try entityType(v, $0) })
        }
        return nesting
    }
}
