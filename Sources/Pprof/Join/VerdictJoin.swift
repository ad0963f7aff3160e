import PprofAnalysis
import PprofModel
/// The one place that decides which escape verdicts explain a line of the profile. Every output asks it:
/// the hot lines, `-list -escape`, `-json` of `-top -lines` and `-list`, and comparisons.
///
/// The compiler reports an allocation inlined into another function at the call site it was inlined into,
/// so a line's verdicts are those on the line itself and on every call site some location of the profile
/// shows it inlined into (the outer frames of the locations holding it).
public struct VerdictJoin: Sendable {
    public let join: EscapeJoin
    private let inlineCallers: [FrameKey: [LineSite]]

    /// A frame as locations hold it: its function and line (a function lives in one file).
    package struct FrameKey: Hashable, Sendable {
        package var function: String
        package var line: Int64
    }

    public init(join: EscapeJoin, profile: Profile) {
        self.join = join
        var callers: [FrameKey: [LineSite]] = [:]
        var seen = Set<[LineSite]>()
        for location in profile.locations.indices {
            let frames = profile.frames(ofLocation: location)
            guard frames.count > 1 else { continue }
            let sites = frames.map { frame in
                let function = profile.functions[Int(frame.functionIndex)]
                return LineSite(function: function.name, file: function.filename, line: frame.line)
            }
            // Locations of one inline chain at other PCs repeat it: each chain is walked once.
            guard seen.insert(sites).inserted else { continue }
            for (position, site) in sites.enumerated().dropLast() {
                let key = FrameKey(function: site.function, line: site.line)
                for caller in sites[(position + 1)...] where !(callers[key]?.contains(caller) ?? false) {
                    callers[key, default: []].append(caller)
                }
            }
        }
        inlineCallers = callers
    }

    /// Whether the logs cover the code of `site`: the user's code, whose allocations they can explain.
    public func covers(_ site: LineSite) -> Bool {
        join.covers(file: site.file, function: site.function)
    }

    /// The call sites `site` was inlined into, innermost first, in location order.
    public func inlineCallers(of site: LineSite) -> [LineSite] {
        inlineCallers[FrameKey(function: site.function, line: site.line)] ?? []
    }

    /// The verdicts that explain `site`: its own, then those at the call sites it was inlined into, each once.
    public func verdicts(for site: LineSite) -> [EscapeExplanation] {
        var verdicts: [EscapeExplanation] = []
        for candidate in [site] + inlineCallers(of: site) {
            guard let line = Int(exactly: candidate.line) else { continue }
            for verdict in join.explanations(file: candidate.file, line: line, function: candidate.function)
            where !verdicts.contains(verdict) {
                verdicts.append(verdict)
            }
        }
        return verdicts
    }
}

/// The verdicts of the lines a report shows, joined once by the pipeline; writers only look them up.
public struct VerdictTable: Sendable {
    private var verdicts: [VerdictJoin.FrameKey: [EscapeExplanation]] = [:]
    /// False when the run had no escape logs: writers then print no escape lines at all.
    public let hasLogs: Bool

    public init(hasLogs: Bool) {
        self.hasLogs = hasLogs
    }

    /// Joins `site` through `join` unless it is already in the table.
    public mutating func add(_ site: LineSite, from join: VerdictJoin) {
        let key = VerdictJoin.FrameKey(function: site.function, line: site.line)
        guard verdicts[key] == nil else { return }
        verdicts[key] = join.verdicts(for: site)
    }

    public func verdicts(function: String, line: Int64) -> [EscapeExplanation] {
        verdicts[VerdictJoin.FrameKey(function: function, line: line)] ?? []
    }

    public func verdicts(for site: LineSite) -> [EscapeExplanation] {
        verdicts(function: site.function, line: site.line)
    }
}
