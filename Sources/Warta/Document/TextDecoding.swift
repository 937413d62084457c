/// A Unicode scalar of the input with the raw byte span it was decoded from.
public struct DecodedScalar: Sendable {
    public var value: Unicode.Scalar
    public var rawStart: Int
    public var rawEnd: Int
}

/// Why a file is not treated as text at all.
public enum DecodingError: Error, Equatable, CustomStringConvertible {
    case binary(offset: Int)

    public var description: String {
        switch self {
        case .binary(let offset): return "binary file (NUL byte at offset \(offset)), skipped"
        }
    }
}

/// Turns raw input bytes into lines of scalars, keeping each scalar's raw byte span.
///
/// UTF-8 is the norm; a UTF-8 BOM is skipped, UTF-16 with a BOM is decoded, invalid UTF-8 becomes
/// U+FFFD (one per maximal invalid subsequence, as the Unicode standard recommends) and is counted.
/// Lines end at LF, CRLF, CR, U+2028 and U+2029; the line end is not part of the line.
/// Lines are handed out one at a time so memory stays proportional to the longest line.
public enum TextDecoder {
    /// Encoding and where the text starts after a BOM. A NUL byte in a file without a UTF-16 BOM
    /// means it is not text.
    public static func detect(_ raw: [UInt8]) throws -> (info: TextEncodingInfo, bodyStart: Int) {
        var info = TextEncodingInfo()
        if raw.count >= 3, raw[0] == 0xEF, raw[1] == 0xBB, raw[2] == 0xBF {
            info.byteOrderMark = true
            return try checkText(raw, from: 3, info)
        }
        if raw.count >= 2, raw[0] == 0xFF, raw[1] == 0xFE {
            info.byteOrderMark = true
            info.encoding = .utf16LE
            return (info, 2)
        }
        if raw.count >= 2, raw[0] == 0xFE, raw[1] == 0xFF {
            info.byteOrderMark = true
            info.encoding = .utf16BE
            return (info, 2)
        }
        return try checkText(raw, from: 0, info)
    }

    private static func checkText(_ raw: [UInt8], from start: Int, _ info: TextEncodingInfo) throws
        -> (info: TextEncodingInfo, bodyStart: Int)
    {
        if let nul = raw[start...].firstIndex(of: 0) { throw DecodingError.binary(offset: nul) }
        return (info, start)
    }

    /// Calls `body` with each line's scalars and the raw span of the line end that follows it
    /// (empty at the end of input). Returns the number of replacement characters inserted.
    @discardableResult
    public static func forEachLine(
        _ raw: [UInt8], info: TextEncodingInfo, from start: Int,
        _ body: (_ line: [DecodedScalar], _ lineEnd: Range<Int>) -> Void
    ) -> Int {
        // Decoded a line at a time into a buffer, then split here: a line buffer and a pending CR
        // captured by a per-scalar callback of the decoder were boxed, and every scalar paid two
        // dynamic exclusivity checks and a retain and release for them.
        var line: [DecodedScalar] = []
        var chunk: [DecodedScalar] = []
        var replacements = 0
        var pendingCR: DecodedScalar?
        var i = start
        while i < raw.count {
            chunk.removeAll(keepingCapacity: true)
            switch info.encoding {
            case .utf8: i = decodeUTF8(raw, from: i, into: &chunk, replacements: &replacements)
            case .utf16LE, .utf16BE:
                i = decodeUTF16(
                    raw, from: i, bigEndian: info.encoding == .utf16BE, into: &chunk, replacements: &replacements)
            }
            for s in chunk {
                if let cr = pendingCR {
                    pendingCR = nil
                    if s.value == "\n" {
                        body(line, cr.rawStart..<s.rawEnd)
                        line.removeAll(keepingCapacity: true)
                        continue
                    }
                    body(line, cr.rawStart..<cr.rawEnd)
                    line.removeAll(keepingCapacity: true)
                }
                switch s.value {
                case "\r": pendingCR = s
                case "\n", "\u{2028}", "\u{2029}":
                    body(line, s.rawStart..<s.rawEnd)
                    line.removeAll(keepingCapacity: true)
                default: line.append(s)
                }
            }
        }
        if let cr = pendingCR {
            body(line, cr.rawStart..<cr.rawEnd)
            line.removeAll()
        }
        if !line.isEmpty { body(line, raw.count..<raw.count) }
        return replacements
    }

    /// A line end: the decoders stop after one, so that a line at a time is buffered.
    @inline(__always) private static func endsLine(_ value: UInt32) -> Bool {
        value == 0x0A || value == 0x0D || value == 0x2028 || value == 0x2029
    }

    /// Decodes from `start` up to and including the first line end (or to the end); returns where it stopped.
    private static func decodeUTF8(
        _ raw: [UInt8], from start: Int, into out: inout [DecodedScalar], replacements: inout Int
    ) -> Int {
        var i = start
        let n = raw.count
        while i < n {
            let b0 = raw[i]
            if b0 < 0x80 {
                out.append(DecodedScalar(value: Unicode.Scalar(b0), rawStart: i, rawEnd: i + 1))
                i += 1
                if b0 == 0x0A || b0 == 0x0D { return i }
                continue
            }
            // Expected length and the valid range of the second byte (Unicode Table 3-7).
            var length = 0, low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch b0 {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: length = 0
            }
            var value = UInt32(0)
            var consumed = 1
            var valid = length > 0
            if valid {
                value = UInt32(b0) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                while consumed < length {
                    let j = i + consumed
                    guard j < n else { valid = false; break }
                    let b = raw[j]
                    let (lo, hi) = consumed == 1 ? (low, high) : (UInt8(0x80), UInt8(0xBF))
                    guard b >= lo && b <= hi else { valid = false; break }
                    value = (value << 6) | UInt32(b & 0x3F)
                    consumed += 1
                }
            }
            if valid, let scalar = Unicode.Scalar(value) {
                out.append(DecodedScalar(value: scalar, rawStart: i, rawEnd: i + consumed))
                if endsLine(value) { return i + consumed }
            } else {
                // A maximal invalid subsequence becomes one U+FFFD.
                out.append(DecodedScalar(value: "\u{FFFD}", rawStart: i, rawEnd: i + consumed))
                replacements += 1
            }
            i += consumed
        }
        return i
    }

    /// As `decodeUTF8`, for UTF-16 (the line ends are all in the BMP).
    private static func decodeUTF16(
        _ raw: [UInt8], from start: Int, bigEndian: Bool,
        into out: inout [DecodedScalar], replacements: inout Int
    ) -> Int {
        var i = start
        func unit(_ at: Int) -> UInt16 {
            bigEndian ? UInt16(raw[at]) << 8 | UInt16(raw[at + 1]) : UInt16(raw[at + 1]) << 8 | UInt16(raw[at])
        }
        while i + 1 < raw.count {
            let u = unit(i)
            if UTF16.isLeadSurrogate(u), i + 3 < raw.count, UTF16.isTrailSurrogate(unit(i + 2)) {
                let value = 0x10000 + ((UInt32(u) - 0xD800) << 10) + (UInt32(unit(i + 2)) - 0xDC00)
                out.append(DecodedScalar(value: Unicode.Scalar(value)!, rawStart: i, rawEnd: i + 4))
                i += 4
            } else if let scalar = Unicode.Scalar(u) {
                out.append(DecodedScalar(value: scalar, rawStart: i, rawEnd: i + 2))
                i += 2
                if endsLine(scalar.value) { return i }
            } else {
                out.append(DecodedScalar(value: "\u{FFFD}", rawStart: i, rawEnd: i + 2))
                replacements += 1
                i += 2
            }
        }
        if i < raw.count { // odd trailing byte
            out.append(DecodedScalar(value: "\u{FFFD}", rawStart: i, rawEnd: raw.count))
            replacements += 1
        }
        return raw.count
    }
}
