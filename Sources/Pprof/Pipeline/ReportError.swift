/// Why a report could not be made: the request itself (a pattern that does not compile, a sample type the
/// profile lacks; Go's tools exit 2 for these) or its inputs (a file that cannot be read or understood;
/// exit 1), or an input over the size cap, which a larger `LoadOptions.maxInflatedSize` would read. The
/// message is one line, worded as pprof words it where pprof has the error.
public enum ReportError: Error, Equatable, CustomStringConvertible {
    case request(String)
    case input(String)
    case inputTooLarge(String)

    public var description: String {
        switch self {
        case .request(let message), .input(let message), .inputTooLarge(let message): return message
        }
    }
}
