import Foundation
import XCTest

@testable import Warta

/// Every input the fuzzer (`make fuzz`) ever flagged, plus hand-made edge cases, in Tests/Fixtures/fuzz/:
/// each goes through the default pipeline's per-document stages and both writers with the fuzz target's
/// checks (`FuzzCheck`), so a crash found once stays fixed. `make fuzz-regressions` copies new findings there.
final class FuzzRegressionTests: XCTestCase {
    static let fixtures = Repo.root.appendingPathComponent("Tests/Fixtures/fuzz")

    func testEveryFuzzFindingRunsCleanly() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path).filter {
            !$0.hasPrefix(".")
        }.sorted()
        XCTAssertFalse(names.isEmpty, "no fuzz fixtures in \(Self.fixtures.path)")
        let pipeline = try DefaultPipeline.load()
        for name in names {
            let raw = Array(try Data(contentsOf: Self.fixtures.appendingPathComponent(name)))
            FuzzCheck.run(raw, pipeline: pipeline) // traps on a finding, as in the fuzzer
        }
    }
}
