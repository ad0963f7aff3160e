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

    /// Where, outside the covered code, bytes of a hot line were allocated: the leaf frame, reached through
    /// `callee`, the function the hot line called (or had inlined), which is what a user can act on.
    public struct Allocation: Sendable {
        public var site: Site
        public var callee: Site
        public var value: Int64
        /// Whether the logs cover the callee's code: when they do not, compiling its package with `-m=2`
        /// would tell why it allocates.
        public var isCovered: Bool
        /// Whether the callee was inlined into the hot line: the compiler then reports its body's verdicts at
        /// the hot line, among its own.
        public var isInlined: Bool

        /// A function with no Go body of its package's own: the runtime, or an allocator linknamed into it
        /// (`internal/bytealg.MakeNoZero`, `reflect.unsafe_New`, whose file is in `runtime/`). Compiling its
        /// package with `-m=2` says nothing about it.
        public var isRuntime: Bool {
            let package = GoSymbol.packagePath(of: callee.function)
            return package == "runtime" || package.hasPrefix("internal/runtime/")
                || callee.file.hasPrefix("runtime/") || callee.file.contains("/src/runtime/")
        }
    }

    public struct Entry: Sendable {
        public var site: Site
        public var value: Int64
        /// Where the bytes were allocated when that is not `site` itself (a callee outside the user's code),
        /// with the value of each, largest first.
        public var allocatedIn: [Allocation]
        /// The call sites `site` was inlined into where it allocated, each once.
        public var inlineCallers: [Site]
        public var explanations: [EscapeExplanation]
        /// Whether the logs cover the line's code: if not, only compiling its package with `-m=2` explains it.
        public var isCovered: Bool
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
        /// Per chosen frame, per (leaf, callee): the bytes.
        var allocated: [Key: [[Key]: Int64]] = [:]
        for sample in 0..<samples.count {
            let weight = samples.value(of: sample, type: valueIndex)
            let range = samples.locationRange(of: sample)
            guard weight != 0, !range.isEmpty else { continue }
            let leaf = Key(location: Int32(samples.locationIndices[range.lowerBound]), frame: 0)
            guard profile.locations[Int(leaf.location)].lineCount > 0 else { continue }
            var chosen = leaf
            // The frame just inside the chosen one, toward the leaf: the callee a user would look at.
            var callee = leaf
            if join != nil {
                for position in range {
                    let location = Int(samples.locationIndices[position])
                    let frame = firstCovered(location)
                    if frame >= 0 {
                        chosen = Key(location: Int32(location), frame: frame)
                        if frame > 0 {
                            callee = Key(location: chosen.location, frame: frame - 1)
                        } else if position > range.lowerBound {
                            let inner = Int(samples.locationIndices[position - 1])
                            callee = Key(location: Int32(inner), frame: max(profile.locations[inner].lineCount - 1, 0))
                        }
                        break
                    }
                }
            }
            values[chosen, default: 0] &+= weight
            if chosen != leaf { allocated[chosen, default: [:]][[leaf, callee], default: 0] &+= weight }
        }

        func site(_ key: Key) -> Site {
            let frame = profile.frames(ofLocation: Int(key.location))[profile.locations[Int(key.location)].lineRange.lowerBound + Int(key.frame)]
            let function = profile.functions[Int(frame.functionIndex)]
            return Site(function: function.name, file: function.filename, line: frame.line)
        }

        // Merge keys that name the same source line (different PCs or inline contexts), in location order so
        // the callers come out the same on every run.
        struct Callee: Hashable {
            package var site: Site
            package var callee: Site
            package var isInlined: Bool
        }
        var bySite: [Site: (value: Int64, allocated: [Callee: Int64])] = [:]
        var callersBySite: [Site: [Site]] = [:]
        var seenCallers: [Site: Set<Site>] = [:]
        for key in values.keys.sorted(by: { ($0.location, $0.frame) < ($1.location, $1.frame) }) {
            let lineSite = site(key)
            bySite[lineSite, default: (0, [:])].value &+= values[key] ?? 0
            for (pair, calleeValue) in allocated[key] ?? [:] {
                let callee = Callee(site: site(pair[0]), callee: site(pair[1]), isInlined: pair[1].location == key.location)
                bySite[lineSite, default: (0, [:])].allocated[callee, default: 0] &+= calleeValue
            }
            // The call site this line was inlined into in this location: the distinct ones are listed.
            let frames = profile.frames(ofLocation: Int(key.location))
            if let frame = frames.dropFirst(Int(key.frame) + 1).first {
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
            let allocatedIn = entry.allocated.sorted { left, right in
                if left.value.magnitude != right.value.magnitude { return left.value.magnitude > right.value.magnitude }
                if left.key.site.function != right.key.site.function { return goLess(left.key.site.function, right.key.site.function) }
                return left.key.site.line < right.key.site.line
            }
                .map { Allocation(
                    site: $0.key.site, callee: $0.key.callee, value: $0.value,
                    isCovered: join?.covers($0.key.callee) ?? false, isInlined: $0.key.isInlined) }
            entries.append(Entry(
                site: lineSite, value: entry.value, allocatedIn: allocatedIn, inlineCallers: callers,
                explanations: join?.verdicts(for: lineSite) ?? [], isCovered: join?.covers(lineSite) ?? false))
        }
    }
}
