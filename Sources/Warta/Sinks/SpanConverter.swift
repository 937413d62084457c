/// Turns the internal UTF-8 ranges of one document into the output contract: code point offsets into
/// `text` plus byte offsets into the raw file.
///
/// Code point offsets: an offset minus the continuation bytes before it. Only multi-byte characters
/// are recorded (with the running count of extra bytes), so ASCII text costs nothing and lookups
/// are a binary search.
public struct SpanConverter {
    private var multiByteEnds: [Int] = []
    private var extraBytes: [Int] = []
    private let offsetMap: OffsetMap

    public init(_ document: Document) {
        offsetMap = document.offsetMap
        var extra = 0
        var i = 0
        let text = document.text
        while i < text.count {
            let b = text[i]
            let length = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
            if length > 1 {
                extra += length - 1
                multiByteEnds.append(i + length)
                extraBytes.append(extra)
            }
            i += length
        }
    }

    public func codePoint(_ offset: Int) -> Int {
        // Extra bytes of all multi-byte characters that end at or before `offset`.
        var low = 0, high = multiByteEnds.count
        while low < high {
            let mid = (low + high) / 2
            if multiByteEnds[mid] <= offset { low = mid + 1 } else { high = mid }
        }
        return offset - (low == 0 ? 0 : extraBytes[low - 1])
    }

    public func span(_ range: TextRange) -> OutputSpan {
        OutputSpan(
            start: codePoint(range.start), end: codePoint(range.end),
            rawStart: offsetMap.rawStart(range.start), rawEnd: offsetMap.rawEnd(range.end))
    }
}

/// A span as the output contract states it.
public struct OutputSpan: Equatable {
    public var start: Int
    public var end: Int
    public var rawStart: Int
    public var rawEnd: Int
}
