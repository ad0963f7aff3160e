import PprofFormatting
/// The identity of a report node, pprof's `graph.NodeInfo`: two frames with equal infos are one node.
public struct NodeInfo: Hashable, Sendable {
    public var name: String
    public var address: UInt64
    public var file: String
    public var startLine: Int64
    public var lineNumber: Int64
    public var column: Int64
    public var objectFile: String

    public init(
        name: String = "", address: UInt64 = 0, file: String = "", startLine: Int64 = 0,
        lineNumber: Int64 = 0, column: Int64 = 0, objectFile: String = ""
    ) {
        self.name = name
        self.address = address
        self.file = file
        self.startLine = startLine
        self.lineNumber = lineNumber
        self.column = column
        self.objectFile = objectFile
    }

    /// pprof's `PrintableName`: address, function, then `file:line[:col]`, the file, the object file, or
    /// `<unknown>`.
    public var printableName: String {
        var parts: [String] = []
        if address != 0 { parts.append(GoFormat.hex16(address)) }
        if !name.isEmpty { parts.append(name) }
        if lineNumber != 0 {
            var position = "\(file):\(lineNumber)"
            if column != 0 { position += ":\(column)" }
            parts.append(position)
        } else if !file.isEmpty {
            parts.append(file)
        } else if !name.isEmpty {
            // The function name says it all.
        } else if !objectFile.isEmpty {
            parts.append("[" + GoPath.base(objectFile) + "]")
        } else {
            parts.append("<unknown>")
        }
        return parts.joined(separator: " ")
    }

    /// `fmt.Sprint(info)`, pprof's last tie-break between nodes.
    package var goDebugString: String {
        "{\(name)  \(address) \(file) \(startLine) \(lineNumber) \(column) \(objectFile)}"
    }
}
