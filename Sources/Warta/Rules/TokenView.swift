/// The features of a document's tokens that rules test, computed once per document.
public struct TokenView: Sendable {
    public struct Features: Sendable {
        public var text: String
        /// Case-folded text (ICU full case folding), for caseless comparisons and lists.
        public var folded: String
        public var kind: Token.Kind
        public var shape: Shape
        /// True when white space (or a line end) precedes the token.
        public var spaceBefore: Bool
        /// True when the token starts a paragraph.
        public var paragraphStart: Bool
        /// True in a headline-like paragraph (most words capitalized, no final period), where
        /// capitalization says nothing about names.
        public var titleLine: Bool = false
        /// True for the first word or number of a sentence (only punctuation before it in the sentence).
        public var sentenceStart: Bool = false
        /// `StringSet.hash` of `text` and of `folded`, computed once so that word tests do not hash
        /// the same token again for every rule.
        var textHash: UInt64 = 0
        var foldedHash: UInt64 = 0
        /// The token's text is ASCII (so is its folded form).
        var isASCII = false
    }

    /// Capitalization of a word token.
    public enum Shape: String, CaseIterable, Sendable {
        /// All letters upper case, two letters or more (`BKN`, `DKI`).
        case upper
        /// First letter upper case, some later letter lower case (`Derek`, `PemKab`).
        case title
        /// First letter lower case (`kata`, `pemilu`).
        case lower
        /// One upper-case letter (`D`, `A`).
        case initial
        /// No letters (numbers, punctuation).
        case none
    }

    /// What a token's features owe to its text alone (its word form): computed once per form by a
    /// `LexemeTable`, or per token without one.
    struct Form {
        var text: String
        var folded: String
        var shape: Shape
        var isASCII: Bool
        var textHash: UInt64
        var foldedHash: UInt64

        /// The form of the UTF-8 `bytes` (NFC, from normalize), whose `StringSet.hash` is `hash`.
        init(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) {
            let string = String(decoding: bytes, as: UTF8.self)
            // ASCII (most tokens): folding is lowering A-Z, as ICU.foldCase does, and the shape is
            // read off the bytes; anything else goes through ICU and the scalar properties.
            if let asciiShape = TokenView.asciiShape(bytes) {
                shape = asciiShape
                isASCII = true
                folded =
                    bytes.contains(where: { $0 >= 0x41 && $0 <= 0x5A })
                    ? String(decoding: bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self) : string
            } else {
                shape = TokenView.shape(string)
                isASCII = false
                folded = String(decoding: ICU.foldCase(Array(bytes)), as: UTF8.self)
            }
            text = string
            textHash = hash
            foldedHash = StringSet.hash(folded)
        }
    }

    public let tokens: [Token]
    /// The document's sentences the view was built from.
    public let sentences: [TextRange]
    public let features: [Features]
    /// For each token, the index of the sentence it is in.
    public let sentenceOf: [Int]

    /// The lexemes of the tokens (`LexemeTable`) when the view was built through a table: the rule
    /// answers that depend on a word form alone, looked up once per token; nil otherwise.
    let lexemes: DocumentLexemes?

    public init(_ document: Document) { self.init(document, lexemes: nil) }

    /// The view of `document`; with `table`, every token's form attributes come from the table (one
    /// lookup per token; a new form is entered once per run) and `lexemes` holds the rule answers;
    /// without it but with `forms`, the forms come from that table (`FormTable`: the same features,
    /// no rule answers).
    init(_ document: Document, lexemes table: LexemeTable?, forms: FormTable? = nil) {
        tokens = document.tokens
        sentences = document.sentences
        var features: [Features] = []
        features.reserveCapacity(tokens.count)
        let text = document.text
        let tokens = document.tokens
        var lexemes: DocumentLexemes? = nil
        text.withUnsafeBufferPointer { buffer in
            if let table {
                lexemes = table.lookUp(tokens, in: buffer, features: &features)
            } else if let forms {
                forms.features(tokens, in: buffer, into: &features)
            } else {
                for (i, t) in tokens.enumerated() {
                    let bytes = UnsafeBufferPointer(rebasing: buffer[t.range.start..<t.range.end])
                    features.append(
                        Features(Form(bytes, hash: StringSet.hash(bytes)), token: i, of: tokens, in: buffer))
                }
            }
        }
        Self.markHeadlines(&features)
        var sentenceOf = [Int](repeating: 0, count: tokens.count)
        var s = 0
        for (i, t) in tokens.enumerated() {
            while s + 1 < document.sentences.count, document.sentences[s].end <= t.range.start { s += 1 }
            sentenceOf[i] = s
        }
        self.sentenceOf = sentenceOf
        var seenWord = false
        for i in features.indices {
            if i == 0 || sentenceOf[i] != sentenceOf[i - 1] { seenWord = false }
            if !seenWord, features[i].kind == .word || features[i].kind == .number {
                features[i].sentenceStart = true
                seenWord = true
            }
        }
        if let table, let ids = lexemes?.ids {
            // The class step's own budget of ICU calls, not the document's (`LexemeTable.classify`).
            var classGiveUps = RegexGiveUps()
            let classes = table.classify(ids, features, giveUps: &classGiveUps)
            lexemes!.classes = classes
        }
        self.lexemes = lexemes
        self.features = features
    }

    public var count: Int { tokens.count }

    /// Headline-like paragraphs: at least four words, three quarters of them capitalized, no final period, and not
    /// wholly in brackets (a credit or a caption: `(Biro Adpim Setda Provinsi X)`).
    static func markHeadlines(_ features: inout [Features]) {
        var p = 0
        while p < features.count {
            var q = p + 1
            while q < features.count, !features[q].paragraphStart { q += 1 }
            // Counted in place: filtering the features copied each one (a retain of both its strings).
            var words = 0, capitalized = 0
            for k in p..<q where features[k].kind == .word {
                words += 1
                if features[k].shape == .title || features[k].shape == .upper || features[k].shape == .initial {
                    capitalized += 1
                }
            }
            let endsSentence = [".", "!", "?", "\"", ":"].contains(features[q - 1].text)
            // A paragraph wholly in brackets is a credit or a caption (`(Biro Adpim Setda Provinsi X)`), no headline.
            let bracketed = features[p].text == "(" && features[q - 1].text == ")"
            if words >= 4, capitalized * 4 >= words * 3, !endsSentence, !bracketed {
                for k in p..<q { features[k].titleLine = true }
            }
            p = q
        }
    }

    /// `shape(_:)` for ASCII bytes (A-Z upper case, a-z lower case, nothing else a letter); nil when
    /// a byte is not ASCII.
    static func asciiShape(_ bytes: UnsafeBufferPointer<UInt8>) -> Shape? {
        var letters = 0, upper = 0, lowerAfterFirst = false
        var firstLetterUpper: Bool? = nil
        for b in bytes {
            if b >= 0x80 { return nil }
            let isUpper = b >= 0x41 && b <= 0x5A, isLower = b >= 0x61 && b <= 0x7A
            guard isUpper || isLower else { continue }
            letters += 1
            if firstLetterUpper == nil { firstLetterUpper = isUpper } else if isLower { lowerAfterFirst = true }
            if isUpper { upper += 1 }
        }
        guard let first = firstLetterUpper else { return Shape.none }
        if !first { return .lower }
        if letters == 1 { return .initial }
        if upper == letters { return .upper }
        return lowerAfterFirst ? .title : .upper
    }

    static func shape(_ s: String) -> Shape {
        var letters = 0, upper = 0, lowerAfterFirst = false
        var firstLetterUpper: Bool? = nil
        for scalar in s.unicodeScalars where scalar.properties.isAlphabetic {
            letters += 1
            let isUpper = scalar.properties.isUppercase
            if firstLetterUpper == nil {
                firstLetterUpper = isUpper
            } else if scalar.properties.isLowercase {
                lowerAfterFirst = true
            }
            if isUpper { upper += 1 }
        }
        guard let first = firstLetterUpper else { return .none }
        if !first { return .lower }
        if letters == 1 { return .initial }
        if upper == letters { return .upper }
        return lowerAfterFirst ? .title : .upper
    }
}

extension TokenView.Features {
    /// The features of token `i` of `tokens` over the document's text `text` whose form is `form`
    /// (`titleLine` and `sentenceStart` are set afterwards, from the whole document).
    init(_ form: TokenView.Form, token i: Int, of tokens: [Token], in text: UnsafeBufferPointer<UInt8>) {
        let t = tokens[i]
        let before = i == 0 ? 0x0A : t.range.start == 0 ? 0x0A : text[t.range.start - 1]
        self.init(
            text: form.text, folded: form.folded, kind: t.kind, shape: form.shape,
            spaceBefore: before == 0x20 || before == 0x0A, paragraphStart: before == 0x0A,
            textHash: form.textHash, foldedHash: form.foldedHash, isASCII: form.isASCII)
    }
}
