/// A mapped binary or library.
public struct Mapping: Sendable, Equatable {
    public var id: UInt64
    public var memoryStart: UInt64
    public var memoryLimit: UInt64
    public var fileOffset: UInt64
    public var filename: String
    public var buildID: String
    public var hasFunctions: Bool
    public var hasFilenames: Bool
    public var hasLineNumbers: Bool
    public var hasInlineFrames: Bool

    public init(
        id: UInt64, memoryStart: UInt64, memoryLimit: UInt64, fileOffset: UInt64, filename: String,
        buildID: String, hasFunctions: Bool, hasFilenames: Bool, hasLineNumbers: Bool, hasInlineFrames: Bool
    ) {
        self.id = id
        self.memoryStart = memoryStart
        self.memoryLimit = memoryLimit
        self.fileOffset = fileOffset
        self.filename = filename
        self.buildID = buildID
        self.hasFunctions = hasFunctions
        self.hasFilenames = hasFilenames
        self.hasLineNumbers = hasLineNumbers
        self.hasInlineFrames = hasInlineFrames
    }
}
