/// The report nodes of a profile at one granularity, and for each location the nodes of its frames.
///
/// Built once per report; graphs are then accumulated over node numbers, so rebuilding a graph with a
/// smaller set of kept nodes (as pprof's trimming does) never re-hashes a frame.
public struct NodeTable: Sendable {
    public private(set) var infos: [NodeInfo] = []
    /// Location i's nodes are `locationNodes[locationStart[i]..<locationStart[i + 1]]`, innermost frame
    /// first, the physical caller last, as `Location.lines`.
    var locationStart: [Int32] = [0]
    var locationNodes: [Int32] = []
    /// Distinct sample stacks, built by the second graph over this table.
    let stacks = SampleStacks()

    public struct Options: Sendable {
        public var granularity: Granularity
        public var inlines: Bool
        /// pprof's `ObjNames`: object file and start line are part of the identity (set for `-list`).
        public var objectNames: Bool
        public var trimPath: String
        public var sourcePath: String

        public init(granularity: Granularity, inlines: Bool = true, objectNames: Bool = false, trimPath: String = "", sourcePath: String = "") {
            self.granularity = granularity
            self.inlines = inlines
            self.objectNames = objectNames
            self.trimPath = trimPath
            self.sourcePath = sourcePath
        }
    }

    public init(profile: Profile, options: Options) {
        let kept = options.granularity.keptFields(inlines: options.inlines)
        var indexByInfo: [NodeInfo: Int32] = [:]
        let cleanedFiles = profile.functions.map { function -> String in
            let trimmed = PathTrimming.trim(function.filename, trimPath: options.trimPath, searchPath: options.sourcePath)
            return trimmed.isEmpty ? "" : GoPath.clean(trimmed)
        }
        locationStart.reserveCapacity(profile.locations.count + 1)
        for location in profile.locations {
            let objectFile = location.mappingIndex >= 0 ? profile.mappings[Int(location.mappingIndex)].filename : ""
            let address = kept.address ? location.address : 0
            var frames = profile.lines[location.lineRange]
            if !options.inlines && frames.count > 1 { frames = frames.suffix(1) }
            if frames.isEmpty {
                append(NodeInfo(address: address, objectFile: objectFile), to: &indexByInfo)
            }
            for frame in frames {
                let function = profile.functions[Int(frame.functionIndex)]
                var info = NodeInfo(
                    name: kept.function ? function.name : "",
                    address: address,
                    file: kept.filename ? cleanedFiles[Int(frame.functionIndex)] : "",
                    lineNumber: kept.lineNumber ? frame.line : 0,
                    column: kept.column ? frame.column : 0)
                if options.objectNames || info.name.isEmpty {
                    info.objectFile = objectFile
                    info.startLine = function.startLine
                }
                append(info, to: &indexByInfo)
            }
            locationStart.append(Int32(locationNodes.count))
        }
    }

    private mutating func append(_ info: NodeInfo, to indexByInfo: inout [NodeInfo: Int32]) {
        if let existing = indexByInfo[info] {
            locationNodes.append(existing)
        } else {
            let index = Int32(infos.count)
            infos.append(info)
            indexByInfo[info] = index
            locationNodes.append(index)
        }
    }

    public var count: Int { infos.count }
}
