import Foundation

/// The learned tagger as one more source of entities for the tag stage (issue 20): its spans become
/// candidates with the rule ids `model.person`, `model.org`, `model.loc`, at the lowest priority, and only
/// where no entity of the rules lies (the rules win every overlap: the model fills what they leave).
///
/// Options of the tag stage (README.md, "The learned tagger"): `model` (the model file; absent: off),
/// `model_min_margin` (a span is kept only if each of its words' tags beat the best other allowed tag by at
/// least this score), `model_types` (the types it may add), `model_min_words` (the fewest tokens of a span).
/// The first `model_min_words` tokens of a span must be capitalized words (an upper-case first letter), and no
/// token of it may lie on a headline-like line (where capitals say nothing, `TokenView.Features.titleLine`):
/// so a sentence with no such run of tokens outside every entity is not decoded at all, which changes nothing
/// and saves the run time.
struct ModelEntities: Sendable {
    let decoder: NERDecoder
    let minMargin: Int32
    let types: Set<EntityType>
    let minWords: Int
    /// The lowest priority of the rules file's candidates, less one.
    static let priority = -1

    init(model: NERModel, minMargin: Int32, types: Set<EntityType>, minWords: Int = 1) {
        decoder = NERDecoder(model: model)
        self.minMargin = minMargin
        self.types = types
        self.minWords = minWords
    }

    /// Reads the tag stage's `model*` options; nil when `model` is not given.
    init?(options: StageOptions) throws {
        let minMargin = try options.int("model_min_margin", default: 0, range: 0...1_000_000)
        let typeNames = try options.stringList("model_types")
        let minWords = try options.int("model_min_words", default: 1, range: 1...16)
        guard let url = try options.file("model") else {
            for key in ["model_min_margin", "model_types", "model_min_words"] where options.node(key) != nil {
                throw options.error(key, "given without `model`")
            }
            return nil
        }
        var types: Set<EntityType> = [.PERSON, .ORG, .LOC]
        if !typeNames.isEmpty {
            types = []
            for name in typeNames {
                guard let t = EntityType(rawValue: name), [.PERSON, .ORG, .LOC].contains(t) else {
                    throw options.error("model_types", "'\(name)' is not one of PERSON, ORG, LOC")
                }
                types.insert(t)
            }
        }
        let model = try ConfigError.naming(url, at: options.file, line: nil) { try NERModel(contentsOf: url) }
        self.init(model: model, minMargin: Int32(minMargin), types: types, minWords: minWords)
    }

    /// The model's candidates in `sentences` (token ranges) of a document whose tokens' texts are
    /// `words`: spans on tokens no entity of `covered` (a flag per token) holds, opening with `minWords`
    /// capitalized words, on no headline-like line.
    func candidates(
        words: (Int) -> String, capitalized: (Int) -> Bool, titleLine: (Int) -> Bool, sentences: [Range<Int>],
        covered: [Bool], phase: Int
    ) -> [Candidate] {
        var out: [Candidate] = []
        // Only a sentence that holds a place for a span is decoded (`minWords` capitalized tokens in a row that no
        // entity holds, on no headline-like line): the others could give no span that is kept.
        func free(_ t: Int) -> Bool { !covered[t] && !titleLine(t) }
        for sentence in sentences
        where sentence.contains(where: { t in
            t + minWords <= sentence.upperBound && (t..<(t + minWords)).allSatisfy { free($0) && capitalized($0) }
        }) {
            let decoded = decoder.decode(sentence.map(words))
            for span in decoder.spans(tags: decoded.tags, margins: decoded.margins) {
                let start = sentence.lowerBound + span.range.lowerBound
                let end = sentence.lowerBound + span.range.upperBound
                guard span.margin >= minMargin, let type = EntityType(rawValue: span.type), types.contains(type),
                    end - start >= minWords, (start..<(start + minWords)).allSatisfy(capitalized),
                    (start..<end).allSatisfy(free)
                else { continue }
                out.append(
                    Candidate(
                        start: start, end: end, type: type, rule: "model.\(span.type.lowercased())",
                        priority: Self.priority, phase: phase, norm: nil, normKind: .none))
            }
        }
        return out
    }
}
