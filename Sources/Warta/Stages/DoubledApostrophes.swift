import Foundation

extension NormalizeStage {
    /// Two apostrophes written for a double quotation mark (`''Kami tidak ...,'' ujar Syafrizal.`, the
    /// house style of some outlets and of text typed without a `"` key) are one `"`, mapped back to both
    /// raw characters. Runs after `mapCharacters`, so typographic single marks (`’’`) count too; an
    /// apostrophe inside a word was kept as written there and never pairs.
    static func joinDoubledApostrophes(_ line: inout [LineScalar]) {
        guard line.count >= 2 else { return }
        var out: [LineScalar] = []
        out.reserveCapacity(line.count)
        var i = 0
        while i < line.count {
            // Between two letters the pair is no mark (`Qur''an` as some transliterations write it).
            let inWord =
                i > 0 && i + 2 < line.count && line[i - 1].value.properties.isAlphabetic
                && line[i + 2].value.properties.isAlphabetic
            if i + 1 < line.count, line[i].value == "'", line[i + 1].value == "'",
                line[i].rawEnd == line[i + 1].rawStart, !inWord
            {
                out.append(LineScalar("\"", line[i].rawStart, line[i + 1].rawEnd, changed: true))
                i += 2
                continue
            }
            out.append(line[i])
            i += 1
        }
        if out.count != line.count { line = out }
    }
}
