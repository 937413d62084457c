import CWartaICU

/// Swift face of the ICU calls warta needs; each works on UTF-8 without going through `String`.
public enum ICU {
    public static var version: String { String(cString: cwarta_icu_version()) }

    /// True when the UTF-8 bytes are already NFC. Pure ASCII is, without asking ICU.
    public static func isNFC<C: Collection>(_ utf8: C) -> Bool where C.Element == UInt8 {
        if utf8.allSatisfy({ $0 < 0x80 }) { return true }
        let bytes = Array(utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                cwarta_nfc_is_normalized_utf8($0.baseAddress, Int32($0.count)) == 1
            }
        }
    }

    /// True when NFC never combines `scalar` with what precedes it.
    public static func nfcBoundaryBefore(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x300 || cwarta_nfc_has_boundary_before(Int32(bitPattern: scalar.value)) == 1
    }

    public static func nfc(_ utf8: [UInt8]) -> [UInt8] { transform(utf8, cwarta_nfc_utf8) }

    /// Unicode full case folding (`Ä` → `ä`, `ß` → `ss`), for caseless matching.
    public static func foldCase(_ utf8: [UInt8]) -> [UInt8] {
        if utf8.allSatisfy({ $0 < 0x80 }) { return utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 } }
        return transform(utf8, cwarta_fold_case_utf8)
    }

    public static func foldCase(_ string: String) -> String {
        String(decoding: foldCase(Array(string.utf8)), as: UTF8.self)
    }

    private static func transform(
        _ utf8: [UInt8], _ f: (UnsafePointer<CChar>?, Int32, UnsafeMutablePointer<CChar>?, Int32) -> Int32
    ) -> [UInt8] {
        if utf8.isEmpty { return [] }
        var capacity = utf8.count * 3 + 8
        while true {
            var out = [UInt8](repeating: 0, count: capacity)
            let written = utf8.withUnsafeBufferPointer { src in
                src.withMemoryRebound(to: CChar.self) { s in
                    out.withUnsafeMutableBufferPointer { dst in
                        dst.withMemoryRebound(to: CChar.self) { d in
                            f(s.baseAddress, Int32(s.count), d.baseAddress, Int32(capacity))
                        }
                    }
                }
            }
            if written < 0 { return utf8 } // ICU failed: leave the text as it was.
            if Int(written) <= capacity {
                out.removeSubrange(Int(written)...)
                return out
            }
            capacity = Int(written)
        }
    }

    public enum BreakKind { case word, sentence }

    /// ICU break boundaries over UTF-8 `text` (byte offsets, after the start) and, for words, the rule
    /// status of each segment ending there.
    public static func boundaries(_ kind: BreakKind, _ text: [UInt8]) -> (offsets: [Int], statuses: [Int32]) {
        if text.isEmpty { return ([], []) }
        var capacity = max(16, kind == .word ? text.count / 2 + 8 : text.count / 40 + 8)
        let k = Int32(kind == .word ? CWARTA_BREAK_WORD : CWARTA_BREAK_SENTENCE)
        while true {
            var offsets = [Int64](repeating: 0, count: capacity)
            var statuses = [Int32](repeating: 0, count: capacity)
            let count = text.withUnsafeBufferPointer { src in
                src.withMemoryRebound(to: CChar.self) { s in
                    cwarta_break_utf8(k, s.baseAddress, Int64(s.count), &offsets, &statuses, Int64(capacity))
                }
            }
            if count < 0 { return ([text.count], [0]) }
            if Int(count) <= capacity {
                return (offsets[0..<Int(count)].map { Int($0) }, Array(statuses[0..<Int(count)]))
            }
            capacity = Int(count)
        }
    }
}
