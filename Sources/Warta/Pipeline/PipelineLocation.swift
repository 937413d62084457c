import Foundation

/// Where the pipeline file is when none is given: so that an installed warta runs from any folder
/// (cron starts jobs in the home folder).
public enum PipelineLocation {
    /// The environment variable naming the pipeline file.
    public static let environmentVariable = "WARTA_PIPELINE"

    /// `--pipeline` when given; else `$WARTA_PIPELINE`; else `share/warta/pipelines/default.yaml` beside
    /// the executable's `bin/` (`make install PREFIX=...`); else `pipelines/default.yaml` in the
    /// current folder (a run from the repository root).
    public static func resolve(
        explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
        executable: String? = executablePath()
    ) -> String {
        if let explicit { return explicit }
        if let fromEnvironment = environment[environmentVariable], !fromEnvironment.isEmpty { return fromEnvironment }
        if let executable {
            let prefix = URL(fileURLWithPath: executable).deletingLastPathComponent().deletingLastPathComponent()
            let installed = prefix.appendingPathComponent("share/warta/pipelines/default.yaml").path
            if FileManager.default.fileExists(atPath: installed) { return installed }
        }
        return "pipelines/default.yaml"
    }

    /// The running executable's path (`/proc/self/exe`, links resolved), or nil.
    public static func executablePath() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
