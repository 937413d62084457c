import Crypto
import Foundation

public enum Hashing {
    public static func sha256Hex<D: DataProtocol>(_ data: D) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// One hash over several files: each file's path relative to `base`, its length and its bytes.
    public static func sha256Hex(files: [URL], relativeTo base: URL) throws -> String {
        var hasher = SHA256()
        for url in files {
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw ConfigError(file: url.path, "cannot read the file")
            }
            let name = relativePath(url, to: base)
            hasher.update(data: Array("\(name)\n\(data.count)\n".utf8))
            hasher.update(data: data)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    static func relativePath(_ url: URL, to base: URL) -> String {
        let path = url.standardizedFileURL.path, basePath = base.standardizedFileURL.path
        return path.hasPrefix(basePath + "/") ? String(path.dropFirst(basePath.count + 1)) : path
    }
}
