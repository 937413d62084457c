/// Random rule files of nested patterns (groups, alternatives, options, bounded and unbounded repeats,
/// captures, look-around, list and entity consumers) and random texts over the same few words, for the
/// matcher's tests (`MatcherClosuresTests`, `MatcherSentencesTests`).
enum RandomPatternRules {
    static let words = [
        "a", "b", "c", "A", "B", "Kota", "Bogor", "Jawa", "Barat", "di", "kata", "KPU", ",", ".", "2024", "(", ")"
    ]

    static func rules(_ random: inout SeededGenerator) -> String {
        let words = Self.words
        var yaml = """
            lists:
              places: [Jawa Barat, Kota Bogor, Bogor, Jawa]
              small: [a, b c]
            phases:
              - id: p
                rules:

            """
        func test() -> String {
            switch random.below(9) {
            case 0: return "lower: ['\(words[random.below(words.count)].lowercased())', '\(words[random.below(5)])']"
            case 1: return "shape: [title]"
            case 2: return "shape: [lower, upper]"
            case 3: return "kind: [word]"
            case 4: return "kind: [punct, number]"
            case 5: return "not_in: [places]"
            case 6: return "not_entity: [LOC]"
            case 7: return "regex: '[A-Z].*'"
            default: return "space_before: \(random.chance(50))"
            }
        }
        func repeats() -> String {
            switch random.below(8) {
            case 0: return ", op: '?'"
            case 1: return ", op: '+'"
            case 2: return ", op: '*'"
            case 3: return ", min: \(random.below(2)), max: \(1 + random.below(3))"
            default: return ""
            }
        }
        func capture() -> String { random.chance(15) ? ", capture: true" : "" }
        func node(depth: Int) -> String {
            let pick = depth >= 3 ? random.below(3) : random.below(5)
            switch pick {
            case 3:
                let children = (0..<(1 + random.below(3))).map { _ in node(depth: depth + 1) }
                return "{group: [\(children.joined(separator: ", "))]\(repeats())\(capture())}"
            case 4:
                let children = (0..<(2 + random.below(2))).map { _ in node(depth: depth + 1) }
                return "{any_of: [\(children.joined(separator: ", "))]\(repeats())}"
            default:
                let consumer = ["", "", "", "", "in: places, ", "in: small, ", "entity: [LOC, ORG], "][random.below(7)]
                return "{\(consumer)\(test())\(repeats())\(capture())}"
            }
        }
        for r in 0..<40 {
            let nodes = (0..<(1 + random.below(4))).map { _ in node(depth: 0) }
            var around = ""
            if random.chance(15) { around += ", preceded_by: {lower: [di, kata]}" }
            if random.chance(15) { around += ", not_followed_by: {text: [',']}" }
            // A last element that consumes a token: no pattern is always empty.
            let pattern = nodes.joined(separator: ", ")
            yaml += "          - {id: r\(r), type: ORG\(around), pattern: [\(pattern), {kind: [word]}]}\n"
        }
        return yaml
    }

    static func text(_ random: inout SeededGenerator) -> String {
        var words: [String] = []
        for _ in 0..<(10 + random.below(70)) {
            words.append(Self.words[random.below(Self.words.count)])
            if random.chance(3) { words.append("\n") }
        }
        return words.joined(separator: " ").replacingOccurrences(of: " \n ", with: "\n")
    }

}
