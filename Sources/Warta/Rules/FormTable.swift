import Foundation

/// The word forms a stage's token views met in this run, each with what its text alone gives a token
/// (`TokenView.Form`: the string, its folded form, shape and hashes), made once per run instead of once
/// per token. The `LexemeTable` does this for the tag stage with the rules' answers besides; a stage
/// that asks no rule answers of a form (the quote stage) keeps one of these. Shared by the workers: the
/// fields are read and written with `lock` held, once per document.
///
/// Bounded: at most `capacity` forms of at most `maxFormBytes` bytes each; a token whose form is longer,
/// or new when the table is full, gets its form made for it alone, as a view without a table does
/// (same features either way: a form depends on its bytes only).
final class FormTable: @unchecked Sendable {
    /// The default number of forms kept (about 100 bytes each).
    static let defaultCapacity = 1 << 16
    /// Longer forms are never entered (a hostile token of megabytes is made for its document alone).
    static let maxFormBytes = 64

    let capacity: Int
    private let lock = NSLock()
    /// Open addressing by the form's `StringSet.hash`: a slot holds the hash and the form's number (-1: empty).
    private struct Slot { var hash: UInt64; var id: Int32 }
    @exclusivity(unchecked) private var slots = [Slot](repeating: Slot(hash: 0, id: -1), count: 1024)
    /// The forms' bytes, those of form k at `keyBytes[keyOffsets[k]..<keyOffsets[k + 1]]`.
    @exclusivity(unchecked) private var keyBytes: [UInt8] = []
    @exclusivity(unchecked) private var keyOffsets: [Int] = [0]
    @exclusivity(unchecked) private var forms: [TokenView.Form] = []

    init(capacity: Int = FormTable.defaultCapacity) {
        self.capacity = capacity
    }

    /// The number of forms entered so far.
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return forms.count
    }

    /// Appends each token's features (`TokenView.Features`, from its form) to `features`, in token
    /// order, entering the forms not seen yet.
    func features(_ tokens: [Token], in text: UnsafeBufferPointer<UInt8>, into features: inout [TokenView.Features]) {
        lock.lock()
        defer { lock.unlock() }
        for (i, t) in tokens.enumerated() {
            let bytes = UnsafeBufferPointer(rebasing: text[t.range.start..<t.range.end])
            let hash = StringSet.hash(bytes)
            if let id = find(bytes, hash: hash) {
                forms.withUnsafeBufferPointer {
                    features.append(TokenView.Features($0[id], token: i, of: tokens, in: text))
                }
                continue
            }
            let form = TokenView.Form(bytes, hash: hash)
            if forms.count < capacity && bytes.count <= Self.maxFormBytes { insert(bytes, hash: hash, form) }
            features.append(TokenView.Features(form, token: i, of: tokens, in: text))
        }
    }

    private func find(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[i]
            if slot.id < 0 { return nil }
            if slot.hash == hash {
                let id = Int(slot.id)
                let start = keyOffsets[id], end = keyOffsets[id + 1]
                if end - start == bytes.count
                    && keyBytes.withUnsafeBufferPointer({ key in
                        bytes.isEmpty || memcmp(key.baseAddress! + start, bytes.baseAddress!, bytes.count) == 0
                    })
                {
                    return id
                }
            }
            i = (i + 1) & mask
        }
    }

    private func insert(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64, _ form: TokenView.Form) {
        if (forms.count + 1) * 2 > slots.count {
            let old = slots
            slots = [Slot](repeating: Slot(hash: 0, id: -1), count: old.count * 2)
            for s in old where s.id >= 0 { place(s) }
        }
        place(Slot(hash: hash, id: Int32(forms.count)))
        keyBytes.append(contentsOf: bytes)
        keyOffsets.append(keyBytes.count)
        forms.append(form)
    }

    private func place(_ slot: Slot) {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: slot.hash) & mask
        while slots[i].id >= 0 { i = (i + 1) & mask }
        slots[i] = slot
    }
}
