/// A manifest column that is not ours (`x_*`, `note*`), carried from the manifest row through the
/// journal into the reports untouched. The journal stores `[CarriedColumn]` as JSON (`name`, `value`).
public struct CarriedColumn: Sendable, Hashable, Codable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
