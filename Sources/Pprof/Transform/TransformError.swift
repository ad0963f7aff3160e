import PprofModel
/// Why a profile could not be merged, scaled or filtered, worded as pprof words it.
public enum TransformError: Error, Equatable, CustomStringConvertible {
    /// A filter's regular expression does not compile (`parsing focus regexp: …`).
    case badRegexp(option: String, pattern: String, reason: String)
    /// A numeric tag range pprof would panic on (a number beyond Int64).
    case badTagRange(option: String, value: String)
    /// `CompatibilizeSampleTypes`: no sample type is common to all profiles.
    case noCommonSampleTypes
    /// `ScaleProfiles`: profiles disagree on the number of sample types.
    case sampleTypeCountMismatch(Int, Int)
    /// `CommonValueType`: two types that no unit conversion reconciles; `what` is "period type" or "sample types".
    case incompatibleTypes(what: String, ValueType, ValueType)
    /// `Profile.compatible` in `Merge`.
    case incompatiblePeriodTypes(ValueType, ValueType)
    case incompatibleSampleTypes([ValueType], [ValueType])
    /// `Merge` of nothing.
    case nothingToMerge

    public var description: String {
        switch self {
        case .badRegexp(let option, _, let reason):
            // Without an option (a -list argument) the caller says what was parsed, as pprof does.
            return option.isEmpty ? reason : "parsing \(option) regexp: \(reason)"
        case .badTagRange(let option, let value):
            return "parsing \(option) range: \(value) is out of range"
        case .noCommonSampleTypes:
            return "profiles have empty common sample type list"
        case .sampleTypeCountMismatch(let first, let other):
            return "inconsistent samples type count: \(first) != \(other)"
        case .incompatibleTypes(let what, let left, let right):
            return "\(what): incompatible types: \(Self.text(left)) \(Self.text(right))"
        case .incompatiblePeriodTypes(let left, let right):
            return "incompatible period types &\(Self.text(left)) and &\(Self.text(right))"
        case .incompatibleSampleTypes(let left, let right):
            // pprof prints the two slices of pointers as addresses; the types say more.
            return "incompatible sample types \(Self.text(left)) and \(Self.text(right))"
        case .nothingToMerge:
            return "no profiles to merge"
        }
    }

    /// Go's `%v` of a `ValueType`: its string-table indices are zero once pprof has decoded the profile.
    private static func text(_ type: ValueType) -> String { "{\(type.type) \(type.unit) 0 0}" }

    private static func text(_ types: [ValueType]) -> String { "[" + types.map(text).joined(separator: " ") + "]" }
}
