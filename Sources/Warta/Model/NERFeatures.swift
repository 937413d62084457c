/// The features of warta's learned tagger (`NERModel`), exactly as `scripts/train_ner.py` extracts them
/// (`observations()` and `history()` there; template version `NERModel.featureTemplate`), each as the
/// FNV-1a hash of its UTF-8 text (`NERFeatures.hash`: the model file's feature strings are hashed the same way
/// when it is read), computed without building the strings. Lower-casing and shapes read ASCII only, so both
/// languages agree on every input; prefixes and suffixes count Unicode scalars, as Python's indexing does.
enum NERFeatures {
    // The history features (`history()` of train_ner.py: `t1=`, `t2=`, `tw=`) are hashed by `NERDecoder`, which
    // keeps them per previous tag.

    /// The features' hash, continued part by part (`FNV1a`).
    typealias Hash = FNV1a

    /// The hash of a feature written out (the model file's).
    static func hash(_ feature: String) -> UInt64 { Hash().add(feature.utf8).value }

    /// ASCII lower-casing only, of UTF-8 bytes.
    static func lower(_ word: String) -> [UInt8] {
        word.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
    }

    /// Upper-case ASCII letters X, lower-case x, digits d, other ASCII as itself, anything else u; runs of one
    /// class collapsed; at most 6 characters (all ASCII).
    static func shape(_ word: String) -> [UInt8] {
        var out: [UInt8] = []
        for c in word.unicodeScalars {
            let k: UInt8
            switch c.value {
            case 0x41...0x5A: k = UInt8(ascii: "X")
            case 0x61...0x7A: k = UInt8(ascii: "x")
            case 0x30...0x39: k = UInt8(ascii: "d")
            case 0..<0x80: k = UInt8(c.value)
            default: k = UInt8(ascii: "u")
            }
            if out.last != k { out.append(k) }
        }
        return Array(out.prefix(6))
    }

    static let sentenceStart2 = Array("<s2>".utf8), sentenceStart1 = Array("<s1>".utf8)
    static let sentenceEnd1 = Array("</s1>".utf8), sentenceEnd2 = Array("</s2>".utf8)
    static let shapeStart = Array("<s>".utf8), shapeEnd = Array("</s>".utf8)
    static let bar: [UInt8] = [UInt8(ascii: "|")]

    /// Calls `visit(i, hash)` for each feature of each word i that does not depend on the tags before it, in
    /// word order; returns the lower-cased words (for the history features).
    // Long: the feature template written out, one feature a line, in the order of train_ner.py.
    @inline(__always)
    static func observations(_ words: [String], visit: (Int, UInt64) -> Void) -> [[UInt8]] {
        let lowered = words.map(lower)
        let low = [sentenceStart2, sentenceStart1] + lowered + [sentenceEnd1, sentenceEnd2]
        let shp = [shapeStart] + words.map(shape) + [shapeEnd]
        let base = Hash()
        let prefixes: [StaticString] = ["p1=", "p2=", "p3="], suffixes: [StaticString] = ["x1=", "x2=", "x3="]
        var bounds: [Int] = []
        for i in words.indices {
            func f(_ h: Hash) { visit(i, h.value) }
            let lw = low[i + 2]
            f(base.add("b"))
            f(base.add("w=").add(lw))
            f(base.add("w-1=").add(low[i + 1]))
            f(base.add("w+1=").add(low[i + 3]))
            f(base.add("w-2=").add(low[i]))
            f(base.add("w+2=").add(low[i + 4]))
            f(base.add("s=").add(shp[i + 1]))
            f(base.add("s-1=").add(shp[i]))
            f(base.add("s+1=").add(shp[i + 2]))
            f(base.add("ss=").add(shp[i]).add(bar).add(shp[i + 1]).add(bar).add(shp[i + 2]))
            f(base.add("ws=").add(low[i + 1]).add(bar).add(shp[i + 1]))
            // Where each Unicode scalar of the lower-cased word starts (UTF-8 lead bytes), and its end.
            bounds.removeAll(keepingCapacity: true)
            for (k, b) in lw.enumerated() where b & 0xC0 != 0x80 { bounds.append(k) }
            let n = bounds.count
            bounds.append(lw.count)
            for k in 1...3 where n >= k {
                f(base.add(prefixes[k - 1]).add(lw[..<bounds[k]]))
                f(base.add(suffixes[k - 1]).add(lw[bounds[n - k]...]))
            }
            if i == 0 { f(base.add("first")) }
        }
        return lowered
    }
}
