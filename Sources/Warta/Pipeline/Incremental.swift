import Crypto
import Foundation

/// A sequential stage that an incremental run can run again over a document it does not process: its
/// effect on a document is a function of its state and a small record of the document.
public protocol ReplayableStage: SequentialStage {
    /// What the stage reads of a document, and what it decided for it (after `process`), as bytes kept
    /// in the manifest.
    func record(of document: Document) -> [UInt8]
    /// Advances the state over a document known only by its record, exactly as `process` would have;
    /// `changed` when a decision differs from the recorded one, `apply` sets the new decisions on the
    /// document processed again. Nil when the record cannot be read.
    func replay(documentID: String, record: [UInt8]) -> (changed: Bool, apply: (inout Document) -> Void)?
}

/// One document of the manifest: its input, where its bytes are in each output file, its stage records.
public struct ManifestEntry: @unchecked Sendable {
    public var id: String
    public var path: String
    public var size: Int
    public var sha256: String
    /// Output file name → (offset, length) of the document's bytes in it.
    public var fragments: [String: (offset: Int, length: Int)]
    /// Sequential stage name → its record.
    public var stages: [String: [UInt8]]
    public var warnings: [String]
}

/// An unchanged input whose outputs can be copied from the previous run (its bytes are kept in case
/// a quote's duplicate link changed and it has to be processed again).
public struct CarriedDocument: @unchecked Sendable {
    public var entry: ManifestEntry
    public var raw: [UInt8]
}

/// The manifest of an output folder (`manifest.json`) and the carrying over of unchanged documents.
///
/// Every run into a folder writes the manifest after its outputs: per document its input (id, path,
/// size, SHA-256), the offset and length of its bytes in each output file, its warnings and the
/// records of the sequential stages (dedup: each quote's hashed words and what was decided for it);
/// plus the warta version, the configuration hash, the record settings (`--tokens`, `--emit`) and the
/// size and SHA-256 of each output file. With `--incremental`, a run reads it; when version,
/// configuration, settings and output files all still match, an input whose id, path, size and
/// SHA-256 match an entry is not processed: its bytes are copied from the previous outputs. The
/// sequential stages still run over every document in input order, from the records of carried
/// documents, so their state is the one of a full run; a carried document for which a stage now
/// decides differently (a quote whose original changed) is processed again. The result is the bytes of
/// a full run over the same inputs. Inputs that are gone have no record any more.
public final class IncrementalRun {
    public static let manifestFile = "manifest.json"
    public static let schema = "warta.manifest/1"

    public struct Output {
        public var name: String
        public var sink: FragmentSink
    }

    let directory: String
    let configurationHash: String
    let tokens: Bool
    let emit: String?
    let outputs: [Output]
    let stages: [any ReplayableStage]
    /// Entries of the previous manifest that can be carried over, by id (read-only once the run starts).
    private(set) var previous: [String: ManifestEntry] = [:]
    private var previousFiles: [String: Int32] = [:]
    /// Why nothing is carried over (no manifest, a changed configuration...), for the log.
    public private(set) var fullRunReason: String?
    private(set) var entries: [ManifestEntry] = []

    /// nil when a sequential stage cannot be replayed (then no manifest is kept).
    public init?(directory: String, configurationHash: String, record: RecordOptions, emit: EmitSink.Kind?,
                 outputs: [Output], sequentialStages: [any SequentialStage]) {
        var replayable: [any ReplayableStage] = []
        for stage in sequentialStages {
            guard let r = stage as? any ReplayableStage else { return nil }
            replayable.append(r)
        }
        self.directory = directory
        self.configurationHash = configurationHash
        tokens = record.tokens
        self.emit = emit?.rawValue
        self.outputs = outputs
        stages = replayable
    }

    deinit { for fd in previousFiles.values { close(fd) } }

    var manifestPath: String { (directory as NSString).appendingPathComponent(Self.manifestFile) }

    /// Reads the previous manifest and opens the previous outputs; when anything does not match, nothing
    /// is carried over and `fullRunReason` says why.
    public func loadPrevious() {
        fullRunReason = nil
        guard let bytes = FileBytes.contents(manifestPath) else { return fail("no manifest yet") }
        let data = Data(bytes)
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              object["schema"] as? String == Self.schema else { return fail("the manifest cannot be read") }
        guard object["warta_version"] as? String == WartaInfo.version else { return fail("the warta version changed") }
        guard object["configuration_sha256"] as? String == configurationHash else {
            return fail("the pipeline, rule, list or gazetteer files changed")
        }
        guard let old = object["settings"] as? [String: Any], old["tokens"] as? Bool == tokens, old["emit"] as? String == emit else {
            return fail("the record settings (--tokens, --emit) changed")
        }
        guard let files = object["outputs"] as? [String: [String: Any]], Set(files.keys) == Set(outputs.map(\.name)) else {
            return fail("the set of output files changed")
        }
        // The outputs must be the ones the manifest describes (a run killed between the rename of its
        // outputs and of its manifest leaves them out of step).
        var opened: [String: Int32] = [:]
        for (name, info) in files {
            let path = (directory as NSString).appendingPathComponent(name)
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { opened.values.forEach { close($0) }; return fail("\(name) is missing") }
            opened[name] = fd
            guard let (size, hash) = Self.hashFile(fd), size == info["bytes"] as? Int, hash == info["sha256"] as? String else {
                opened.values.forEach { close($0) }
                return fail("\(name) is not the one the manifest describes")
            }
        }
        guard let documents = object["documents"] as? [[String: Any]] else {
            opened.values.forEach { close($0) }
            return fail("the manifest cannot be read")
        }
        var byId: [String: ManifestEntry] = [:]
        for d in documents {
            guard let entry = Self.entry(d, outputs: outputs.map(\.name)) else {
                opened.values.forEach { close($0) }
                return fail("the manifest cannot be read")
            }
            byId[entry.id] = entry
        }
        previous = byId
        previousFiles = opened
    }

    private func fail(_ reason: String) { fullRunReason = reason; previous = [:] }

    static func hashFile(_ fd: Int32) -> (Int, String)? {
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var total = 0
        var offset: off_t = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, $0.count, offset) }
            if n < 0 { if errno == EINTR { continue }; return nil }
            if n == 0 { break }
            hasher.update(data: buffer[0..<n])
            total += n
            offset += off_t(n)
        }
        return (total, hasher.finalize().map { String(format: "%02x", $0) }.joined())
    }

    static func entry(_ d: [String: Any], outputs: [String]) -> ManifestEntry? {
        guard let id = d["id"] as? String, let path = d["path"] as? String, let size = d["size"] as? Int,
              let sha = d["sha256"] as? String, let fragments = d["fragments"] as? [String: [Int]],
              let stages = d["stages"] as? [String: String] else { return nil }
        var f: [String: (Int, Int)] = [:]
        for name in outputs {
            guard let pair = fragments[name], pair.count == 2 else { return nil }
            f[name] = (pair[0], pair[1])
        }
        var s: [String: [UInt8]] = [:]
        for (name, base64) in stages {
            guard let data = Data(base64Encoded: base64) else { return nil }
            s[name] = Array(data)
        }
        return ManifestEntry(id: id, path: path, size: size, sha256: sha, fragments: f, stages: s,
                             warnings: d["warnings"] as? [String] ?? [])
    }

    /// On a worker: the input can be carried over when the previous run produced a record from the same
    /// path and the same bytes.
    func carried(id: String, path: String, raw: [UInt8]) -> CarriedDocument? {
        guard let entry = previous[id], entry.path == path, entry.size == raw.count,
              entry.sha256 == Hashing.sha256Hex(raw) else { return nil }
        return CarriedDocument(entry: entry, raw: raw)
    }

    /// In the ordered hand-off, after the sequential stages: writes a processed document.
    func write(_ document: Document) throws {
        var fragments: [String: (Int, Int)] = [:]
        for output in outputs {
            let bytes = try output.sink.encode(document)
            fragments[output.name] = (try output.sink.writeFragment(bytes), bytes.count)
        }
        var records: [String: [UInt8]] = [:]
        for stage in stages { records[type(of: stage).name] = stage.record(of: document) }
        entries.append(ManifestEntry(id: document.id, path: document.source, size: document.raw.count,
                                     sha256: document.rawSHA256Hex, fragments: fragments, stages: records,
                                     warnings: document.warnings))
    }

    /// In the ordered hand-off: runs the sequential stages over a carried document's records and copies
    /// its bytes; when a stage decides differently now, processes it again with `reprocess` and writes
    /// it anew (returns true).
    func writeCarried(_ carried: CarriedDocument, reprocess: ([UInt8]) throws -> Document) throws -> Bool {
        let entry = carried.entry
        var appliers: [(inout Document) -> Void] = []
        var changed = false
        for stage in stages {
            let name = type(of: stage).name
            guard let record = entry.stages[name], let replay = stage.replay(documentID: entry.id, record: record) else {
                throw OutputError(path: manifestPath, reason: "the \(name) record of \(entry.id) cannot be read")
            }
            changed = changed || replay.changed
            appliers.append(replay.apply)
        }
        if changed {
            var document = try reprocess(carried.raw)
            for apply in appliers { apply(&document) }
            try write(document)
            return true
        }
        var fragments: [String: (Int, Int)] = [:]
        for output in outputs {
            guard let (offset, length) = entry.fragments[output.name], let fd = previousFiles[output.name] else {
                throw OutputError(path: manifestPath, reason: "no \(output.name) bytes for \(entry.id)")
            }
            var bytes = [UInt8](repeating: 0, count: length)
            var done = 0
            while done < length {
                let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, length - done, off_t(offset + done)) }
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw OutputError(path: output.name, reason: "the previous output ends early (\(entry.id))") }
                done += n
            }
            fragments[output.name] = (try output.sink.writeFragment(bytes), length)
        }
        var moved = entry
        moved.fragments = fragments
        entries.append(moved)
        return false
    }

    /// The manifest of this run; call after every output is committed (their sizes and hashes are final).
    func manifest() -> [UInt8] {
        var files: [String: Any] = [:]
        for output in outputs {
            files[output.name] = ["bytes": output.sink.output.bytesWritten, "sha256": output.sink.output.sha256Hex]
        }
        let documents: [[String: Any]] = entries.map { e in
            [
                "id": e.id, "path": e.path, "size": e.size, "sha256": e.sha256,
                "fragments": e.fragments.mapValues { [$0.offset, $0.length] },
                "stages": e.stages.mapValues { Data($0).base64EncodedString() },
                "warnings": e.warnings,
            ]
        }
        let object: [String: Any] = [
            "schema": Self.schema,
            "warta_version": WartaInfo.version,
            "configuration_sha256": configurationHash,
            "settings": ["tokens": tokens, "emit": emit.map { $0 as Any } ?? NSNull()] as [String: Any],
            "outputs": files,
            "documents": documents,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return Array(data) + [0x0A]
    }
}
