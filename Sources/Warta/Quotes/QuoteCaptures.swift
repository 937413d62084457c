/// What a quote rule's match captured: the spans of `speaker`, `cue` and `author`, the three capture
/// names a rule may use (`QuoteRuleLoader`), held in place (a value of three optionals, no dictionary).
struct QuoteCaptures: Equatable, Sendable {
    enum Name: String, Sendable { case speaker, cue, author }

    struct Span: Equatable, Sendable {
        var start: Int
        var end: Int
        var entity: Int?
    }

    var speaker: Span?
    var cue: Span?
    var author: Span?

    init() {}

    subscript(name: Name) -> Span? {
        get {
            switch name {
            case .speaker: speaker
            case .cue: cue
            case .author: author
            }
        }
        set {
            switch name {
            case .speaker: speaker = newValue
            case .cue: cue = newValue
            case .author: author = newValue
            }
        }
    }

    /// The span captured as `name` (`"speaker"`, `"cue"`, `"author"`); nil for any other name.
    subscript(name: String) -> Span? {
        Name(rawValue: name).flatMap { self[$0] }
    }

    /// Every span captured, by name (for comparisons with a reference matcher).
    var byName: [String: Span] {
        var all: [String: Span] = [:]
        for name in [Name.speaker, .cue, .author] { all[name.rawValue] = self[name] }
        return all
    }
}
