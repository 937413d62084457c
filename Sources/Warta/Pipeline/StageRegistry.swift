/// Every stage a pipeline file may name. Adding a stage: one file with the type, one line here.
public enum StageRegistry {
    public static let parallel: [any Stage.Type] = [
        NormalizeStage.self,
        TokenizeStage.self,
        TagStage.self,
        QuoteStage.self
    ]

    public static let sequential: [any SequentialStage.Type] = [
        QuoteDedupStage.self
    ]

    public static var names: [String] { parallel.map { $0.name } + sequential.map { $0.name } }
}
