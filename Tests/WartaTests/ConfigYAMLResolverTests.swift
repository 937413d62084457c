import Foundation
import XCTest
import Yams

@testable import Warta

/// `ConfigYAML.resolver` (Yams' default rules behind one shortcut rule) against `Resolver.default`, the
/// reference: the same tag for every string, and the same trees from the shipped configuration files.
final class ConfigYAMLResolverTests: XCTestCase {
    static var shippedFiles: [URL] {
        let rules = Repo.pipelines.appendingPathComponent("rules")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: rules.path)) ?? []
        return [Repo.defaultPipeline]
            + names.sorted().filter { $0.hasSuffix(".yaml") }.map { rules.appendingPathComponent($0) }
    }

    func testEveryStringGetsTheDefaultResolversTag() throws {
        var strings = Set(YAMLKeyLookupTests.askedKeys + YAMLKeyLookupTests.trickyKeys)
        for url in Self.shippedFiles {
            var stack = [try XCTUnwrap(try Yams.compose(yaml: String(contentsOf: url, encoding: .utf8)))]
            while let node = stack.popLast() {
                switch node {
                case .scalar(let s): strings.insert(s.string)
                case .alias: break
                case .sequence(let items): stack.append(contentsOf: items)
                case .mapping(let m): for (k, v) in m { stack.append(k); stack.append(v) }
                }
            }
        }
        XCTAssertGreaterThan(strings.count, 1000)
        let letters = "abcdefghijklmnopqrstuvwxyz_".map(String.init)
        strings.formUnion(letters + letters.flatMap { a in letters.map { a + $0 } })
        let words = ["yes", "no", "true", "false", "on", "off", "null", "inf", "nan", "file"]
        for word in words {
            for variant in [
                word, word.uppercased(), word.capitalized, "." + word, word + "\n", word + " ", "_" + word, word + "s"
            ] {
                strings.insert(variant)
                strings.insert(String(variant.dropLast()))
            }
        }
        strings.formUnion(["", "~", "<<", "=", "0", "1_000", "0x1f", "0o17", "1:20", "1.5e3", "2024-01-02", "a1", "a-b"]
        )
        var str = 0
        for s in strings {
            let expected = Resolver.default.resolveTag(of: Yams.Node(s))
            XCTAssertEqual(ConfigYAML.resolver.resolveTag(of: Yams.Node(s)), expected, "'\(s)'")
            if expected == .str { str += 1 }
        }
        XCTAssertGreaterThan(str, 1000)
        XCTAssertLessThan(str, strings.count) // bool, null, int, float... strings were asked too
    }

    func testTheShippedFilesComposeToTheSameTrees() throws {
        for url in Self.shippedFiles {
            let text = try String(contentsOf: url, encoding: .utf8)
            let reference = try XCTUnwrap(try Yams.compose(yaml: text))
            let composed = try XCTUnwrap(try ConfigYAML.compose(text, file: url.path))
            XCTAssertEqual(composed, reference, url.lastPathComponent) // tags compared as resolved
        }
        let tricky = "plain: 1\n'yes': 2\nyes: 3\nno: [on, off, 'null', null, ~, 12, '12', 1.5, file]\n"
        XCTAssertEqual(try ConfigYAML.compose(tricky, file: "t"), try Yams.compose(yaml: tricky))
        // The parser refuses the same duplicates: `yes` and `'yes'` differ, two plain `file` keys do not.
        XCTAssertThrowsError(try ConfigYAML.compose("file: 1\nfile: 2\n", file: "t"))
    }
}
