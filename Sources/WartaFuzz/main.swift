// libFuzzer target: raw bytes -> normalize -> tokenize -> tag -> quotes -> the NDJSON record and the
// XML of one document (`FuzzCheck`). Only built when WARTA_FUZZ=1 is set (Package.swift, `make fuzz`),
// with `-sanitize=fuzzer,address`.
//
// A crash, a trap (index out of range, overflow), an address error or a record that is not valid JSON
// is a finding: libFuzzer writes the input to fuzz/artifacts/crash-*, and `make fuzz-regressions`
// copies it to Tests/Fixtures/fuzz/, which FuzzRegressionTests runs on every test run.
import CWartaFuzz
import Foundation
import Warta

/// The per-document stages of the pipeline named by WARTA_PIPELINE (default: pipelines/default.yaml,
/// relative to the working directory), loaded once.
let pipeline: Pipeline = {
    let path = ProcessInfo.processInfo.environment["WARTA_PIPELINE"] ?? "pipelines/default.yaml"
    do {
        return try Pipeline.load(URL(fileURLWithPath: path))
    } catch {
        StandardError.write("WartaFuzz: cannot load \(path): \(error)\n")
        exit(2)
    }
}()
_ = pipeline.stages.count

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
    let raw = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    FuzzCheck.run(raw, pipeline: pipeline)
    return 0
})
