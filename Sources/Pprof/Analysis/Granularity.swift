/// What a report node stands for: pprof's `-functions`, `-filefunctions`, `-files`, `-lines`, `-addresses`.
public enum Granularity: String, Sendable, CaseIterable {
    case functions, fileFunctions = "filefunctions", files, lines, addresses

    /// The fields `profile.Aggregate` keeps for this granularity (`aggregate()` in pprof's driver).
    struct KeptFields {
        var function: Bool
        var filename: Bool
        var lineNumber: Bool
        var address: Bool
        /// `-addresses` with inlines keeps the profile as it is, columns included.
        var column: Bool
    }

    func keptFields(inlines: Bool) -> KeptFields {
        switch self {
        case .functions: return KeptFields(function: true, filename: false, lineNumber: false, address: false, column: false)
        case .fileFunctions: return KeptFields(function: true, filename: true, lineNumber: false, address: false, column: false)
        case .files: return KeptFields(function: false, filename: true, lineNumber: false, address: false, column: false)
        case .lines: return KeptFields(function: true, filename: true, lineNumber: true, address: false, column: false)
        case .addresses:
            return KeptFields(function: true, filename: true, lineNumber: true, address: true, column: inlines)
        }
    }
}
