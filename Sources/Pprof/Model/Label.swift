/// A sample label: a string label (`str`), or a numeric one (`num` with an optional unit).
public struct Label: Sendable, Equatable {
    public var key: String
    /// The string value; nil for a numeric label.
    public var string: String?
    public var number: Int64
    public var numberUnit: String

    public init(key: String, string: String?, number: Int64, numberUnit: String) {
        self.key = key
        self.string = string
        self.number = number
        self.numberUnit = numberUnit
    }

    public var isNumeric: Bool { string == nil }
}
