import Foundation

/// Turning the surfaces of lists and gazetteers into tokens (and TSV lines into fields) at load time.
extension RuleSetLoader {
    /// The fields of a TSV line (empty ones kept), split on tab bytes.
    static func splitTabs(_ line: String) -> [String] {
        var line = line
        return line.withUTF8 { bytes in
            var parts: [String] = []
            parts.reserveCapacity(4) // surface, type, norm, priority: one allocation, not three
            var start = 0
            for i in 0..<bytes.count where bytes[i] == 0x09 {
                parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
                start = i + 1
            }
            parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
            return parts
        }
    }

    /// Tokens of a list entry or gazetteer surface, by the same ICU rules as documents.
    static func tokens(_ s: String) -> [String] { tokenize([s])[0] }

    /// Tokenizes many surfaces: plain ones (`plainWords`) without ICU, the others with one ICU pass
    /// (joined by line ends). Loading the gazetteers' 50,000 surfaces was a third of start-up, most of it
    /// ICU over names that are only letters and spaces.
    static func tokenize(_ surfaces: [String]) -> [[String]] {
        var result: [[String]] = Array(repeating: [], count: surfaces.count)
        var others: [Int] = []
        for (i, surface) in surfaces.enumerated() {
            if let words = plainWords(surface) { result[i] = words } else { others.append(i) }
        }
        guard !others.isEmpty else { return result }
        let joined = Array(others.map { surfaces[$0] }.joined(separator: "\n").utf8)
        let tokens = TokenizeStage(abbreviations: []).words(joined)
        var k = 0
        var lineEnd = surfaces[others[0]].utf8.count
        for t in tokens {
            while t.range.start >= lineEnd && k + 1 < others.count {
                k += 1
                lineEnd += 1 + surfaces[others[k]].utf8.count
            }
            result[others[k]].append(String(decoding: joined[t.range.start..<t.range.end], as: UTF8.self))
        }
        return result
    }

    /// The tokens of a surface made only of ASCII letters, digits and spaces, split on the spaces; nil
    /// for any other surface. For such text ICU's word rules (UAX #29, WB5 and WB8 to WB10) keep every
    /// run of letters and digits together and break at each space, and a run of spaces is not a token:
    /// the same tokens as `TokenizeStage.words`, without ICU (a test compares both over every list and
    /// gazetteer surface of the pipelines).
    static func plainWords(_ surface: String) -> [String]? {
        var surface = surface
        return surface.withUTF8 { bytes -> [String]? in
            // First check the bytes and count the words, so that the array is allocated once.
            var count = 0
            var previous: UInt8 = 0x20
            for b in bytes {
                if b != 0x20 {
                    // a-z, A-Z, 0-9
                    guard (0x61...0x7A).contains(b | 0x20) || (0x30...0x39).contains(b) else { return nil }
                    if previous == 0x20 { count += 1 }
                }
                previous = b
            }
            var words: [String] = []
            words.reserveCapacity(count)
            var start = -1
            for i in 0..<bytes.count {
                if bytes[i] == 0x20 {
                    if start >= 0 {
                        words.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
                        start = -1
                    }
                } else if start < 0 {
                    start = i
                }
            }
            if start >= 0 {
                words.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
            }
            return words
        }
    }
}
