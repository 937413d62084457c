import Foundation
import XCTest

@testable import Warta

/// A new form's rows of the `LexemeTable` (its form-part bits and start-rule bits), computed by visiting
/// only the start elements of the tests the form passes (`StartElementsByTest`) and skipping the test
/// groups whose `in:` lists cannot start with it (`TokenTestRef.requiredListMask`), against plain
/// references: every start element visited in turn, every test asked in full.
final class NewFormAnswersTests: XCTestCase, RuleFixtures {
    /// The bits the old loop set: every element in turn, its test's bit (or no number), then its list.
    static func referenceRow(
        _ elements: [StartElementsByTest.Element], testCount: Int, formBits: [UInt64], words: Int,
        mayStart: (Int) -> Bool
    ) -> [UInt64] {
        var row = [UInt64](repeating: 0, count: words)
        for e in elements {
            let passes =
                e.formID < 0
                || (e.formID < testCount && formBits[e.formID >> 6] & (1 << UInt64(e.formID & 63)) != 0)
            guard passes, e.list < 0 || mayStart(e.list) else { continue }
            row[e.word] |= e.bit
        }
        return row
    }

    /// Random elements (tests numbered past the count included, lists past 64), random form bits and
    /// lists, from four threads: the same rows as the reference.
    func testFiledElementsSetTheBitsOfTheElementLoop() {
        let failures = Counter()
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            var rng = SplitMix(seed: UInt64(thread) &+ 17)
            for _ in 0..<300 {
                let testCount = Int(rng.next() % 150)
                let words = 1 + Int(rng.next() % 4)
                let elements = (0..<Int(rng.next() % 200)).map { _ in
                    StartElementsByTest.Element(
                        word: Int(rng.next() % UInt64(words)), bit: 1 << (rng.next() % 64),
                        formID: Int(rng.next() % UInt64(testCount + 3)) - 1,
                        list: rng.next() % 3 == 0 ? -1 : Int(rng.next() % 90))
                }
                let testWords = (testCount + 63) / 64
                // The form's row sits among others (`base`), as in the table's scratch rows.
                let base = Int(rng.next() % 3)
                var bits = (0..<(base + testWords + 1)).map { _ in rng.next() & rng.next() }
                if testCount % 64 != 0 { bits[base + testWords - 1] &= (1 << UInt64(testCount % 64)) - 1 }
                let lists = Set((0..<8).map { _ in Int(rng.next() % 90) })
                let filed = StartElementsByTest(elements, testCount: testCount)
                var row = [UInt64](repeating: 0, count: words)
                filed.forEachPassing(formBits: bits, base: base, words: testWords, mayStart: lists.contains) {
                    row[$0] |= $1
                }
                let reference = Self.referenceRow(
                    elements, testCount: testCount, formBits: Array(bits[base..<base + testWords]), words: words,
                    mayStart: lists.contains)
                if row != reference { failures.add() }
            }
        }
        XCTAssertEqual(failures.value, 0)
    }

    /// The real rules over the seeds and words written here (a new table, so every form is new once):
    /// every form's form-part bits are those of each test asked in full, and its start-rule bits those of
    /// every non-entity start element of every rule in turn.
    func testNewFormRowsAreThoseOfThePlainComputation() throws {
        let rules = try RuleSet.load(Repo.pipelines.appendingPathComponent("rules/entities.yaml"))
        let stage = TagStage(rules: rules)
        let table = stage.lexemes
        var tests = [TokenTestRef?](repeating: nil, count: rules.formTestCount)
        var elements: [StartElementsByTest.Element] = []
        for (p, phase) in rules.phases.enumerated() {
            guard case .match(_, _, let phaseRules) = phase else { continue }
            for (r, rule) in phaseRules.enumerated() {
                for ref in rule.pattern.elements.map(\.testRef) + rule.pattern.context.refs where ref.formID >= 0 {
                    tests[ref.formID] = ref
                }
                for e in rule.pattern.startElements where rule.pattern.steps[e].kind != .entity {
                    let step = rule.pattern.steps[e]
                    elements.append(
                        .init(
                            word: table.ruleWordOffset[p] + r >> 6, bit: 1 << UInt64(r & 63),
                            formID: rule.pattern.elements[e].testRef.formID,
                            list: step.kind == .listEntry ? step.list : -1))
                }
            }
        }
        for g in rules.gazetteers { for ref in g.context.refs where ref.formID >= 0 { tests[ref.formID] = ref } }
        let files = try FileManager.default.contentsOfDirectory(
            at: Repo.seedsDirectory, includingPropertiesForKeys: nil
        )
        .filter { $0.pathExtension == "txt" }.sorted { $0.path < $1.path }
        var documents = try files.map { try tokenized(String(contentsOf: $0, encoding: .utf8)) }
        documents.append(
            try tokenized(
                "Pak Budi dari Kabupaten Sukamaju bertemu Ketua DPRD Jawa Barat di Jakarta pada 12 Januari 2025. "
                    + "Ångström ÅNGSTRÖM Straße e\u{301} Rp1.000 Ke-3 (19) UU No. 5 Tahun 2024 PT Maju Jaya Tbk."))
        var checked = 0
        for document in documents {
            let plain = TokenView(document)
            let view = TokenView(document, lexemes: table)
            let lexemes = try XCTUnwrap(view.lexemes)
            for (t, f) in plain.features.enumerated() {
                let row = Int(lexemes.ids[t])
                XCTAssertGreaterThanOrEqual(row, 0)
                let lists = rules.listsStartingWith.value(f.folded, hash: f.foldedHash, isASCII: f.isASCII) ?? []
                let mask = lists.reduce(UInt64(0)) { $1 < 64 ? $0 | 1 << UInt64($1) : $0 }
                let mayStart = { (l: Int) in lists.contains(Int32(l)) }
                var reference = [UInt64](repeating: 0, count: table.formWords)
                for case let test? in tests {
                    let holds = test.formPartHolds(
                        text: f.text, folded: f.folded, shape: f.shape, textHash: f.textHash, foldedHash: f.foldedHash,
                        isASCII: f.isASCII, listMask: mask, mayStart: mayStart, tries: rules.lists)
                    if holds { reference[test.formID >> 6] |= 1 << UInt64(test.formID & 63) }
                }
                let bits = (0..<table.formWords).map { table.formBits.word(row, $0) }
                XCTAssertEqual(bits, reference, "form bits of \(f.text)")
                let rules = Self.referenceRow(
                    elements, testCount: tests.count, formBits: reference, words: table.ruleWords, mayStart: mayStart)
                XCTAssertEqual((0..<table.ruleWords).map { table.startRules.word(row, $0) }, rules, f.text)
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 1000)
    }
}

/// A count shared by threads.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}

/// SplitMix64, a small seeded generator.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
