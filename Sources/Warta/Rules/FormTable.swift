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
    /// The forms by their bytes (`ByteKeyIndex`): form k of the index is `forms[k]`.
    @exclusivity(unchecked) private var index = ByteKeyIndex()
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
            if let id = index.find(bytes, hash: hash) {
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

    private func insert(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64, _ form: TokenView.Form) {
        _ = index.add(bytes, hash: hash)
        forms.append(form)
    }
}
