/// A source line of a function, as reports name it: the unit the hot lines rank and the escape verdicts
/// explain.
public struct LineSite: Sendable, Equatable, Hashable {
    public var function: String
    public var file: String
    public var line: Int64

    public init(function: String, file: String, line: Int64) {
        self.function = function
        self.file = file
        self.line = line
    }
}
