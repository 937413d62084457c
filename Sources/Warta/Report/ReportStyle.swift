import Crypto
import Foundation

/// The look shared by every page: the stylesheet (written once as `report.css`), the entity types'
/// colours and legend, the page frame, and the one inline script (the filter of a table).
///
/// Pages allow no network and no script but the filter: a Content-Security-Policy names the
/// filter's SHA-256, so even text that escaped its escaping could not run.
enum ReportStyle {
    static let stylesheetName = "report.css"

    /// The types in the legend's order, with a background and a darker colour (border and label) each;
    /// text on the backgrounds is the page's near-black (contrast above 12:1), labels above 4.5:1 on white.
    static let types: [(name: String, background: String, accent: String)] = [
        ("PERSON", "#fde2e7", "#a3123a"),
        ("ROLE", "#fdf0c4", "#7a5300"),
        ("ORG", "#dbe8fd", "#1d4ed8"),
        ("LOC", "#d9f5e1", "#166534"),
        ("FAC", "#ebe5fd", "#5b21b6"),
        ("DATE", "#d8f0fb", "#075985"),
        ("LAW", "#f8e1fb", "#86198f"),
        ("EVENT", "#fde6d2", "#9a3412")
    ]

    static func typeClass(_ type: String) -> String {
        types.contains { $0.name == type } ? "t-\(type)" : "t-other"
    }

    static let css: String = {
        var css = """
            :root { --ink: #1c1e21; --muted: #5b6068; --line: #d9dce1; --paper: #ffffff; --tint: #f5f6f8; --link: #0b57c2; }
            * { box-sizing: border-box; }
            body { margin: 0; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: var(--ink); background: var(--tint); }
            header.top { background: #22303f; color: #fff; padding: 14px 28px; }
            header.top h1 { margin: 0; font-size: 20px; font-weight: 600; }
            header.top .sub { color: #c9d3de; font-size: 13px; }
            header.top a { color: #c9e0ff; }
            main { max-width: 1180px; margin: 0 auto; padding: 18px 28px 48px; }
            section { background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: 14px 20px; margin: 16px 0; }
            h2 { font-size: 17px; margin: 4px 0 10px; }
            h3 { font-size: 15px; margin: 12px 0 6px; }
            a { color: var(--link); }
            table { border-collapse: collapse; width: 100%; font-size: 14px; }
            th, td { text-align: left; padding: 4px 10px 4px 0; border-bottom: 1px solid var(--line); vertical-align: top; }
            th { color: var(--muted); font-weight: 600; font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
            td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
            code, .mono, .off { font-family: "DejaVu Sans Mono", ui-monospace, Menlo, monospace; font-size: 12.5px; }
            .off { color: var(--muted); }
            .muted { color: var(--muted); }
            .columns { display: grid; grid-template-columns: 3fr 2fr; gap: 0 32px; }
            .columns th { text-transform: none; letter-spacing: 0; }
            td.mono { word-break: break-all; }
            .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(250px, 1fr)); gap: 8px 22px; }
            .figures { display: flex; flex-wrap: wrap; gap: 10px; }
            .figure { background: var(--tint); border-radius: 6px; padding: 8px 14px; min-width: 120px; }
            .figure b { display: block; font-size: 22px; font-variant-numeric: tabular-nums; }
            .figure span { color: var(--muted); font-size: 12px; }
            .legend { display: flex; flex-wrap: wrap; gap: 6px; margin: 4px 0 8px; }
            .chip { border-radius: 4px; padding: 1px 8px; font-size: 12px; font-weight: 600; border: 1px solid; }
            .doctext { white-space: pre-wrap; font-size: 16px; line-height: 2.05; background: var(--paper); }
            mark.ent { color: var(--ink); border-radius: 4px; border: 1px solid; padding: 1px 2px; position: relative; }
            mark.ent mark.ent { padding: 0 2px; }
            mark.ent::after { content: attr(data-type); font-size: 9.5px; font-weight: 700; letter-spacing: .02em; margin-left: 3px; vertical-align: 1px; }
            mark.ent:hover, mark.ent:focus { outline: 2px solid var(--ink); outline-offset: 1px; }
            mark.ent:hover::before, mark.ent:focus::before { content: attr(data-info); position: absolute; left: 0; top: 100%; z-index: 5; white-space: pre; background: #22303f; color: #fff; font: 12px/1.4 "DejaVu Sans Mono", ui-monospace, monospace; padding: 4px 8px; border-radius: 4px; }
            .quote { background: #f1f3f5; border-bottom: 2px solid #66707a; }
            .quote.repeat { border-bottom: 2px dashed #a3123a; }
            .said { font-size: 12px; font-weight: 600; text-decoration: none; background: #22303f; color: #fff; border-radius: 10px; padding: 1px 8px; margin: 0 3px; white-space: nowrap; }
            .said.cluster { background: #a3123a; }
            .reported { text-decoration: underline dotted #66707a; text-underline-offset: 4px; }
            ins.d, del.d, mark.d { text-decoration: none; border-radius: 3px; padding: 1px 2px; color: var(--ink); }
            ins.d { background: #c8f2cf; border: 1px solid #1a7f37; }
            del.d { background: #ffd7d5; border: 1px solid #b42318; text-decoration: line-through #b42318; }
            mark.d { background: #fff0b3; border: 1px solid #8a6100; }
            ins.d::after, del.d::after, mark.d::after { content: attr(data-mark); font-size: 9.5px; font-weight: 700; margin-left: 3px; }
            .k-added { color: #1a7f37; font-weight: 600; } .k-removed { color: #b42318; font-weight: 600; } .k-changed { color: #8a6100; font-weight: 600; }
            input.filter { font: inherit; padding: 5px 10px; width: 320px; max-width: 100%; border: 1px solid var(--line); border-radius: 6px; margin-bottom: 8px; }
            .cluster { border-top: 1px solid var(--line); padding: 8px 0; }
            .cluster blockquote { margin: 4px 0 6px; padding: 4px 12px; border-left: 3px solid #a3123a; background: var(--tint); }
            .warn { color: #9a3412; }
            nav.pager { display: flex; justify-content: space-between; font-size: 14px; }

            """
        for t in types {
            css += "mark.t-\(t.name) { background: \(t.background); border-color: \(t.accent); }\n"
            css += "mark.t-\(t.name)::after, .chip.t-\(t.name) { color: \(t.accent); }\n"
            css += ".chip.t-\(t.name) { background: \(t.background); border-color: \(t.accent); }\n"
        }
        css += "mark.t-other { background: #eceef1; border-color: #5b6068; }\nmark.t-other::after { color: #5b6068; }\n"
        return css
    }()

    /// Filters the rows of the table after each `input.filter` by the text typed in it; then marks the page
    /// (`data-filter="on"` on `<html>`), which the browser test reads to know the policy let it run.
    static let script = """
        document.querySelectorAll('input.filter').forEach(function (input) {
          var table = input.nextElementSibling;
          input.addEventListener('input', function () {
            var q = input.value.toLowerCase();
            table.querySelectorAll('tbody tr').forEach(function (row) {
              row.hidden = q !== '' && row.textContent.toLowerCase().indexOf(q) < 0;
            });
          });
        });
        document.documentElement.setAttribute('data-filter', 'on');
        """

    static let scriptHash = "sha256-" + Data(SHA256.hash(data: Array(script.utf8))).base64EncodedString()

    /// The start of a page up to `<main>`; `root` is the way back to the report folder ("" or "../").
    static func head(title: String, subtitle: String, root: String, script: Bool = false) -> String {
        let policy =
            "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src "
            + (script ? "'\(scriptHash)'" : "'none'")
        return """
            <!DOCTYPE html>
            <html lang="id">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="\(policy)">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escape(title))</title>
            <link rel="stylesheet" href="\(root)\(stylesheetName)">
            </head>
            <body>
            <header class="top"><h1>\(HTML.escape(title))</h1><div class="sub">\(subtitle)</div></header>
            <main>

            """
    }

    static func foot(script withScript: Bool = false) -> String {
        (withScript ? "<script>\(script)</script>\n" : "") + "</main>\n</body>\n</html>\n"
    }

    /// The chips of the entity types.
    static var legend: String {
        "<div class=\"legend\" aria-label=\"entity types\">"
            + types.map { "<span class=\"chip t-\($0.name)\">\($0.name)</span>" }.joined() + "</div>"
    }
}
