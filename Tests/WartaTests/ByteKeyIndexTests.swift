import XCTest

@testable import Warta

/// `ByteKeyIndex` against a `Dictionary` of byte arrays: the same numbers for random keys (short, long,
/// empty, repeated), with the real hash and with hashes that collide on purpose (every key one of four
/// hashes, so probing and the byte comparison decide), across several growths of the slot array.
final class ByteKeyIndexTests: XCTestCase {
    func testTheIndexNumbersKeysAsADictionaryDoes() {
        var rng = SystemRandomNumberGenerator()
        for collide in [false, true] {
            var index = ByteKeyIndex()
            var reference: [[UInt8]: Int] = [:]
            for _ in 0..<(collide ? 3_000 : 20_000) {
                let length = Int.random(in: 0...9, using: &rng)
                let key = (0..<length).map { _ in UInt8.random(in: 97...100, using: &rng) }
                key.withUnsafeBufferPointer { bytes in
                    let hash = collide ? UInt64(key.count % 4) : StringSet.hash(bytes)
                    let found = index.find(bytes, hash: hash)
                    XCTAssertEqual(found, reference[key], "\(key), colliding hashes: \(collide)")
                    if found == nil {
                        let id = index.add(bytes, hash: hash)
                        XCTAssertEqual(id, reference.count)
                        reference[key] = id
                    }
                }
            }
            XCTAssertEqual(index.count, reference.count)
            XCTAssertGreaterThan(reference.count, 600, "the slot array (1,024 slots, grown past half full) grew")
        }
    }
}
