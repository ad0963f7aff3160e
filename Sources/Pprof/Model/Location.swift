/// A program counter and the source frames it stands for.
public struct Location: Sendable, Equatable {
    public var id: UInt64
    /// Index into `Profile.mappings`, or -1 when the location has no (known) mapping.
    public var mappingIndex: Int32
    public var address: UInt64
    /// Range of this location's frames in `Profile.lines`, innermost inlined frame first.
    public var lineStart: Int32
    public var lineCount: Int32
    public var isFolded: Bool

    public init(id: UInt64, mappingIndex: Int32, address: UInt64, lineStart: Int32, lineCount: Int32, isFolded: Bool) {
        self.id = id
        self.mappingIndex = mappingIndex
        self.address = address
        self.lineStart = lineStart
        self.lineCount = lineCount
        self.isFolded = isFolded
    }

    public var lineRange: Range<Int> { Int(lineStart)..<Int(lineStart) + Int(lineCount) }
}
