import Foundation
import XCTest

/// Issue 20: `scripts/eval_ner.py`'s idner country convention (`--no-idner-countries` turns it off). idner tags a
/// country LOC where it is used as a place and leaves it untagged where it names a state or its people as an actor
/// or a modifier; scored against idner, warta's country LOCs count only in locative use. And its parent-body
/// convention (`--no-idner-parent-bodies`): idner tags the party in `Fraksi Partai X`, not the unit; and its
/// office-place convention (`--no-idner-role-places`): idner leaves a place inside an office untagged. And NERGrit's
/// academic-unit convention (`--no-nergrit-academic-units`): NERGrit leaves a faculty, a department or a study
/// programme untagged and tags the university after it. And its government convention (`--no-nergrit-governments`):
/// NERGrit tags the place of `Pemerintah X`, not the government. Our own sentences.
final class NERScorerConventionTests: XCTestCase {
    var scripts: String { Repo.root.appendingPathComponent("scripts").path }

    /// The scored entities of one document, as `[type, text]` pairs, with the convention on or off.
    private func scored(
        _ text: String, _ entities: [(String, String, String)], countries: Bool = false, parents: Bool = false,
        rolePlaces: Bool = false, academicUnits: Bool = false, governments: Bool = false
    ) throws -> [[String]] {
        guard let python = which("python3") else { throw XCTSkip("python3 is not on the PATH") }
        var spans: [[String: Any]] = []
        var from = text.startIndex
        for (type, surface, rule) in entities {
            let range = try XCTUnwrap(text.range(of: surface, range: from..<text.endIndex), surface)
            let start = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: range.lowerBound)
            spans.append([
                "type": type, "start": start, "end": start + surface.unicodeScalars.count, "text": surface,
                "rule": rule
            ])
            from = range.lowerBound
        }
        let doc: [String: Any] = ["text": text, "entities": spans]
        let json = String(
            decoding: try JSONSerialization.data(withJSONObject: doc, options: [.sortedKeys]), as: UTF8.self)
        let code = """
            import json, sys
            sys.path.insert(0, sys.argv[1])
            import eval_ner
            doc = json.loads(sys.argv[2])
            out = eval_ner.scored_predictions(doc, True, False, False, sys.argv[3] == "on", sys.argv[4] == "on",
                                              sys.argv[5] == "on", sys.argv[6] == "on", sys.argv[7] == "on")
            print(json.dumps([[e["type"], doc["text"][e["start"]:e["end"]]] for e in out]))
            """
        let result = try runProcess(
            python,
            [
                "-c", code, scripts, json, countries ? "on" : "off", parents ? "on" : "off",
                rolePlaces ? "on" : "off", academicUnits ? "on" : "off", governments ? "on" : "off"
            ])
        XCTAssertEqual(result.status, 0, result.stderrText)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: result.stdout) as? [[String]])
    }

    func testACountryCountsOnlyWhereItIsUsedAsAPlace() throws {
        let text = "Warga Belanda itu tiba di Jepang, Korea Selatan dan Vietnam, lalu Belanda mengirim surat ke Kairo."
        let entities = [
            ("LOC", "Belanda", "gazetteer.countries"), ("LOC", "Jepang", "gazetteer.countries"),
            ("LOC", "Korea Selatan", "gazetteer.countries"), ("LOC", "Vietnam", "gazetteer.countries"),
            ("LOC", "Belanda", "gazetteer.countries"), ("LOC", "Kairo", "gazetteer.places")
        ]
        let on = try scored(text, entities, countries: true)
        XCTAssertEqual(
            on, [["LOC", "Jepang"], ["LOC", "Korea Selatan"], ["LOC", "Vietnam"], ["LOC", "Kairo"]],
            "a modifier (`Warga Belanda`) and an actor (`Belanda mengirim`) left out; a list opened by `di` kept; "
                + "a city (no country) always kept")
        let off = try scored(text, entities, countries: false)
        XCTAssertEqual(off.count, 6, "--no-idner-countries scores every country LOC")
    }

    func testOtherTypesAndPlacesInsideLongerEntitiesAreUntouched() throws {
        let text = "Kedutaan Besar Belanda menyambut delegasi Mesir di Gedung Merdeka."
        let entities = [
            ("ORG", "Kedutaan Besar Belanda", "org.head-name"), ("LOC", "Belanda", "gazetteer.countries"),
            ("LOC", "Mesir", "gazetteer.countries"), ("FAC", "Gedung Merdeka", "fac.head-name")
        ]
        XCTAssertEqual(
            try scored(text, entities, countries: true),
            [["ORG", "Kedutaan Besar Belanda"], ["LOC", "Gedung Merdeka"]],
            "the ORG stays whole; `delegasi Mesir` is a modifier; FAC is scored as LOC as before")
    }

    func testAUnitOfABodyIsScoredAsItsParentBody() throws {
        let text = "Fraksi Partai Hijau Raya menolak usul Komisi Kota Lama, kata Yayasan Pena Nusantara."
        let entities = [
            ("ORG", "Fraksi Partai Hijau Raya", "org.unit-of-body"), ("ORG", "Partai Hijau Raya", "org.head-name"),
            ("ORG", "Komisi Kota Lama", "org.unit-of-body"), ("LOC", "Kota Lama", "loc.head-place"),
            ("ORG", "Yayasan Pena Nusantara", "org.head-name"), ("ORG", "Nusantara", "gazetteer.institutions")
        ]
        XCTAssertEqual(
            try scored(text, entities, parents: true),
            [["ORG", "Partai Hijau Raya"], ["ORG", "Komisi Kota Lama"], ["ORG", "Yayasan Pena Nusantara"]],
            "the fraksi scored as its party; a unit holding no ORG and an ORG of another rule stay whole")
        XCTAssertEqual(
            try scored(text, entities, parents: false),
            [["ORG", "Fraksi Partai Hijau Raya"], ["ORG", "Komisi Kota Lama"], ["ORG", "Yayasan Pena Nusantara"]],
            "--no-idner-parent-bodies scores the unit")
    }

    func testAPlaceInsideAnOfficeIsLeftOut() throws {
        let text = "Bupati Lembah Hijau bertemu Ketua Dewan Kota Lama di Lembah Hijau."
        let entities = [
            ("ROLE", "Bupati Lembah Hijau", "role.office"), ("LOC", "Lembah Hijau", "loc.head-name"),
            ("ROLE", "Ketua Dewan Kota Lama", "role.office"), ("ORG", "Dewan Kota Lama", "org.head-place"),
            ("LOC", "Kota Lama", "loc.head-place"), ("LOC", "Lembah Hijau", "loc.head-name")
        ]
        XCTAssertEqual(
            try scored(text, entities, rolePlaces: true),
            [["ORG", "Dewan Kota Lama"], ["LOC", "Lembah Hijau"]],
            "the regent's place left out; the body inside an office and the place after `di` kept")
        XCTAssertEqual(
            try scored(text, entities, rolePlaces: false),
            [["LOC", "Lembah Hijau"], ["ORG", "Dewan Kota Lama"], ["LOC", "Lembah Hijau"]],
            "--no-idner-role-places scores the place inside the office")
    }

    func testAnAcademicUnitIsLeftOutAndItsUniversityScored() throws {
        let text =
            "Fakultas Teknik Universitas Lembah Hijau membuka Program Studi Geofisika bersama Yayasan Pena Nusantara."
        let entities = [
            ("ORG", "Fakultas Teknik Universitas Lembah Hijau", "org.unit-of-body"),
            ("ORG", "Universitas Lembah Hijau", "org.head-name"), ("LOC", "Lembah Hijau", "loc.head-name"),
            ("ORG", "Program Studi Geofisika", "org.head-name"), ("ORG", "Yayasan Pena Nusantara", "org.head-name")
        ]
        XCTAssertEqual(
            try scored(text, entities, academicUnits: true),
            [["ORG", "Universitas Lembah Hijau"], ["ORG", "Yayasan Pena Nusantara"]],
            "the faculty and the study programme left out, the university inside the faculty scored")
        XCTAssertEqual(
            try scored(text, entities, academicUnits: false),
            [
                ["ORG", "Fakultas Teknik Universitas Lembah Hijau"], ["ORG", "Program Studi Geofisika"],
                ["ORG", "Yayasan Pena Nusantara"]
            ],
            "--no-nergrit-academic-units scores the units as warta writes them")
    }

    func testAGovernmentIsScoredAsItsPlace() throws {
        let text =
            "Pemerintah Kabupaten Sukamaju dan Pemerintah Republik Antah bertemu Pemprov Sukamaju dan Pemerintah Pusat."
        let entities = [
            ("ORG", "Pemerintah Kabupaten Sukamaju", "org.government"),
            ("LOC", "Kabupaten Sukamaju", "gazetteer.regions"),
            ("ORG", "Pemerintah Republik Antah", "org.government"), ("LOC", "Republik Antah", "loc.state"),
            ("ORG", "Pemprov Sukamaju", "org.government"), ("LOC", "Sukamaju", "gazetteer.regions"),
            ("ORG", "Pemerintah Pusat", "org.government")
        ]
        XCTAssertEqual(
            try scored(text, entities, governments: true),
            [
                ["LOC", "Kabupaten Sukamaju"], ["LOC", "Republik Antah"], ["ORG", "Pemprov Sukamaju"],
                ["ORG", "Pemerintah Pusat"]
            ],
            "`Pemerintah X` holding a place gives the place; a short form and a government with no place stay whole")
        XCTAssertEqual(
            try scored(text, entities, governments: false),
            [
                ["ORG", "Pemerintah Kabupaten Sukamaju"], ["ORG", "Pemerintah Republik Antah"],
                ["ORG", "Pemprov Sukamaju"],
                ["ORG", "Pemerintah Pusat"]
            ], "--no-nergrit-governments scores the government as warta writes it (the nested places left out)")
    }
}
