/// The fused acronyms an office's words spell, the way Indonesian shortens an office: the first two to
/// four letters of each of two or three words in a row, joined (`Sekretaris Daerah` spells `sekda`,
/// `Dinas Kesehatan` `dinkes`, `Wakil Bupati` `wabup`; `Kadis`, `Kapolres`, whose `Ka` is no prefix of
/// `Kepala`, are not spelled). With them a bare fused office (`ucap Sekda`) stands for the holder the
/// document names under the long form (`Quotes.officeHolders`).
enum OfficeAcronym {
    /// Every fused form of each run of two or three consecutive words of `words` (folded), each word of
    /// letters only and at least two long.
    ///
    /// - Complexity: at most 27 forms per run, so linear in the words.
    static func forms(of words: [String]) -> Set<String> {
        var result = Set<String>()
        for start in words.indices {
            for count in 2...3 where start + count <= words.count {
                result.formUnion(forms(ofRun: words[start..<(start + count)]))
            }
        }
        return result
    }

    /// The fused forms of one run: each word's first two, three or four letters, joined in order.
    static func forms(ofRun run: ArraySlice<String>) -> Set<String> {
        var partial: Set<String> = [""]
        for word in run {
            guard word.count >= 2, word.allSatisfy(\.isLetter) else { return [] }
            var next = Set<String>()
            for p in partial { for n in 2...min(4, word.count) { next.insert(p + word.prefix(n)) } }
            partial = next
        }
        return partial
    }
}
