/// Repeated statements across a run: a quote and every quote whose `duplicate_of` points at it.
///
/// A duplicate belongs to the cluster of its first occurrence; when `duplicate_of` points at a quote
/// that is itself a duplicate (not what `warta run` writes, but a merged or edited file may), the chain
/// is followed to its first quote. Built in input order from the duplicates alone (the first pass), so
/// memory grows with the number of repeated quotes, not with the corpus; the originals' details are
/// filled in later, when the page writer meets them (`noteOriginal`).
public struct StatementClusters {
    public struct Key: Hashable, Comparable {
        public var doc: String
        public var quote: Int
        public static func < (a: Key, b: Key) -> Bool { (a.doc, a.quote) < (b.doc, b.quote) }
    }

    /// One quote of a cluster, as the index shows it.
    public struct Member {
        public var doc: String
        /// The page of its document, relative to the report folder.
        public var page: String
        public var quote: Int
        public var speaker: String?
        public var similarity: Double?
        public var outlet: String?
        /// The quote's first words, escaped later.
        public var excerpt: String
    }

    public struct Cluster {
        /// Its anchor number: clusters are numbered in the order their first repeat appears.
        public var number: Int
        public var original: Key
        /// Filled when the original's document is read; nil while unknown (or not in the run).
        public var first: Member?
        public var repeats: [Member] = []
        /// Distinct documents holding the statement, the original's included once it is known.
        public var documents: Set<String> = []
        public var spread: Int { documents.count }
    }

    public private(set) var clusters: [Cluster] = []
    private var clusterOfOriginal: [Key: Int] = [:]
    private var clusterOfRepeat: [Key: Int] = [:]

    public init() {}

    /// Records quote `quote` of `doc`, which repeats `link`.
    public mutating func addRepeat(_ member: Member, of link: Key) {
        let index: Int
        if let existing = clusterOfRepeat[link] ?? clusterOfOriginal[link] {
            index = existing
        } else {
            index = clusters.count
            clusters.append(Cluster(number: index + 1, original: link))
            clusterOfOriginal[link] = index
        }
        clusterOfRepeat[Key(doc: member.doc, quote: member.quote)] = index
        var member = member
        // Pages show the statement once: only the first repeat keeps its words (for an original not in the run).
        if !clusters[index].repeats.isEmpty { member.excerpt = "" }
        clusters[index].repeats.append(member)
        clusters[index].documents.insert(member.doc)
    }

    /// The cluster number of a quote (original or repeat), or nil when it was never repeated.
    public func cluster(of key: Key) -> Int? {
        (clusterOfRepeat[key] ?? clusterOfOriginal[key]).map { clusters[$0].number }
    }

    /// Fills in the original's details when its document is read.
    public mutating func noteOriginal(_ member: Member) {
        let key = Key(doc: member.doc, quote: member.quote)
        guard let index = clusterOfOriginal[key], clusters[index].first == nil else { return }
        clusters[index].first = member
        clusters[index].documents.insert(member.doc)
    }

    /// The clusters, widest spread first (then most repeats, then the earlier).
    public var bySpread: [Cluster] {
        clusters.sorted { a, b in
            if a.spread != b.spread { return a.spread > b.spread }
            if a.repeats.count != b.repeats.count { return a.repeats.count > b.repeats.count }
            return a.number < b.number
        }
    }
}
