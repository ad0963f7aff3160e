/// A function as profile.proto describes it, with its strings resolved.
public struct Function: Sendable, Equatable {
    public var id: UInt64
    public var name: String
    public var systemName: String
    public var filename: String
    /// The line of the `func` keyword; 0 when the producer did not record it (Go before 1.20).
    public var startLine: Int64

    public init(id: UInt64, name: String, systemName: String, filename: String, startLine: Int64) {
        self.id = id
        self.name = name
        self.systemName = systemName
        self.filename = filename
        self.startLine = startLine
    }
}
