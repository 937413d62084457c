import Foundation
import XCTest

/// A corpus of news-like articles built deterministically from the repo's own article texts (the
/// seeds and `gold/news/dev`): the same count and seed give byte-identical files on every machine.
///
/// Each article has 3 to 10 paragraph slots; a slot is a whole source paragraph (55%) or one to three
/// sentences of a source paragraph without quotation marks. Paragraphs are joined by one line break
/// (70%) or a blank line. A quoted paragraph is copied, one time in twenty, into one of the next
/// twenty articles, half of the copies with their quotation marks swapped between curly and
/// straight: so the corpus holds exact and near repeats of quotes across articles.
enum GeneratedCorpus {
    /// The source paragraphs: the non-empty lines of every `.txt` file of the seeds and of
    /// `gold/news/dev`, in sorted path order.
    static func paragraphs() throws -> [String] {
        var files = Repo.seeds
        let dev = Repo.root.appendingPathComponent("gold/news/dev")
        let names = try FileManager.default.contentsOfDirectory(atPath: dev.path).filter { $0.hasSuffix(".txt") }
            .sorted()
        files += names.map { dev.appendingPathComponent($0) }
        var out: [String] = []
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if !trimmed.isEmpty { out.append(trimmed) }
            }
        }
        return out
    }

    static let quoteCharacters: Set<Character> = ["\"", "“", "”"]

    /// The sentences of a paragraph, split after ". " (a rough cut: abbreviations split too).
    static func sentences(_ paragraph: String) -> [String] {
        let parts = paragraph.components(separatedBy: ". ")
        return parts.enumerated().map { k, s in k < parts.count - 1 ? s + "." : s }.filter { !$0.isEmpty }
    }

    /// Curly quotation marks made straight and straight ones curly (opening, then closing).
    static func swapQuotes(_ paragraph: String) -> String {
        var out = ""
        var open = true
        for c in paragraph {
            switch c {
            case "“", "”": out.append("\"")
            case "\"": out.append(open ? "“" : "”"); open.toggle()
            default: out.append(c)
            }
        }
        return out
    }

    /// The articles' texts, in order.
    static func articles(_ count: Int, seed: UInt64) throws -> [String] {
        let paragraphs = try paragraphs()
        let plain = paragraphs.filter { !$0.contains(where: quoteCharacters.contains) }
        precondition(!paragraphs.isEmpty && !plain.isEmpty, "no source text")
        var random = SeededGenerator(state: seed)
        var copies: [Int: [String]] = [:] // article number -> paragraphs copied into it
        var out: [String] = []
        out.reserveCapacity(count)
        for i in 0..<count {
            var slots: [String] = []
            for _ in 0..<(3 + random.below(8)) {
                if random.chance(55) {
                    let p = paragraphs[random.below(paragraphs.count)]
                    slots.append(p)
                    if p.contains(where: quoteCharacters.contains) && random.chance(5) {
                        let target = i + 1 + random.below(20)
                        copies[target, default: []].append(random.chance(50) ? swapQuotes(p) : p)
                    }
                } else {
                    let s = sentences(plain[random.below(plain.count)])
                    let first = random.below(s.count)
                    let n = min(s.count - first, 1 + random.below(3))
                    slots.append(s[first..<(first + n)].joined(separator: " "))
                }
            }
            for copy in copies.removeValue(forKey: i) ?? [] {
                slots.insert(copy, at: 1 + random.below(slots.count))
            }
            out.append(slots.joined(separator: random.chance(70) ? "\n" : "\n\n") + "\n")
        }
        return out
    }

    /// Writes the articles as `doc00000.txt`, `doc00001.txt`... into `folder`.
    static func write(_ count: Int, seed: UInt64, to folder: URL) throws {
        for (i, text) in try articles(count, seed: seed).enumerated() {
            try Data(text.utf8).write(to: folder.appendingPathComponent(String(format: "doc%05d.txt", i)))
        }
    }
}
