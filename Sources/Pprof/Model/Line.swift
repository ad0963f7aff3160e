/// One source position of a location. In `Location.lines`, `lines[0]` is the innermost inlined frame and the
/// last entry is the physical function the others were inlined into.
public struct Line: Sendable, Equatable {
    /// Index into `Profile.functions`.
    public var functionIndex: Int32
    public var line: Int64
    public var column: Int64

    public init(functionIndex: Int32, line: Int64, column: Int64) {
        self.functionIndex = functionIndex
        self.line = line
        self.column = column
    }
}
