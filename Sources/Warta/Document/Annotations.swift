/// A half-open range of UTF-8 byte offsets into `Document.text`.
public struct TextRange: Hashable, Comparable, Sendable {
    public var start: Int
    public var end: Int

    public init(_ start: Int, _ end: Int) {
        precondition(start <= end, "range \(start)..<\(end) is reversed")
        self.start = start
        self.end = end
    }

    public var isEmpty: Bool { start == end }
    public var length: Int { end - start }

    public func contains(_ other: TextRange) -> Bool { start <= other.start && other.end <= end }
    public func overlaps(_ other: TextRange) -> Bool { start < other.end && other.start < end }

    public static func < (a: TextRange, b: TextRange) -> Bool {
        a.start != b.start ? a.start < b.start : a.end > b.end
    }
}

/// A word, number or punctuation mark found by the ICU word break iterator.
public struct Token: Hashable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case word, number, punct, symbol
    }
    public var range: TextRange
    public var kind: Kind
    public init(_ range: TextRange, _ kind: Kind) {
        self.range = range
        self.kind = kind
    }
}

/// Text that normalize dropped from the raw input (site furniture), by raw byte span.
public struct Removal: Hashable, Sendable {
    /// The kind given by the furniture rule (`boilerplate`, `byline`, `caption`, `related`...).
    public var kind: String
    /// The furniture rule that matched.
    public var rule: String
    public var rawStart: Int
    public var rawEnd: Int
    /// The removed text after character normalization, for people reading the output.
    public var text: String
    public init(kind: String, rule: String, rawStart: Int, rawEnd: Int, text: String) {
        self.kind = kind
        self.rule = rule
        self.rawStart = rawStart
        self.rawEnd = rawEnd
        self.text = text
    }
}

/// The entity types of ../shared/ANNOTATION.md.
public enum EntityType: String, Hashable, Sendable, CaseIterable, Codable {
    case PERSON, ROLE, ORG, LOC, FAC, DATE, LAW, EVENT
}

/// A named entity with the rule that found it.
public struct Entity: Hashable, Sendable {
    public var type: EntityType
    public var range: TextRange
    /// Normalized value: ISO date, canonical law, acronym expansion, full name of a short mention.
    public var norm: String?
    /// Id of the rule or gazetteer that produced it, so a regression can be traced to a rule.
    public var rule: String
    /// For a ROLE: index into `Document.entities` of the PERSON it introduces.
    public var person: Int?
    public init(type: EntityType, range: TextRange, norm: String? = nil, rule: String, person: Int? = nil) {
        self.type = type
        self.range = range
        self.norm = norm
        self.rule = rule
        self.person = person
    }
}

/// An acronym defined in the text: `Badan Kepegawaian Negara (BKN)` or `BKN (Badan ...)`.
public struct AcronymPair: Hashable, Sendable {
    public var short: TextRange
    public var long: TextRange
    public init(short: TextRange, long: TextRange) {
        self.short = short
        self.long = long
    }
}

/// Where an earlier quote of the run said the same thing.
public struct QuoteReference: Hashable, Sendable {
    public var document: String
    public var quote: Int
    public init(document: String, quote: Int) {
        self.document = document
        self.quote = quote
    }
}

/// Direct speech in quotation marks.
public struct Quote: Hashable, Sendable {
    /// The quoted words, without the marks.
    public var range: TextRange
    public var speaker: String?
    /// Index into `Document.entities` of the speaker.
    public var speakerEntity: Int?
    /// The speech verb or phrase that attributes the quote (`ujarnya`, `kata Derek`).
    public var cue: String?
    /// The attribution rule that decided the speaker.
    public var rule: String
    public var duplicateOf: QuoteReference?
    public var similarity: Double?
    public init(
        range: TextRange, speaker: String? = nil, speakerEntity: Int? = nil, cue: String? = nil,
        rule: String, duplicateOf: QuoteReference? = nil, similarity: Double? = nil
    ) {
        self.range = range
        self.speaker = speaker
        self.speakerEntity = speakerEntity
        self.cue = cue
        self.rule = rule
        self.duplicateOf = duplicateOf
        self.similarity = similarity
    }
}

/// Indirect speech (`Menurut Derek, ...`): attributed content without quotation marks.
public struct ReportedSpeech: Hashable, Sendable {
    public var range: TextRange
    public var speaker: String?
    public var speakerEntity: Int?
    public var cue: String
    public var rule: String
    public init(range: TextRange, speaker: String?, speakerEntity: Int?, cue: String, rule: String) {
        self.range = range
        self.speaker = speaker
        self.speakerEntity = speakerEntity
        self.cue = cue
        self.rule = rule
    }
}
