// libFuzzer targets, chosen by WARTA_FUZZ_TARGET (default `document`). Only built when WARTA_FUZZ=1 is
// set (Package.swift, `make fuzz`), with `-sanitize=fuzzer,address`.
//
// - `document`: raw bytes -> normalize -> tokenize -> tag -> quotes -> the NDJSON record and the XML of
//   one document (`FuzzCheck`), with the pipeline named by WARTA_PIPELINE (default:
//   pipelines/default.yaml, relative to the working directory), loaded once.
// - `rules`: the bytes as a rules file (`RuleSet.load`), beside the real lists and gazetteers
//   (`make fuzz-rules`).
// - `pipeline`: the bytes as a pipeline file (`Pipeline.load`) in a copy of pipelines/ (`make fuzz-pipeline`).
// A loader may refuse its input (a `ConfigError` names the file and line): only a crash, a trap, an
// address error, a timeout or running out of memory is a finding.
//
// libFuzzer writes a finding's input to fuzz/artifacts/crash-*, and `make fuzz-regressions` copies it to
// Tests/Fixtures/fuzz/, which FuzzRegressionTests runs on every test run (documents only).
import CWartaFuzz
import Foundation
import Warta

let environment = ProcessInfo.processInfo.environment
let target = environment["WARTA_FUZZ_TARGET"] ?? "document"

/// The folder a configuration input is written into, beside the files it may name: `pipelines/` (or
/// WARTA_FUZZ_CONFIG_DIR), so that a rules input finds `../lists/...` and a pipeline input `lists/...`.
let configDirectory: URL = {
    let base = URL(fileURLWithPath: environment["WARTA_FUZZ_CONFIG_DIR"] ?? "pipelines")
    return target == "rules" ? base.appendingPathComponent("rules") : base
}()
/// One file per fuzzing process, rewritten for each input (hidden, so nothing else reads it).
let configFile = configDirectory.appendingPathComponent(".fuzz-\(getpid()).yaml")

func fuzzConfiguration(_ raw: [UInt8]) {
    guard FileManager.default.createFile(atPath: configFile.path, contents: Data(raw)) else {
        StandardError.write("WartaFuzz: cannot write \(configFile.path)\n")
        exit(2)
    }
    defer { unlink(configFile.path) }
    do {
        if target == "rules" {
            _ = try RuleSet.load(configFile)
        } else {
            _ = try Pipeline.load(configFile)
        }
    } catch is ConfigError {
        // Refused with a message: what a bad file should get.
    } catch {
        // Any other error type is a loader that does not say file and line: a finding.
        fatalError("\(target) loader threw \(type(of: error)): \(error)")
    }
}

let pipeline: Pipeline? = {
    guard target == "document" else { return nil }
    let path = environment["WARTA_PIPELINE"] ?? "pipelines/default.yaml"
    do {
        return try Pipeline.load(URL(fileURLWithPath: path))
    } catch {
        StandardError.write("WartaFuzz: cannot load \(path): \(error)\n")
        exit(2)
    }
}()
guard ["document", "rules", "pipeline"].contains(target) else {
    StandardError.write("WartaFuzz: WARTA_FUZZ_TARGET is document, rules or pipeline, not \(target)\n")
    exit(2)
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(
    LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        let raw = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
        if let pipeline {
            FuzzCheck.run(raw, pipeline: pipeline)
        } else {
            fuzzConfiguration(raw)
        }
        return 0
    })
