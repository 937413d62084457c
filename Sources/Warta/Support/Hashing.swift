import Crypto
import Foundation

public enum Hashing {
    public static func sha256Hex<D: DataProtocol>(_ data: D) -> String {
        hex(SHA256.hash(data: data))
    }

    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Lower-case hex of a digest (what `String(format: "%02x")` per byte gives, without Foundation's
    /// formatter, which costs more than the hash of a small file).
    public static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// One hash over several files: each file's path relative to `base`, its length and its bytes.
    public static func sha256Hex(files: [URL], relativeTo base: URL) throws -> String {
        var hasher = SHA256()
        for url in files {
            let data = try FileBytes.configuration(url.path, what: "file")
            let name = relativePath(url, to: base)
            hasher.update(data: Array("\(name)\n\(data.count)\n".utf8))
            hasher.update(data: data)
        }
        return hex(hasher.finalize())
    }

    static func relativePath(_ url: URL, to base: URL) -> String {
        let path = url.standardizedFileURL.path, basePath = base.standardizedFileURL.path
        return path.hasPrefix(basePath + "/") ? String(path.dropFirst(basePath.count + 1)) : path
    }
}
