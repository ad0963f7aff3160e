import PprofAnalysis
import PprofEscape
import PprofFormatting
import PprofModel
/// The source lines that allocate the most, by the selected sample value, each with where the bytes were
/// really allocated and the escape-analysis verdicts that explain them.
///
/// A sample is attributed to its first frame (from the leaf: the innermost inlined frame, then the callers
/// it was inlined into, then the calling locations) in code the escape logs cover: the user's code, where the
/// compiler explains why a value goes to the heap. Without logs, or when no frame is covered, the leaf frame
/// takes it, as `pprof -top -lines` does.
public struct HotLines: Sendable {
    public typealias Site = LineSite

    /// A callee outside the covered code where bytes of a hot line were allocated.
    public struct Allocation: Sendable {
        public var site: Site
        public var value: Int64
        /// Whether the logs cover the callee's code: when they do not, compiling its package with `-m=2`
        /// would tell why it allocates.
        public var isCovered: Bool
    }

    public struct Entry: Sendable {
        public var site: Site
        public var value: Int64
        /// Where the bytes were allocated when that is not `site` itself (a callee outside the user's code),
        /// with the value of each, largest first.
        public var allocatedIn: [Allocation]
        /// The frames of the location holding `site`, from `site` outward: the compiler reports an inlined
        /// allocation at every call site it was inlined into.
        public var inlineCallers: [Site]
        public var explanations: [EscapeExplanation]
    }

    public private(set) var entries: [Entry] = []
    public let total: Int64

    public init(profile: Profile, selection: SampleSelection, join: VerdictJoin?, limit: Int?) {
        let samples = profile.samples
        let valueIndex = selection.index
        total = ReportContext.computeTotal(profile, CallGraph.ValueSelector(index: valueIndex))

        // Per location: the position in its frames of the first covered frame, or -1.
        var coveredFrame = [Int32](repeating: -2, count: profile.locations.count)
        func firstCovered(_ location: Int) -> Int32 {
            if coveredFrame[location] != -2 { return coveredFrame[location] }
            var found: Int32 = -1
            if let join {
                for (offset, frame) in profile.frames(ofLocation: location).enumerated() {
                    let function = profile.functions[Int(frame.functionIndex)]
                    if join.covers(file: function.filename, function: function.name) {
                        found = Int32(offset)
                        break
                    }
                }
            }
            coveredFrame[location] = found
            return found
        }

        struct Key: Hashable { var location: Int32; var frame: Int32 }
        var values: [Key: Int64] = [:]
        var allocated: [Key: [Key: Int64]] = [:]
        for sample in 0..<samples.count {
            let weight = samples.value(of: sample, type: valueIndex)
            let range = samples.locationRange(of: sample)
            guard weight != 0, !range.isEmpty else { continue }
            let leaf = Key(location: Int32(samples.locationIndices[range.lowerBound]), frame: 0)
            guard profile.locations[Int(leaf.location)].lineCount > 0 else { continue }
            var chosen = leaf
            if join != nil {
                for position in range {
                    let location = Int(samples.locationIndices[position])
                    let frame = firstCovered(location)
                    if frame >= 0 {
                        chosen = Key(location: Int32(location), frame: frame)
                        break
                    }
                }
            }
            values[chosen, default: 0] &+= weight
            if chosen != leaf { allocated[chosen, default: [:]][leaf, default: 0] &+= weight }
        }

        func site(_ key: Key) -> Site {
            let frame = profile.frames(ofLocation: Int(key.location))[profile.locations[Int(key.location)].lineRange.lowerBound + Int(key.frame)]
            let function = profile.functions[Int(frame.functionIndex)]
            return Site(function: function.name, file: function.filename, line: frame.line)
        }

        // Merge keys that name the same source line (different PCs or inline contexts), in location order so
        // the callers come out the same on every run.
        var bySite: [Site: (value: Int64, allocated: [Site: Int64])] = [:]
        var callersBySite: [Site: [Site]] = [:]
        var seenCallers: [Site: Set<Site>] = [:]
        for key in values.keys.sorted(by: { ($0.location, $0.frame) < ($1.location, $1.frame) }) {
            let lineSite = site(key)
            bySite[lineSite, default: (0, [:])].value &+= values[key] ?? 0
            for (leafKey, leafValue) in allocated[key] ?? [:] {
                bySite[lineSite, default: (0, [:])].allocated[site(leafKey), default: 0] &+= leafValue
            }
            let frames = profile.frames(ofLocation: Int(key.location))
            for frame in frames.dropFirst(Int(key.frame)).dropFirst() {
                let function = profile.functions[Int(frame.functionIndex)]
                let caller = Site(function: function.name, file: function.filename, line: frame.line)
                if seenCallers[lineSite, default: []].insert(caller).inserted {
                    callersBySite[lineSite, default: []].append(caller)
                }
            }
        }

        let ranked = bySite.sorted { left, right in
            let leftMagnitude = left.value.value.magnitude, rightMagnitude = right.value.value.magnitude
            if leftMagnitude != rightMagnitude { return leftMagnitude > rightMagnitude }
            if left.key.function != right.key.function { return goLess(left.key.function, right.key.function) }
            if left.key.file != right.key.file { return goLess(left.key.file, right.key.file) }
            return left.key.line < right.key.line
        }
        for (lineSite, entry) in ranked.prefix(max(limit ?? ranked.count, 0)) {
            let callers = callersBySite[lineSite] ?? []
            let allocatedIn = entry.allocated.sorted { $0.value.magnitude > $1.value.magnitude || ($0.value == $1.value && goLess($0.key.function, $1.key.function)) }
                .map { Allocation(site: $0.key, value: $0.value, isCovered: join?.covers($0.key) ?? false) }
            entries.append(Entry(
                site: lineSite, value: entry.value, allocatedIn: allocatedIn, inlineCallers: callers,
                explanations: join?.verdicts(for: lineSite) ?? []))
        }
    }
}
