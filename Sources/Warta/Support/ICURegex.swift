import CWartaICU
import Foundation

/// An ICU regular expression, called through ICU's C API on UTF-16 that the caller converts once.
///
/// Why not `NSRegularExpression`: it bridges every subject to an `NSString` and copies it to UTF-16 at
/// each call, which cost thousands of instructions per try even when the pattern fails at the first
/// character (normalize tries a dozen furniture patterns on every line, the tagger a pattern on many
/// tokens). Same ICU syntax, from the system ICU that the rest of warta uses.
///
/// Safe to share between threads: an ICU matcher holds the state of one match, so each call borrows
/// one from a small pool of clones of the compiled pattern (they share the pattern; the pool holds at
/// most one per thread that used the expression at the same time).
public final class ICURegex: @unchecked Sendable {
    public let pattern: String
    private let compiled: UnsafeMutableRawPointer
    private let lock = NSLock()
    private var idle: [UnsafeMutableRawPointer] = []

    public struct CompileError: Error, CustomStringConvertible {
        public let pattern: String
        public let reason: String
        public var description: String { "regular expression does not compile (\(reason)): \(pattern)" }
    }

    public init(_ pattern: String) throws {
        self.pattern = pattern
        let units = Array(pattern.utf16)
        var message = [CChar](repeating: 0, count: 128)
        let opened = units.withUnsafeBufferPointer { p in
            cwarta_regex_open(p.baseAddress, Int32(p.count), &message, Int32(message.count))
        }
        guard let opened else {
            let reason = message.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            throw CompileError(pattern: pattern, reason: reason)
        }
        compiled = opened
    }

    deinit {
        cwarta_regex_close(compiled)
        for matcher in idle { cwarta_regex_close(matcher) }
    }

    /// True when the whole of `text` (UTF-16) matches: the pattern may try other paths until one ends
    /// at the end of the text (not just the first match from the start).
    public func matchesWhole(_ text: [UInt16]) -> Bool { wholeMatch(text) == true }

    /// Whether the whole of `text` matches; nil when the match gave up at ICU's time or stack limit
    /// (`CWARTA_REGEX_TIME_LIMIT`: a pattern that backtracks without bound on this text).
    public func wholeMatch(_ text: [UInt16]) -> Bool? {
        let answer = withMatcher { m in
            text.withUnsafeBufferPointer { cwarta_regex_matches(m, $0.baseAddress, Int32($0.count)) }
        }
        return answer == -2 ? nil : answer == 1
    }

    /// False only when no text that begins with `prefix` (UTF-16) can match the pattern from its start,
    /// hence none matches it whole: ICU's anchored match on `prefix` alone failed without reading at
    /// its end. True otherwise (on an ICU error too).
    public func prefixMayMatch(_ prefix: [UInt16]) -> Bool {
        withMatcher { m in
            prefix.withUnsafeBufferPointer { cwarta_regex_prefix_may_match(m, $0.baseAddress, Int32($0.count)) != 0 }
        }
    }

    public func matchesWhole(_ text: String) -> Bool { matchesWhole(Array(text.utf16)) }

    /// The successive non-overlapping matches in `text` as UTF-16 offset ranges (empty ones included).
    public func matches(in text: [UInt16]) -> [Range<Int>] { allMatches(in: text).ranges }

    /// The successive matches in `text`, and whether the search gave up at ICU's time or stack limit
    /// (the matches before that point are kept).
    public func allMatches(in text: [UInt16]) -> (ranges: [Range<Int>], gaveUp: Bool) {
        withMatcher { m in
            text.withUnsafeBufferPointer { p -> ([Range<Int>], Bool) in
                var capacity: Int32 = 4
                while true {
                    var starts = [Int32](repeating: 0, count: Int(capacity))
                    var ends = [Int32](repeating: 0, count: Int(capacity))
                    var gaveUp: Int32 = 0
                    let count = cwarta_regex_find_all(
                        m, p.baseAddress, Int32(p.count), &starts, &ends, capacity, &gaveUp)
                    if count < 0 { return ([], false) }
                    if count <= capacity {
                        return ((0..<Int(count)).map { Int(starts[$0])..<Int(ends[$0]) }, gaveUp != 0)
                    }
                    capacity = count
                }
            }
        }
    }

    private func withMatcher<R>(_ body: (UnsafeMutableRawPointer) -> R) -> R {
        lock.lock()
        let borrowed = idle.popLast()
        lock.unlock()
        // A clone cannot fail but for lack of memory; the compiled pattern itself then serves, under
        // the lock, so that no two threads use it at once.
        guard let matcher = borrowed ?? cwarta_regex_clone(compiled) else {
            lock.lock()
            defer { lock.unlock() }
            return body(compiled)
        }
        defer {
            lock.lock()
            idle.append(matcher)
            lock.unlock()
        }
        return body(matcher)
    }
}
