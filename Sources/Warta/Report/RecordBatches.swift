import Dispatch

/// Records a batch at a time, decoded (and their pages rendered) on every core, then handed to the
/// caller in input order: the bytes written do not depend on the number of cores, and memory holds
/// one batch.
enum RecordBatches {
    /// Records per batch: enough to keep the cores busy, few enough to keep memory small.
    static let size = 64

    /// The next up to `size` records of `lines`, decoded in parallel; a bad line is reported as in a
    /// sequential read (the first one in input order).
    static func next(_ lines: NDJSONLines) throws -> [(record: ReportRecord, line: Int)] {
        var batch: [(bytes: [UInt8], line: Int)] = []
        while batch.count < size, let line = try lines.next() {
            batch.append((Array(line), lines.lineNumber)) // copied: the reader reuses its buffer
        }
        let records = try map(batch) { try ReportRecord.decode($0.bytes[...], file: lines.path, lineNumber: $0.line) }
        return zip(records, batch).map { ($0, $1.line) }
    }

    /// `work` on every item, on all cores; the results in order, or the first error in order.
    static func map<T, R>(_ items: [T], _ work: (T) throws -> R) throws -> [R] {
        var results = [Result<R, Error>?](repeating: nil, count: items.count)
        results.withUnsafeMutableBufferPointer { buffer in
            let slots = buffer
            DispatchQueue.concurrentPerform(iterations: items.count) { i in
                slots[i] = Result { try work(items[i]) }
            }
        }
        return try results.map { try $0!.get() }
    }
}
