import PprofFormatting
import PprofModel
/// The report nodes of a profile at one granularity, and for each location the nodes of its frames.
///
/// Built once per report; graphs are then accumulated over node numbers, so rebuilding a graph with a
/// smaller set of kept nodes (as pprof's trimming does) never re-hashes a frame.
public struct NodeTable: Sendable {
    public private(set) var infos: [NodeInfo] = []
    /// Location i's nodes are `locationNodes[locationStart[i]..<locationStart[i + 1]]`, innermost frame
    /// first, the physical caller last, as `Location.lines`; -1 for a frame `Options.includesName` leaves out.
    package var locationStart: [Int32] = [0]
    package var locationNodes: [Int32] = []
    /// The first graph over this table without kept nodes, for the trimming rounds after it.
    package let graphCache = UnfilteredGraphCache()

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

    /// With `includesName`, only the frames whose node name it accepts get a node (it is asked once per
    /// function, before any name is interned): a report that prints some functions only (`-list`) needs no
    /// other node, as a node's flat and cum do not depend on which other nodes exist.
    public init(profile: Profile, options: Options, includesName: ((String) -> Bool)? = nil) {
        let kept = options.granularity.keptFields(inlines: options.inlines)
        // Frames are told apart by a key of interned string numbers and integers, equal exactly when their
        // NodeInfos are equal: each distinct string is hashed once, not once per frame.
        var strings = StringNumbers()
        let empty = strings.number("")
        let isIncluded = profile.functions.map { includesName?(kept.function ? $0.name : "") ?? true }
        let includesUnnamed = includesName?("") ?? true
        // The names and files of functions left out are never hashed: `-list` keeps a few of thousands.
        let nameNumbers = profile.functions.indices.map { function -> Int32 in
            guard isIncluded[function] else { return -1 }
            return strings.number(kept.function ? profile.functions[function].name : "")
        }
        // Functions share a few files: each file name is trimmed and cleaned once.
        var fileNumberByName: [String: Int32] = [:]
        let fileNumbers = profile.functions.indices.map { function -> Int32 in
            guard kept.filename, isIncluded[function] else { return empty }
            let filename = profile.functions[function].filename
            if let known = fileNumberByName[filename] { return known }
            let trimmed = PathTrimming.trim(filename, trimPath: options.trimPath, searchPath: options.sourcePath)
            let number = strings.number(trimmed.isEmpty ? "" : GoPath.clean(trimmed))
            fileNumberByName[filename] = number
            return number
        }
        let objectNumbers = profile.mappings.map { strings.number($0.filename) }
        var indexByKey = NodeKeyTable()
        locationStart.reserveCapacity(profile.locations.count + 1)
        for location in profile.locations {
            let objectFile = location.mappingIndex >= 0 ? objectNumbers[Int(location.mappingIndex)] : empty
            let address = kept.address ? location.address : 0
            var frames = profile.lines[location.lineRange]
            if !options.inlines && frames.count > 1 { frames = frames.suffix(1) }
            if frames.isEmpty {
                if includesUnnamed {
                    let key = NodeKey(name: empty, file: empty, objectFile: objectFile, address: address, startLine: 0, lineNumber: 0, column: 0)
                    append(key, to: &indexByKey, strings: strings)
                } else {
                    locationNodes.append(-1)
                }
            }
            for frame in frames {
                let function = Int(frame.functionIndex)
                guard isIncluded[function] else {
                    locationNodes.append(-1)
                    continue
                }
                var key = NodeKey(
                    name: nameNumbers[function], file: fileNumbers[function], objectFile: empty, address: address,
                    startLine: 0, lineNumber: kept.lineNumber ? frame.line : 0, column: kept.column ? frame.column : 0)
                if options.objectNames || key.name == empty {
                    key.objectFile = objectFile
                    key.startLine = profile.functions[function].startLine
                }
                append(key, to: &indexByKey, strings: strings)
            }
            locationStart.append(Int32(locationNodes.count))
        }
    }

    private mutating func append(_ key: NodeKey, to indexByKey: inout NodeKeyTable, strings: StringNumbers) {
        let (index, inserted) = indexByKey.insert(key)
        if inserted {
            infos.append(NodeInfo(
                name: strings.text[Int(key.name)], address: key.address, file: strings.text[Int(key.file)],
                startLine: key.startLine, lineNumber: key.lineNumber, column: key.column,
                objectFile: strings.text[Int(key.objectFile)]))
        }
        locationNodes.append(index)
    }

    /// Node numbers by key, in order of first insertion, in an open-addressing table with a multiplicative hash:
    /// a `Dictionary` hashed every frame's seven fields with SipHash, a tenth of building the table.
    private struct NodeKeyTable {
        private var keys: [NodeKey] = []
        /// Node number + 1 per slot, 0 when empty.
        private var slots = [Int32](repeating: 0, count: 1024)
        private var shift: UInt64 = 64 - 10

        private static func hash(_ key: NodeKey) -> UInt64 {
            var hash = UInt64(UInt32(bitPattern: key.name)) | UInt64(UInt32(bitPattern: key.file)) << 32
            for field in [UInt64(UInt32(bitPattern: key.objectFile)), key.address, UInt64(bitPattern: key.startLine),
                          UInt64(bitPattern: key.lineNumber), UInt64(bitPattern: key.column)] {
                hash = (hash ^ field) &* 0x9E37_79B9_7F4A_7C15
                hash ^= hash >> 29
            }
            return hash &* 0xBF58_476D_1CE4_E5B9
        }

        /// The number of `key`, and whether it was new (numbered `keys.count` before the call).
        mutating func insert(_ key: NodeKey) -> (Int32, Bool) {
            let mask = slots.count &- 1
            var slot = Int(truncatingIfNeeded: Self.hash(key) &>> shift)
            while true {
                let stored = slots[slot]
                if stored == 0 { break }
                if keys[Int(stored) &- 1] == key { return (stored &- 1, false) }
                slot = (slot &+ 1) & mask
            }
            let number = Int32(truncatingIfNeeded: keys.count)
            keys.append(key)
            slots[slot] = number &+ 1
            if keys.count &* 2 > slots.count { grow() }
            return (number, true)
        }

        private mutating func grow() {
            slots = [Int32](repeating: 0, count: slots.count &* 2)
            shift &-= 1
            let mask = slots.count &- 1
            for (number, key) in keys.enumerated() {
                var slot = Int(truncatingIfNeeded: Self.hash(key) &>> shift)
                while slots[slot] != 0 { slot = (slot &+ 1) & mask }
                slots[slot] = Int32(truncatingIfNeeded: number) &+ 1
            }
        }
    }

    /// A `NodeInfo` with its strings replaced by their numbers in a `StringNumbers`.
    private struct NodeKey: Hashable {
        package var name: Int32
        package var file: Int32
        package var objectFile: Int32
        package var address: UInt64
        package var startLine: Int64
        package var lineNumber: Int64
        package var column: Int64
    }

    /// Distinct strings numbered in order of first use.
    private struct StringNumbers {
        private var numbers: [String: Int32] = [:]
        private(set) package var text: [String] = []

        package mutating func number(_ string: String) -> Int32 {
            if let existing = numbers[string] { return existing }
            let assigned = Int32(truncatingIfNeeded: text.count)
            numbers[string] = assigned
            text.append(string)
            return assigned
        }
    }

    public var count: Int { infos.count }
}
