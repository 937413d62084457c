import CWartaIO
import Crypto
import Foundation

public enum WartaInfo {
    /// The release's version number, shown in run.json. It does not identify the code (it stayed
    /// 0.1.0 for 177 commits): `buildIdentity` does.
    public static let version = "0.1.0"

    /// What decides the output besides the configuration: the linker's GNU build ID of the running
    /// executable, `build-id:<hex>` (a hash of the linked output, so any change of code, compiler or
    /// static library changes it), read from the program's own notes in memory. An executable linked
    /// without one is identified by its SHA-256, `sha256:<hex>` (reading all of it, about 15 ms).
    /// The incremental-run manifest is keyed on it and on `ICU.version` (ICU's break rules and
    /// normalization data change tokens and text), so an upgrade never carries stale records over.
    /// When the executable cannot be read either, the version number stands in.
    public static let buildIdentity: String = {
        if let id = runningBuildID() { return "build-id:" + Hashing.hex(id) }
        return fileSHA256Identity("/proc/self/exe") ?? "version " + version
    }()

    /// The GNU build ID of the running program; nil when it was linked without one.
    public static func runningBuildID() -> [UInt8]? {
        var id = [UInt8](repeating: 0, count: 64)
        let n = Int(id.withUnsafeMutableBufferPointer { cwarta_build_id($0.baseAddress, Int32($0.count)) })
        guard n > 0 else { return nil }
        if n > id.count {
            id = [UInt8](repeating: 0, count: n)
            guard Int(id.withUnsafeMutableBufferPointer { cwarta_build_id($0.baseAddress, Int32($0.count)) }) == n
            else { return nil }
        }
        return Array(id.prefix(n))
    }

    /// `sha256:<hex>` of the file at `path`, read in 1 MiB blocks; nil when it cannot be read.
    public static func fileSHA256Identity(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return nil }
            if n == 0 { break }
            hasher.update(data: buffer[0..<n])
        }
        return "sha256:" + Hashing.hex(hasher.finalize())
    }
}
