/// Maps byte offsets in the normalized text back to byte offsets in the raw input.
///
/// Normalization copies most bytes unchanged and rewrites a few places (a curly quote becomes `"`,
/// a run of spaces one space, a broken line is joined). The map stores that as segments, in the
/// manner of GATE's RepositioningInfo: a *copy* segment maps byte for byte, a *replacement* segment
/// maps its whole output to its whole raw span. So the map stays small whatever the document size,
/// and lookups are a binary search.
public struct OffsetMap: Sendable, Equatable {
    struct Segment: Equatable, Sendable {
        var outStart: Int
        var outEnd: Int
        var rawStart: Int
        var rawEnd: Int
        var isCopy: Bool
    }

    private(set) var segments: [Segment] = []
    /// Raw length, for offsets at the very end of the text.
    private(set) var rawLength = 0

    public init() {}

    /// Number of output bytes described so far.
    public var outputLength: Int { segments.last?.outEnd ?? 0 }

    /// Records that `outLength` output bytes came from raw bytes `rawStart..<rawEnd`; `isCopy` when they
    /// are the same bytes (then the lengths are equal and offsets map one to one).
    public mutating func append(outLength: Int, rawStart: Int, rawEnd: Int, isCopy: Bool) {
        rawLength = max(rawLength, rawEnd)
        guard outLength > 0 else { return }
        let outStart = outputLength
        if isCopy, var last = segments.last, last.isCopy, last.outEnd == outStart, last.rawEnd == rawStart {
            last.outEnd += outLength
            last.rawEnd = rawEnd
            segments[segments.count - 1] = last
        } else if !isCopy, var last = segments.last, !last.isCopy, last.rawStart == rawStart, last.rawEnd == rawEnd {
            // Several output scalars made from one raw span (an NFC chunk): one replacement segment.
            last.outEnd += outLength
            segments[segments.count - 1] = last
        } else {
            segments.append(
                Segment(
                    outStart: outStart, outEnd: outStart + outLength, rawStart: rawStart,
                    rawEnd: rawEnd, isCopy: isCopy))
        }
    }

    mutating func setRawLength(_ length: Int) { rawLength = max(rawLength, length) }

    /// Raw offset where the text starting at `offset` comes from.
    public func rawStart(_ offset: Int) -> Int {
        guard let index = segmentIndex(containing: offset) else { return rawLength }
        let s = segments[index]
        return s.isCopy ? s.rawStart + (offset - s.outStart) : s.rawStart
    }

    /// Raw offset where the text ending at `offset` (exclusive) ends.
    public func rawEnd(_ offset: Int) -> Int {
        guard offset > 0, let index = segmentIndex(containing: offset - 1) else { return 0 }
        let s = segments[index]
        return s.isCopy ? s.rawStart + (offset - s.outStart) : s.rawEnd
    }

    /// The segment whose output covers byte `offset`; zero-length segments are skipped.
    private func segmentIndex(containing offset: Int) -> Int? {
        var low = 0, high = segments.count
        while low < high {
            let mid = (low + high) / 2
            if segments[mid].outEnd <= offset { low = mid + 1 } else { high = mid }
        }
        return low < segments.count && segments[low].outStart <= offset ? low : nil
    }

    #if DEBUG
        /// Invariant: segments tile the output without gaps and raw offsets never go backwards.
        func checkInvariants() {
            var out = 0, raw = 0
            for s in segments {
                assert(s.outStart == out, "offset map has a gap at \(out)")
                assert(s.rawStart >= raw, "offset map goes back in raw at \(s.rawStart)")
                assert(!s.isCopy || s.outEnd - s.outStart == s.rawEnd - s.rawStart, "copy segment lengths differ")
                out = s.outEnd
                raw = s.rawEnd
            }
        }
    #endif
}
