extension FullNameReader {
    /// Token `t` comes right after an office: the end of a ROLE the tagger found, or, where it found none, a
    /// capitalized word of the `office` list on the same line (`Kepala <body acronym> <name>`, the bare
    /// `Kepala` no ROLE). `placeAfterOffice` reads it (issue 19, nineteenth pass).
    func rightAfterOffice(_ t: Int) -> Bool {
        if afterRole.contains(t) { return true }
        guard t > 0, f[t - 1].kind == .word, f[t - 1].shape == .title, !f[t - 1].titleLine, sameLine(t - 1, t)
        else { return false }
        return inList(officeWords, t - 1)
    }
}
