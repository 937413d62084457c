public enum WartaInfo {
    /// Bumped with every change to extraction or output; part of the incremental-run manifest.
    public static let version = "0.1.0"
}
