/// What a report node stands for: pprof's `-functions`, `-filefunctions`, `-files`, `-lines`, `-addresses`.
public enum Granularity: String, Sendable, CaseIterable {
    case functions, fileFunctions = "filefunctions", files, lines, addresses

    /// The fields `profile.Aggregate` keeps for this granularity (`aggregate()` in pprof's driver).
    package struct KeptFields {
        package var function: Bool
        package var filename: Bool
        package var lineNumber: Bool
        package var address: Bool
        /// `-addresses` with inlines keeps the profile as it is, columns included.
        package var column: Bool
    }

    package func keptFields(inlines: Bool) -> KeptFields {
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
