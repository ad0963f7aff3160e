/// A sample or period type: `alloc_space`/`bytes`, `cpu`/`nanoseconds`, …
public struct ValueType: Equatable, Sendable {
    public var type: String
    public var unit: String

    public init(type: String, unit: String) {
        self.type = type
        self.unit = unit
    }
}
