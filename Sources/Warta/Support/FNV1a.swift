/// FNV-1a (64 bits) over bytes, continued part by part: `FNV1a().add(a).add(b).value` is the hash of `a`
/// followed by `b`. The one implementation of the hash that `StringSet`, the learned tagger's features
/// (`NERFeatures`) and dedup's word keys (`DedupRules.fnv`) use.
struct FNV1a: Sendable {
    var value: UInt64 = 0xcbf2_9ce4_8422_2325

    @inline(__always)
    func add<S: Sequence>(_ bytes: S) -> FNV1a where S.Element == UInt8 {
        var h = value
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return FNV1a(value: h)
    }

    @inline(__always)
    func add(_ text: StaticString) -> FNV1a {
        text.withUTF8Buffer { add($0) }
    }
}
