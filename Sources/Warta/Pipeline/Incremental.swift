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
    /// Whether `replay` can read the record, without advancing the state: checked when the previous
    /// manifest is loaded, while a full run can still be chosen instead.
    func canReplay(record: [UInt8]) -> Bool
}

/// One document of the manifest: its input, where its bytes are in each output file, its stage records.
/// Neither run's entries stay in memory: a previous run's entry is read back from its manifest when its
/// input comes (`IncrementalRun.previousEntry(id:)`, from an index of where each one is), and this run's
/// entries go to the new manifest as the documents are written.
public struct ManifestEntry: @unchecked Sendable {
    public var id: String
    public var path: String
    public var size: Int
    public var sha256: String
    /// (offset, length) of the document's bytes in each output file, in the order of `IncrementalRun.outputs`.
    public var fragments: [(offset: Int, length: Int)]
    /// The record of each sequential stage, in the order of `IncrementalRun.stages`.
    public var stages: [[UInt8]]
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
/// Every run into a folder writes a manifest beside its outputs, an entry at a time as the documents are
/// written, and renames it into place after them (`beginManifest`, `finishManifest`): per document its input (id, path,
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
    /// Where each entry of the previous manifest is in that file, by id (read-only once the run
    /// starts); `previousEntry(id:)` reads it again when its input comes. Only this index stays in
    /// memory, not the entries (about a tenth of the size).
    private(set) var previous: [String: Range<Int>] = [:]
    /// The previous manifest, open (its name may be taken by this run's manifest before the end).
    private var previousManifest: Int32 = -1
    private var previousFiles: [Int32] = []
    /// Why nothing is carried over (no manifest, a changed configuration...), for the log.
    public private(set) var fullRunReason: String?
    /// This run's manifest, written a document at a time (`beginManifest`) so that memory does not grow
    /// with the number of documents; nil when no manifest is written (library callers, tests).
    private var manifestOutput: OutputFile?
    /// Indices into `outputs` and `stages` in the order `JSONSerialization` sorted their names (the
    /// manifest's bytes stay those of the files it wrote before).
    private let outputsInKeyOrder: [Int]
    private let stagesInKeyOrder: [Int]
    /// Reused for every entry (one buffer for the run instead of one per document).
    private var entryWriter = JSONWriter(capacity: 4096, escaping: .jsonSerialization)

    /// nil when a sequential stage cannot be replayed (then no manifest is kept).
    public init?(
        directory: String, configurationHash: String, record: RecordOptions, emit: EmitSink.Kind?,
        outputs: [Output], sequentialStages: [any SequentialStage]
    ) {
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
        outputsInKeyOrder = Self.keyOrder(outputs.map(\.name))
        stagesInKeyOrder = Self.keyOrder(replayable.map { type(of: $0).name })
    }

    deinit {
        for fd in previousFiles where fd >= 0 { close(fd) }
        if previousManifest >= 0 { close(previousManifest) }
    }

    /// The order in which `JSONSerialization` with `.sortedKeys` writes these keys (its comparison:
    /// numeric, case-insensitive).
    static func keyOrder(_ names: [String]) -> [Int] {
        names.indices.sorted {
            names[$0].compare(names[$1], options: [.numeric, .caseInsensitive, .forcedOrdering]) == .orderedAscending
        }
    }

    var manifestPath: String { (directory as NSString).appendingPathComponent(Self.manifestFile) }

    /// The previous manifest as read, but for its `documents`: every field optional, so that each check
    /// below can say what differs.
    private struct StoredManifest: Decodable {
        struct Settings: Decodable { var tokens: Bool?; var emit: String? }
        struct File: Decodable { var bytes: Int?; var sha256: String? }
        var schema: String?
        var warta_version: String?
        var build: String?
        var icu_version: String?
        var configuration_sha256: String?
        var settings: Settings?
        var outputs: [String: File]?

        enum CodingKeys: String, CodingKey {
            case schema, warta_version, build, icu_version, configuration_sha256, settings, outputs
        }

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            schema = try? c.decodeIfPresent(String.self, forKey: .schema)
            warta_version = try? c.decodeIfPresent(String.self, forKey: .warta_version)
            build = try? c.decodeIfPresent(String.self, forKey: .build)
            icu_version = try? c.decodeIfPresent(String.self, forKey: .icu_version)
            configuration_sha256 = try? c.decodeIfPresent(String.self, forKey: .configuration_sha256)
            settings = try? c.decodeIfPresent(Settings.self, forKey: .settings)
            outputs = try? c.decodeIfPresent([String: File].self, forKey: .outputs)
        }
    }

    /// One entry of the previous manifest's `documents`, as read.
    private struct StoredEntry: Decodable {
        var id: String; var path: String; var size: Int; var sha256: String
        var fragments: [String: [Int]]; var stages: [String: String]; var warnings: [String]?
    }

    /// Reads the previous manifest and opens the previous outputs; when anything does not match, nothing
    /// is carried over and `fullRunReason` says why.
    ///
    /// The entries are decoded one at a time (`ManifestLayout`), each checked and then dropped: only
    /// where it is in the file is kept, and it is read and decoded again when its input comes
    /// (`previousEntry(id:)`). `JSONSerialization` built a Foundation object per value of the whole
    /// file; `JSONDecoder` over the whole file still held its scan of every value and every decoded
    /// entry at once: 63 MB of heap at the peak for the 8.5 MB manifest of 20,000 documents (massif),
    /// and the decoded entries kept 25 MB of it.
    public func loadPrevious() {
        fullRunReason = nil
        // A FIFO is refused, not waited on; a link (to /dev/zero, say) is not the manifest a run renamed there.
        let manifest = open(manifestPath, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW)
        guard manifest >= 0 else { return fail("no manifest yet") }
        var opened: [Int32] = []
        do {
            // Read through the descriptor that stays open, so the index describes the file entries come from.
            let bytes: [UInt8]
            do {
                bytes = try FileBytes.read(descriptor: manifest, path: manifestPath)
            } catch {
                throw NoCarryOver("the manifest cannot be read: \((error as? InputError)?.reason ?? "\(error)")")
            }
            guard let layout = ManifestLayout(bytes),
                let stored = try? JSONDecoder().decode(StoredManifest.self, from: layout.withoutDocuments(bytes)),
                stored.schema == Self.schema
            else { throw NoCarryOver("the manifest cannot be read") }
            let files = try checkSettings(stored)
            opened = try openPreviousOutputs(files)
            previous = try indexEntries(layout, of: bytes, fileSizes: outputs.map { files[$0.name]!.bytes ?? -1 })
        } catch {
            opened.forEach { close($0) }
            close(manifest)
            return fail((error as? NoCarryOver)?.reason ?? "\(error)")
        }
        previousManifest = manifest
        previousFiles = opened
    }

    /// Why the previous run's documents cannot be carried over (`loadPrevious`).
    private struct NoCarryOver: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// The previous manifest's output files, once its version, build, configuration and settings are
    /// this run's.
    private func checkSettings(_ stored: StoredManifest) throws -> [String: StoredManifest.File] {
        guard stored.warta_version == WartaInfo.version else { throw NoCarryOver("the warta version changed") }
        guard stored.build == WartaInfo.buildIdentity else {
            throw NoCarryOver("the warta build changed (another executable)")
        }
        guard stored.icu_version == ICU.version else { throw NoCarryOver("the ICU version changed") }
        guard stored.configuration_sha256 == configurationHash else {
            throw NoCarryOver("the pipeline, rule, list or gazetteer files changed")
        }
        guard let old = stored.settings, old.tokens == tokens, old.emit == emit else {
            throw NoCarryOver("the record settings (--tokens, --emit) changed")
        }
        guard let files = stored.outputs, Set(files.keys) == Set(outputs.map(\.name)) else {
            throw NoCarryOver("the set of output files changed")
        }
        return files
    }

    /// Opens the previous outputs, which must be the ones the manifest describes (a run killed between
    /// the rename of its outputs and of its manifest leaves them out of step). The caller closes them.
    private func openPreviousOutputs(_ files: [String: StoredManifest.File]) throws -> [Int32] {
        var opened: [Int32] = []
        do {
            for output in outputs {
                let name = output.name
                let info = files[name]!
                let path = (directory as NSString).appendingPathComponent(name)
                // O_NONBLOCK and O_NOFOLLOW: a FIFO, a link to /dev/zero or any link is not an output this
                // run wrote (it renames regular files into place), and must not be waited on or read without end.
                let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW)
                guard fd >= 0 else {
                    throw NoCarryOver(errno == ELOOP ? "\(name) is a symbolic link" : "\(name) is missing")
                }
                opened.append(fd)
                var status = stat()
                guard fstat(fd, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
                    throw NoCarryOver("\(name) is not a regular file")
                }
                guard let expected = info.bytes, Int(status.st_size) == expected,
                    let (size, hash) = Self.hashFile(fd, limit: expected), size == expected, hash == info.sha256
                else {
                    throw NoCarryOver("\(name) is not the one the manifest describes")
                }
            }
        } catch {
            opened.forEach { close($0) }
            throw error
        }
        return opened
    }

    /// Where each entry of the previous manifest is, by id, once every entry is checked. Carried bytes
    /// are copied from where the fragments say: unless they tile each file exactly (header, the
    /// fragments in manifest order, footer), a damaged manifest would put broken or overlapping records
    /// into the outputs, and every later run would carry them on.
    private func indexEntries(_ layout: ManifestLayout, of bytes: [UInt8], fileSizes: [Int]) throws -> [String: Range<
        Int
    >] {
        let decoder = JSONDecoder()
        var nextOffset = outputs.map { $0.sink.frame.header }
        var byId: [String: Range<Int>] = [:]
        byId.reserveCapacity(layout.entries.count)
        for range in layout.entries {
            guard let d = try? decoder.decode(StoredEntry.self, from: Data(bytes[range])) else {
                throw NoCarryOver("the manifest cannot be read")
            }
            // A run with `--skip-dedup` writes no dedup records: nothing can be replayed, so the whole
            // run is done again rather than stopped.
            if let missing = stages.first(where: { d.stages[type(of: $0).name] == nil }) {
                throw NoCarryOver(
                    "the previous run kept no \(type(of: missing).name) record (was it run with --skip-dedup?)")
            }
            guard let e = entry(d) else { throw NoCarryOver("the manifest cannot be read") }
            for (k, fragment) in e.fragments.enumerated() {
                guard fragment.offset == nextOffset[k], fragment.length >= 0,
                    fragment.length <= fileSizes[k] - fragment.offset
                else {
                    throw NoCarryOver("the manifest's fragments of \(outputs[k].name) do not match the file")
                }
                nextOffset[k] = fragment.offset + fragment.length
            }
            // A record the stage cannot read would stop the run in the middle (`writeCarried`).
            for (k, stage) in stages.enumerated() where !stage.canReplay(record: e.stages[k]) {
                throw NoCarryOver("the \(type(of: stage).name) record of \(d.id) cannot be read")
            }
            byId[d.id] = range
        }
        if !layout.entries.isEmpty {
            for k in outputs.indices where nextOffset[k] + outputs[k].sink.frame.footer != fileSizes[k] {
                throw NoCarryOver("the manifest's fragments of \(outputs[k].name) do not match the file")
            }
        }
        return byId
    }

    /// The previous manifest's entry for `id`, read from the file again (nil: none, or it cannot be
    /// read now, and the input is processed).
    func previousEntry(id: String) -> ManifestEntry? {
        guard let range = previous[id], previousManifest >= 0,
            let bytes = FileBytes.read(descriptor: previousManifest, at: range.lowerBound, count: range.count)
        else { return nil }
        guard let d = try? JSONDecoder().decode(StoredEntry.self, from: Data(bytes)), d.id == id else { return nil }
        return entry(d)
    }

    private func fail(_ reason: String) { fullRunReason = reason; previous = [:] }

    /// Size and SHA-256 of the file open as `fd`, reading at most `limit` + 1 bytes (nil past `limit`:
    /// a file that grows without end is not read to its end).
    static func hashFile(_ fd: Int32, limit: Int) -> (Int, String)? {
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var total = 0
        var offset: off_t = 0
        while true {
            if total > limit { return nil }
            let n = buffer.withUnsafeMutableBytes {
                pread(fd, $0.baseAddress!, min($0.count, limit + 1 - total), offset)
            }
            if n < 0 { if errno == EINTR { continue }; return nil }
            if n == 0 { break }
            hasher.update(data: buffer[0..<n])
            total += n
            offset += off_t(n)
        }
        return (total, Hashing.hex(hasher.finalize()))
    }

    private func entry(_ d: StoredEntry) -> ManifestEntry? {
        var fragments: [(offset: Int, length: Int)] = []
        fragments.reserveCapacity(outputs.count)
        for output in outputs {
            guard let pair = d.fragments[output.name], pair.count == 2 else { return nil }
            fragments.append((pair[0], pair[1]))
        }
        var records: [[UInt8]] = []
        records.reserveCapacity(stages.count)
        for stage in stages {
            guard let base64 = d.stages[type(of: stage).name], let data = Data(base64Encoded: base64) else {
                return nil
            }
            records.append(Array(data))
        }
        return ManifestEntry(
            id: d.id, path: d.path, size: d.size, sha256: d.sha256, fragments: fragments, stages: records,
            warnings: d.warnings ?? [])
    }

    /// On a worker: the input can be carried over when the previous run produced a record from the same
    /// path and the same bytes.
    func carried(id: String, path: String, raw: [UInt8]) -> CarriedDocument? {
        guard let entry = previousEntry(id: id), entry.path == path, entry.size == raw.count,
            entry.sha256 == Hashing.sha256Hex(raw)
        else { return nil }
        return CarriedDocument(entry: entry, raw: raw)
    }

    /// In the ordered hand-off, after the sequential stages: writes a processed document.
    /// `preEncoded`: per output, the document's bytes as a worker encoded them (nil or missing: encoded here).
    func write(_ document: Document, preEncoded: [PreEncodedFragment?] = []) throws {
        var fragments: [(offset: Int, length: Int)] = []
        fragments.reserveCapacity(outputs.count)
        for (k, output) in outputs.enumerated() {
            fragments.append(
                try output.sink.writeFragment(of: document, preEncoded: k < preEncoded.count ? preEncoded[k] : nil))
        }
        let records = stages.map { $0.record(of: document) }
        try appendEntry(
            id: document.id, path: document.source, size: document.raw.count, sha256: document.rawSHA256Hex,
            fragments: fragments, records: records, warnings: document.warnings)
    }

    /// In the ordered hand-off: runs the sequential stages over a carried document's records and copies
    /// its bytes; when a stage decides differently now, processes it again with `reprocess` and writes
    /// it anew (returns true).
    func writeCarried(_ carried: CarriedDocument, reprocess: ([UInt8]) throws -> Document) throws -> Bool {
        let entry = carried.entry
        var appliers: [(inout Document) -> Void] = []
        var changed = false
        for (k, stage) in stages.enumerated() {
            let name = type(of: stage).name
            guard k < entry.stages.count, let replay = stage.replay(documentID: entry.id, record: entry.stages[k])
            else {
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
        var fragments: [(offset: Int, length: Int)] = []
        fragments.reserveCapacity(outputs.count)
        for (k, output) in outputs.enumerated() {
            guard k < entry.fragments.count, k < previousFiles.count else {
                throw OutputError(path: manifestPath, reason: "no \(output.name) bytes for \(entry.id)")
            }
            let (offset, length) = entry.fragments[k]
            guard let bytes = FileBytes.read(descriptor: previousFiles[k], at: offset, count: length) else {
                throw OutputError(path: output.name, reason: "the previous output ends early (\(entry.id))")
            }
            fragments.append((try output.sink.writeFragment(bytes), length))
        }
        try appendEntry(
            id: entry.id, path: entry.path, size: entry.size, sha256: entry.sha256, fragments: fragments,
            records: entry.stages, warnings: entry.warnings)
        return false
    }

    // MARK: The manifest, streamed

    /// Starts this run's manifest: a temporary beside `manifest.json`, finished by `finishManifest` and
    /// renamed into place after the outputs. Its keys come in `JSONSerialization`'s sorted order, and
    /// `configuration_sha256` and `documents` sort before the keys that need the finished outputs
    /// (`outputs`), so the entries can be written as the documents go.
    public func beginManifest() throws {
        let file = try OutputFile(path: manifestPath)
        var w = JSONWriter(capacity: 256, escaping: .jsonSerialization)
        w.beginObject()
        w.field("build", WartaInfo.buildIdentity)
        w.field("configuration_sha256", configurationHash)
        w.key("documents")
        try file.write(w.bytes + [UInt8(ascii: "[")])
        manifestOutput = file
        entryWriter = JSONWriter(capacity: 4096, escaping: .jsonSerialization)
    }

    /// One document's entry (keys sorted as `JSONSerialization` sorted them).
    private func appendEntry(
        id: String, path: String, size: Int, sha256: String, fragments: [(offset: Int, length: Int)],
        records: [[UInt8]], warnings: [String]
    ) throws {
        guard let manifestOutput else { return }
        // The writer stays inside the `documents` array from entry to entry: it puts the commas between them.
        entryWriter.removeWrittenBytes()
        entryWriter.beginObject()
        entryWriter.key("fragments"); entryWriter.beginObject()
        for k in outputsInKeyOrder {
            entryWriter.key(text: outputs[k].name)
            entryWriter.beginArray(); entryWriter.int(fragments[k].offset); entryWriter.int(fragments[k].length);
            entryWriter.endArray()
        }
        entryWriter.endObject()
        entryWriter.field("id", id)
        entryWriter.field("path", path)
        entryWriter.field("sha256", sha256)
        entryWriter.field("size", size)
        entryWriter.key("stages"); entryWriter.beginObject()
        for k in stagesInKeyOrder {
            entryWriter.key(text: type(of: stages[k]).name); entryWriter.string(Data(records[k]).base64EncodedString())
        }
        entryWriter.endObject()
        entryWriter.key("warnings"); entryWriter.beginArray()
        for warning in warnings { entryWriter.string(warning) }
        entryWriter.endArray()
        entryWriter.endObject()
        try manifestOutput.write(entryWriter.bytes)
    }

    /// Ends the manifest with the outputs' sizes and hashes; call after every output is committed (their
    /// sizes and hashes are final). Syncs and renames it into place.
    /// Writes the rest of the manifest and syncs it; returns its file, for the caller to rename into
    /// place after the outputs (nil when no manifest is being written).
    public func finishManifest() throws -> OutputFile? {
        guard let manifestOutput else { return nil }
        var files: [String: (bytes: Int, sha256: String)] = [:]
        for output in outputs { files[output.name] = (output.sink.output.bytesWritten, output.sink.output.sha256Hex) }
        var w = JSONWriter(capacity: 512, escaping: .jsonSerialization)
        w.beginObject() // stands for the manifest's object, whose first keys are already written
        w.field("icu_version", ICU.version)
        w.key("outputs"); w.beginObject()
        for k in outputsInKeyOrder {
            let file = files[outputs[k].name]!
            w.key(text: outputs[k].name); w.beginObject(); w.field("bytes", file.bytes); w.field("sha256", file.sha256);
            w.endObject()
        }
        w.endObject()
        w.field("schema", Self.schema)
        w.key("settings"); w.beginObject(); w.field("emit", emit); w.key("tokens"); w.bool(tokens); w.endObject()
        w.field("warta_version", WartaInfo.version)
        w.endObject()
        // "]" closes `documents`; the writer's own "{" is dropped and a comma joins the rest.
        try manifestOutput.write(Array("],".utf8) + w.bytes.dropFirst() + [0x0A])
        manifestOutput.holdRename = true
        try manifestOutput.commit()
        self.manifestOutput = nil
        return manifestOutput
    }

    /// Drops the unfinished manifest (an interrupted or failed run): the previous one stays.
    public func discardManifest() {
        manifestOutput?.discard()
        manifestOutput = nil
    }
}

/// Where the entries of a manifest's `documents` array are in its bytes, so that each can be decoded
/// alone: Foundation has no streaming JSON decoder, and decoding the whole file at once holds every
/// value of it in memory together (`IncrementalRun.loadPrevious`). Only finds the boundaries (strings,
/// escapes, nesting); `JSONDecoder` still reads every byte, and anything malformed fails there or here.
struct ManifestLayout {
    /// The bytes before the array's `[`, and from after its `]` to the end.
    var head: Range<Int>
    var tail: Range<Int>
    /// Each entry's `{...}`.
    var entries: [Range<Int>] = []

    init?(_ bytes: [UInt8]) {
        var i = 0
        func skipSpace() { while i < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 } }
        func at(_ c: Character) -> Bool { i < bytes.count && bytes[i] == UInt8(ascii: c.unicodeScalars.first!) }
        // The top-level object's keys one by one, each value skipped, until `documents` (whitespace
        // allowed anywhere JSON allows it; a `documents` key inside another value is not this one).
        skipSpace()
        guard at("{") else { return nil }
        i += 1
        var arrayStart: Int?
        while arrayStart == nil {
            skipSpace()
            guard at("\""), let keyEnd = Self.endOfString(bytes, from: i) else { return nil }
            let isDocuments = bytes[(i + 1)..<(keyEnd - 1)].elementsEqual("documents".utf8)
            i = keyEnd
            skipSpace()
            guard at(":") else { return nil }
            i += 1
            skipSpace()
            if isDocuments {
                guard at("[") else { return nil }
                arrayStart = i
                break
            }
            guard let valueEnd = Self.endOfValue(bytes, from: i) else { return nil }
            i = valueEnd
            skipSpace()
            guard at(",") else { return nil } // "}": the manifest has no `documents`
            i += 1
        }
        head = 0..<arrayStart!
        i = arrayStart! + 1
        skipSpace()
        if at("]") {
            tail = (i + 1)..<bytes.count
            return
        }
        while true {
            guard at("{"), let end = Self.endOfValue(bytes, from: i) else { return nil }
            entries.append(i..<end)
            i = end
            skipSpace()
            if at("]") { break }
            guard at(",") else { return nil }
            i += 1
            skipSpace()
        }
        tail = (i + 1)..<bytes.count
    }

    /// The manifest with an empty `documents` array: what is left to decode in one piece.
    func withoutDocuments(_ bytes: [UInt8]) -> Data {
        var data = Data(bytes[head])
        data.append(contentsOf: Array("[]".utf8))
        data.append(contentsOf: bytes[tail])
        return data
    }

    /// The index after the value that starts at `start` (an object or array with everything in it, a
    /// string, or a number, `true`, `false` or `null`), or nil if it does not end.
    private static func endOfValue(_ bytes: [UInt8], from start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        switch bytes[start] {
        case UInt8(ascii: "\""):
            return endOfString(bytes, from: start)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var i = start
            while i < bytes.count {
                switch bytes[i] {
                case UInt8(ascii: "\""):
                    guard let end = endOfString(bytes, from: i) else { return nil }
                    i = end
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return i + 1 }
                default:
                    break
                }
                i += 1
            }
            return nil
        default:
            var i = start
            while i < bytes.count, !",}] \n\r\t".utf8.contains(bytes[i]) { i += 1 }
            return i > start ? i : nil
        }
    }

    /// The index after the string whose opening quote is at `start`, or nil if it does not close.
    private static func endOfString(_ bytes: [UInt8], from start: Int) -> Int? {
        var i = start + 1
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "\\") { i += 2; continue }
            if bytes[i] == UInt8(ascii: "\"") { return i + 1 }
            i += 1
        }
        return nil
    }
}
