/// A manifest row as the run and its reports need it (the jobs carry the render itself).
/// The manifest validator produces these alongside the `JobSpec`s.
public struct BatchRow: Sendable, Hashable, Codable {
    /// The row's `id`.
    public var id: String
    /// The physical manifest line the row starts on.
    public var line: Int
    public var prompt: String?
    /// The `x_*` and `note*` columns, in manifest order, carried into the reports untouched.
    public var carried: [CarriedColumn]

    public init(id: String, line: Int, prompt: String?, carried: [CarriedColumn]) {
        self.id = id
        self.line = line
        self.prompt = prompt
        self.carried = carried
    }
}

extension BatchRow {
    /// The run's view of a validated manifest row.
    public init(manifestRow row: ManifestRow) {
        self.init(
            id: row.id, line: row.line, prompt: row.value(.prompt),
            carried: row.carried)
    }
}
