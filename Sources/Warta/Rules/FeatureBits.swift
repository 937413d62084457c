/// Token shapes, token kinds and entity types as bits of a mask: tests and the matcher's pre-checks
/// compare masks (`TokenTestRef`, `CompiledPattern.Step`, `MatchContext.tokenBits`) where a `Set` of these
/// enums hashed their `String` raw values at every lookup.
extension TokenView.Shape {
    var bit: UInt32 {
        switch self {
        case .upper: return 1
        case .title: return 2
        case .lower: return 4
        case .initial: return 8
        case .none: return 16
        }
    }
}

extension Token.Kind {
    var bit: UInt32 {
        switch self {
        case .word: return 1
        case .number: return 2
        case .punct: return 4
        case .symbol: return 8
        }
    }
}

extension EntityType {
    var bit: UInt32 {
        switch self {
        case .PERSON: return 1
        case .ROLE: return 2
        case .ORG: return 4
        case .LOC: return 8
        case .FAC: return 16
        case .DATE: return 32
        case .LAW: return 64
        case .EVENT: return 128
        }
    }
}
