import PprofAnalysis
import PprofEscape
import PprofFormatting
import PprofModel
/// The one place that decides which escape verdicts explain a line of the profile. Every output asks it:
/// the hot lines, `-list -escape`, `-json` of `-top -lines` and `-list`, and comparisons.
///
/// A line's bytes are allocated by its own expressions, or by the body of a function inlined there, whose
/// verdicts the compiler reports at the call's position (`inlining call to F` at the same line and column).
/// So a line is explained by the verdicts of its own expressions and, for each callee the profile shows
/// inlined at that line whose code the logs do not cover, the verdicts at that call's column. A covered
/// inlined callee is explained on its own line. Of those verdicts, only the ones that can put bytes on the
/// heap count (`moved to heap`, `escapes to heap`, not a constant string's); only the instantiation the
/// profile names counts for generic code; the `-m=1` summary of a `-m=2` verdict counts once. Where none is
/// left, a `does not escape` verdict on an allocating expression is shown: its bytes reached the heap all
/// the same (a non-constant `make`, a growing `append`).
public struct VerdictJoin: Sendable {
    public let join: EscapeJoin
    /// For each frame: the callees some location shows inlined into it at that line.
    private let inlinedCallees: [FrameKey: [String]]
    /// For each frame: the frames it is inlined into (the one just outside it in a location), in order.
    private let inlineCallers: [FrameKey: [LineSite]]
    /// The frames that allocate themselves: the innermost frame of a sample's leaf location.
    private let leafFrames: Set<FrameKey>
    /// The packages of the profile's functions: a log package among them is a real one, not the old form's
    /// `# flaws` header for `flaws/example1`.
    private let profilePackages: Set<String>

    /// A frame as locations hold it: its function and line (a function lives in one file).
    package struct FrameKey: Hashable, Sendable {
        package var function: String
        package var line: Int64
    }

    public init(join: EscapeJoin, profile: Profile) {
        self.join = join
        var callees: [FrameKey: [String]] = [:]
        var callers: [FrameKey: [LineSite]] = [:]
        var seen = Set<[Int]>()
        for location in profile.locations.indices {
            let frames = profile.frames(ofLocation: location)
            guard frames.count > 1 else { continue }
            // Locations of one inline chain at other PCs repeat it: each chain is walked once.
            guard seen.insert(frames.map { Int($0.functionIndex) << 24 ^ Int(truncatingIfNeeded: $0.line) }).inserted else { continue }
            let sites = frames.map { frame in
                let function = profile.functions[Int(frame.functionIndex)]
                return LineSite(function: function.name, file: function.filename, line: frame.line)
            }
            for position in sites.indices.dropLast() {
                let inner = sites[position], outer = sites[position + 1]
                let outerKey = FrameKey(function: outer.function, line: outer.line)
                if !(callees[outerKey]?.contains(inner.function) ?? false) { callees[outerKey, default: []].append(inner.function) }
                let innerKey = FrameKey(function: inner.function, line: inner.line)
                if !(callers[innerKey]?.contains(outer) ?? false) { callers[innerKey, default: []].append(outer) }
            }
        }
        inlinedCallees = callees
        inlineCallers = callers
        var leaves = Set<FrameKey>()
        var leafLocations = Set<Int32>()
        let samples = profile.samples
        for stack in 0..<samples.stackCount where samples.stackOffsets[stack] < samples.stackOffsets[stack + 1] {
            let location = samples.locationIndices[samples.stackOffsets[stack]]
            guard leafLocations.insert(Int32(truncatingIfNeeded: location)).inserted,
                  let frame = profile.frames(ofLocation: Int(location)).first else { continue }
            leaves.insert(FrameKey(function: profile.functions[Int(frame.functionIndex)].name, line: frame.line))
        }
        leafFrames = leaves
        profilePackages = Set(profile.functions.map { GoSymbol.packagePath(of: $0.name) })
    }

    /// Whether the logs cover the code of `function` in `file`: the package was compiled with the
    /// diagnostics on, so they can explain its allocations. A file that only wrapper or inlined diagnostics
    /// of another package name (`io.go: parameter p leaks … for onlyReader.Read` under `# net/http`) is not.
    public func covers(file: String, function: String) -> Bool {
        // `go test`'s generated main is compiled with every test binary, never written by the user.
        if file == "_testmain.go" || file.hasSuffix("/_testmain.go") { return false }
        let package = GoSymbol.packagePath(of: function)
        if join.index.packages.contains(package) { return true }
        return join.index.packagesOfFiles(matching: file).contains { logPackage in
            guard let logPackage else { return true }
            return EscapeIndex.isCompatible(logPackage: logPackage, profilePackage: package) || !profilePackages.contains(logPackage)
        }
    }

    public func covers(_ site: LineSite) -> Bool {
        covers(file: site.file, function: site.function)
    }

    /// The frames `site` was inlined into, each once, in location order.
    public func inlineCallers(of site: LineSite) -> [LineSite] {
        inlineCallers[FrameKey(function: site.function, line: site.line)] ?? []
    }

    /// The verdicts that explain the bytes of `site`.
    public func verdicts(for site: LineSite) -> [EscapeExplanation] {
        guard let line = Int(exactly: site.line) else { return [] }
        let found = join.diagnostics(file: site.file, line: line, function: site.function)
        guard !found.diagnostics.isEmpty else { return [] }

        var calleesByColumn: [Int: [String]] = [:]
        for diagnostic in found.diagnostics where diagnostic.kind == .inliningCall {
            calleesByColumn[diagnostic.column, default: []].append(String(diagnostic.message.dropFirst("inlining call to ".count)))
        }
        // A profile without the inlined frames at this line (older toolchains drop some) credits the inlined
        // bodies' bytes to the line itself: then every inlined call's verdicts may explain them.
        let shownInlined = inlinedCallees[FrameKey(function: site.function, line: site.line)]
        let uncoveredCallees = (shownInlined ?? []).filter { !covers(file: site.file, function: $0) }
        func candidate(_ diagnostic: EscapeDiagnostic, trustingMissingFrames: Bool) -> Bool {
            guard let callees = calleesByColumn[diagnostic.column] else { return true }
            if shownInlined == nil { return trustingMissingFrames }
            return callees.contains { callee in uncoveredCallees.contains { GoName.sameFunction(inlined: callee, profile: $0) } }
        }
        func select(trustingMissingFrames: Bool, _ wanted: (EscapeDiagnostic) -> Bool) -> [EscapeDiagnostic] {
            let candidates = found.diagnostics.filter { wanted($0) && candidate($0, trustingMissingFrames: trustingMissingFrames) }
            return Self.oncePerExpression(Self.withoutSummaries(candidates)
                .filter { GoName.sameInstantiation(verdictFunction: $0.function, profile: site.function) })
        }
        var chosen = select(trustingMissingFrames: true, Self.canAllocateOnTheHeap)
        if chosen.isEmpty && leafFrames.contains(FrameKey(function: site.function, line: site.line)) {
            // Only where the line allocates itself, and only its own expressions: a `does not escape` explains
            // no bytes allocated in a callee.
            chosen = select(trustingMissingFrames: false) { $0.kind == .doesNotEscape && Self.allocates($0.message) }
        }
        return EscapeJoin.explanations(chosen, ambiguousFiles: found.ambiguousFiles)
    }

    /// Verdicts that put bytes on the heap. A string constant "escapes" into an interface or a panic
    /// without an allocation (it is static data), and so does an empty slice literal (it has no bytes).
    private static func canAllocateOnTheHeap(_ diagnostic: EscapeDiagnostic) -> Bool {
        switch diagnostic.kind {
        case .movedToHeap, .tooLarge: return true
        case .escapesToHeap:
            let subject = unwrappedConversions(expression(of: diagnostic.message))
            return !isStringLiteral(subject) && !(subject.hasPrefix("[]") && subject.hasSuffix("{}"))
        default: return false
        }
    }

    /// `(interface {})(string("x"))` → `"x"`: Go 1.19 spells out the conversions of a constant.
    private static func unwrappedConversions(_ expression: Substring) -> Substring {
        var subject = expression
        while subject.hasSuffix(")") {
            if subject.hasPrefix("(interface {})(") {
                subject = subject.dropFirst("(interface {})(".count).dropLast()
            } else if subject.hasPrefix("string(") {
                subject = subject.dropFirst("string(".count).dropLast()
            } else {
                break
            }
        }
        return subject
    }

    /// One string literal and nothing else (`"a" + s` is not one).
    private static func isStringLiteral(_ expression: Substring) -> Bool {
        guard expression.count >= 2, expression.first == "\"", expression.last == "\"" else { return false }
        var escaped = false
        for character in expression.dropFirst().dropLast() {
            if escaped {
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "\"" {
                return false
            }
        }
        return !escaped
    }

    /// Expressions that allocate when they do not stay on the stack.
    private static func allocates(_ message: String) -> Bool {
        guard let end = message.firstRange(of: " does not escape")?.lowerBound else { return false }
        let expression = message[..<end]
        if expression.hasPrefix("... argument") { return false }
        return ["make(", "new(", "&", "[]", "map[", "func literal", "string(", "append(", "append", "runtime"].contains { expression.hasPrefix($0) }
            || expression.contains(" + ")
    }

    /// One verdict per expression and column: a closure analysed twice (`in F.func2#0KDOTU4SC0U=#` and
    /// `in F.func2`) gives its blocks twice.
    private static func oncePerExpression(_ diagnostics: [EscapeDiagnostic]) -> [EscapeDiagnostic] {
        var seen = Set<String>()
        return diagnostics.filter { seen.insert("\($0.column) \($0.kind) \(expression(of: $0.message))").inserted }
    }

    /// The `-m=1` summary of a verdict that a `-m=2` block also gives, with its flow, at the same position
    /// (`append escapes to heap` beside `append(b.buf, s...) escapes to heap in F:`): the block only.
    private static func withoutSummaries(_ diagnostics: [EscapeDiagnostic]) -> [EscapeDiagnostic] {
        var expressionsWithFlow: [Int: [Substring]] = [:]
        for diagnostic in diagnostics where !diagnostic.flow.isEmpty {
            expressionsWithFlow[diagnostic.column, default: []].append(expression(of: diagnostic.message))
        }
        return diagnostics.filter { diagnostic in
            guard diagnostic.flow.isEmpty, let detailed = expressionsWithFlow[diagnostic.column] else { return true }
            let summary = expression(of: diagnostic.message)
            return !detailed.contains { $0.hasPrefix(summary) }
        }
    }

    private static func expression(of message: String) -> Substring {
        for marker in [" escapes to heap", " does not escape"] {
            if let range = message.firstRange(of: marker) { return message[..<range.lowerBound] }
        }
        return Substring(message)
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
