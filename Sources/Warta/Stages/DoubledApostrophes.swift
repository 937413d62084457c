import Foundation

extension NormalizeStage {
    /// Two apostrophes written for a double quotation mark (`''Kami tidak ...,'' ujar Syafrizal.`, the
    /// house style of some outlets and of text typed without a `"` key) are one `"`, mapped back to both
    /// raw characters. Runs after `mapCharacters`, so typographic single marks (`’’`) count too; an
    /// apostrophe inside a word was kept as written there and never pairs.
    ///
    /// The pair itself is the necessary condition, checked first: a line without one (nearly every
    /// line) is left as it is without a copy, and the letter test around a pair (a Unicode property
    /// look-up, about 300 instructions a character) runs only there. It was run on every character
    /// before: 2.4 M of normalize's 4.0 M instructions per article (BENCHMARKS.md, issue 22, the normalize stage by design).
    static func joinDoubledApostrophes(_ line: inout [LineScalar]) {
        guard var i = firstPair(line, from: 0) else { return }
        var out: [LineScalar] = []
        out.reserveCapacity(line.count)
        out.append(contentsOf: line[0..<i])
        while i < line.count {
            if isPair(line, i), !isBetweenLetters(line, i) {
                out.append(LineScalar("\"", line[i].rawStart, line[i + 1].rawEnd, changed: true))
                i += 2
                continue
            }
            out.append(line[i])
            i += 1
        }
        if out.count != line.count { line = out }
    }

    /// Two apostrophes at `i` and `i + 1`, written next to each other in the raw text.
    @inline(__always) static func isPair(_ line: [LineScalar], _ i: Int) -> Bool {
        i + 1 < line.count && line[i].value == "'" && line[i + 1].value == "'" && line[i].rawEnd == line[i + 1].rawStart
    }

    /// Between two letters the pair is no mark (`Qur''an` as some transliterations write it).
    static func isBetweenLetters(_ line: [LineScalar], _ i: Int) -> Bool {
        i > 0 && i + 2 < line.count && line[i - 1].value.properties.isAlphabetic
            && line[i + 2].value.properties.isAlphabetic
    }

    /// The first index from `start` where a pair begins, or nil.
    static func firstPair(_ line: [LineScalar], from start: Int) -> Int? {
        var i = start
        while i + 1 < line.count {
            if isPair(line, i) { return i }
            i += 1
        }
        return nil
    }
}
