/// A name right after a rank: the word after a rank word (`rank_word`) and the corps words after it
/// (`corps`: `Kombes Polisi`, `Letkol Czi`) opens the holder's name, even when a list of common words holds
/// it (`Hari`, an event head, in `Kombes Polisi Hari <surname>`), as long as another
/// capitalized word follows it on its line and it is no rank, corps, honorific, degree or office word
/// (issue 19, nineteenth pass).
extension FullNameReader {
    /// The lists whose words never open a name, even right after a rank.
    static let neverAfterRank = ["rank_word", "corps", "honorific", "degree", "office", "person_title", "office_en"]

    /// Token `t` opens a name because a rank (and its corps words) stands right before it.
    func rankOpensName(_ t: Int) -> Bool {
        guard t > 0, t + 1 < count, f[t].kind == .word, f[t].shape == .title, !f[t].titleLine,
            !f[t].sentenceStart, f[t + 1].kind == .word, f[t + 1].shape == .title, sameLine(t, t + 1)
        else { return false }
        var p = t - 1
        while p > 0, covered(by: corpsWords, p) || f[p].text == "." { p -= 1 }
        guard f[p].kind == .word, inList(ranks, p), sameLine(p, t) else { return false }
        return !barredAfterRank.contains(where: { covered(by: $0, t) || covered(by: $0, t + 1) })
    }
}
