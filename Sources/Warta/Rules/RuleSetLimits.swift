/// Bounds on what one rules file compiles to, as a whole. The YAML limits (`ConfigYAML`: nodes and
/// levels once aliases are expanded) and one pattern's (`PatternNode.maxUnrolledElements`) bound a
/// node and a rule, not their product: 12,000 rules of 992 unrolled elements each passed both and took
/// 1.8 GB. So the loader counts, over the whole file, the pattern elements once repeats are unrolled,
/// the rules, the words written inline in tests (`text`, `lower`, inline lists), and the entries of the lists and
/// gazetteers, and refuses the file at the rule, test or list that goes past a limit, naming the limit.
///
/// The limits are 15 to 50 times the default files' figures (`ConfigLimitsTests` keeps those under a
/// tenth of each limit) and, at the limits, a file compiles to a few hundred MB at most; the tag stage's
/// per-form table then takes about 25 KB per distinct word (README, "Limits").
struct RuleSetLimits: Sendable {
    /// Pattern elements of all rules, each rule's repeats unrolled (`PatternNode.unrolledSize`).
    static let maxPatternElements = 100_000
    /// Rules of all phases: each costs about 4.5 KB compiled, whatever its size (99,000 rules of one
    /// element took 470 MB and 18 s to load).
    static let maxRules = 10_000
    /// Words written inline in the tests and inline lists of all rules and gazetteers.
    static let maxInlineWords = 100_000
    /// Entries of all list files, inline `lists:` and gazetteer files.
    static let maxListEntries = 1_000_000

    private(set) var rules = 0
    private(set) var patternElements = 0
    private(set) var inlineWords = 0
    private(set) var listEntries = 0

    /// Adds a rule's unrolled elements; the error's message when the file's total passes the limit.
    mutating func addPatternElements(_ n: Int, rule: String) -> String? {
        rules += 1
        if rules > Self.maxRules {
            return
                "rule '\(rule)': the rules file has more than \(Self.maxRules) rules with this one; the limit for a rules file is \(Self.maxRules)"
        }
        patternElements += n
        guard patternElements > Self.maxPatternElements else { return nil }
        return
            "rule '\(rule)': the rules file's patterns unroll to more than \(Self.maxPatternElements) elements in all with this rule (repeats multiply through nested groups); the limit for a rules file is \(Self.maxPatternElements)"
    }

    /// Adds the words of an inline test or list of `owner` (a rule or a gazetteer, as the loader names it).
    mutating func addInlineWords(_ n: Int, owner: String) -> String? {
        inlineWords += n
        guard inlineWords > Self.maxInlineWords else { return nil }
        return
            "\(owner): the rules file's inline word lists hold more than \(Self.maxInlineWords) words in all with this one; the limit for a rules file is \(Self.maxInlineWords) (put long lists in list files)"
    }

    /// Adds the entries of a list or gazetteer (`what`: "list 'x'", "gazetteer 'y'").
    mutating func addListEntries(_ n: Int, what: String) -> String? {
        listEntries += n
        guard listEntries > Self.maxListEntries else { return nil }
        return Self.tooManyListEntries(what)
    }

    /// The entries a list or gazetteer file may still hold: its reader stops at the line past them
    /// (`ListFile.entries`), before the rest of the file is built.
    var listEntriesLeft: Int { max(0, Self.maxListEntries - listEntries) }

    /// The message for the list or gazetteer `what` whose entries pass the file's limit.
    static func tooManyListEntries(_ what: String) -> String {
        "\(what): the rules file's lists and gazetteers hold more than \(Self.maxListEntries) entries in all with this one; the limit for a rules file is \(Self.maxListEntries)"
    }
}
