import Crypto
import Foundation

public enum WartaInfo {
    /// The release's version number, shown in run.json. It does not identify the code (it stayed
    /// 0.1.0 for 177 commits): `buildIdentity` does.
    public static let version = "0.1.0"

    /// What decides the output besides the configuration: the SHA-256 of the running executable (any
    /// change of code, compiler or static library changes it), computed once when first asked.
    /// The incremental-run manifest is keyed on it and on `ICU.version` (ICU's break rules and
    /// normalization data change tokens and text), so an upgrade never carries stale records over.
    /// When the executable cannot be read, the version number stands in.
    public static let buildIdentity: String = {
        guard let fd = Optional(open("/proc/self/exe", O_RDONLY | O_CLOEXEC)), fd >= 0 else {
            return "version " + version
        }
        defer { close(fd) }
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return "version " + version }
            if n == 0 { break }
            hasher.update(data: buffer[0..<n])
        }
        return "sha256:" + Hashing.hex(hasher.finalize())
    }()
}
