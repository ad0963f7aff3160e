import Protobuf
import PprofCompression
import PprofLoading

/// Why a profile could not be loaded: the layer that failed and what it knows (a byte offset, an entity id).
public enum ProfileError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(FileReadError)
    case emptyInput
    case gzip(GzipError)
    case wire(WireError)
    /// `string_table[0]` must be the empty string; `offset` is where the first string starts.
    case firstStringNotEmpty(offset: Int)
    /// A second non-zero `time_nanos`: two profiles concatenated into one file.
    case concatenatedProfiles(offset: Int)
    case stringIndexOutOfRange(owner: String, index: Int64, tableCount: Int)
    case missingSampleTypes
    case valueCountMismatch(sample: Int, values: Int, types: Int, offset: Int)
    case danglingLocation(sample: Int, locationID: UInt64)
    case reservedID(entity: String)
    case duplicateID(entity: String, id: UInt64)
    case lineWithoutFunction(locationID: UInt64)
    /// More of something than the decoder can number (`limit` of `what`); `offset` is where it was exceeded.
    case tooLarge(what: String, limit: Int, offset: Int)
    /// Decoding would take more than `limit` bytes of memory (`DecodeBudget`): more than the input read so
    /// far can need, or more than the process's memory limits leave; `offset` is the entity that asked.
    case decodedTooLarge(limit: Int, bound: DecodeBound, offset: Int)

    /// Which bound of `DecodeBudget` a profile exceeded.
    public enum DecodeBound: Equatable, Sendable {
        /// More than `DecodeBudget.ratio` bytes per byte of the input read so far (plus its headroom).
        case inputRatio
        /// More than the process's memory limits leave for it (`MemoryLimit`).
        case memoryLimit
    }

    /// Whether the input was refused for its size (raw or inflated): a larger cap would read it.
    public var exceedsSizeLimit: Bool {
        switch self {
        case .unreadable(let error): return error.exceededLimit != nil
        case .gzip(let error):
            if case .outputLimitExceeded = error.code { return true }
            return false
        default: return false
        }
    }

    public var description: String {
        switch self {
        case .unreadable(let error):
            return error.description
        case .emptyInput: return "empty input file"
        case .gzip(let error): return "decompressing profile: \(error)"
        case .wire(let error): return "malformed protobuf: \(error)"
        case .firstStringNotEmpty(let offset): return "string_table[0] must be '' at byte offset \(offset)"
        case .concatenatedProfiles(let offset): return "concatenated profiles detected at byte offset \(offset)"
        case .stringIndexOutOfRange(let owner, let index, let tableCount):
            return "malformed profile: \(owner) refers to string \(index), but the string table has \(tableCount) entries"
        case .missingSampleTypes: return "malformed profile: missing sample type information"
        case .valueCountMismatch(let sample, let values, let types, let offset):
            return "malformed profile: mismatch: sample \(sample) has \(values) values vs. \(types) types at byte offset \(offset)"
        case .danglingLocation(let sample, let locationID):
            return "malformed profile: sample \(sample) refers to location id \(locationID), which does not exist"
        case .reservedID(let entity): return "malformed profile: found \(entity) with reserved id 0"
        case .duplicateID(let entity, let id): return "malformed profile: multiple \(entity)s with same id: \(id)"
        case .lineWithoutFunction(let locationID):
            return "malformed profile: location id: \(locationID) has a line with nil function"
        case .tooLarge(let what, let limit, let offset):
            return "profile too large: more than \(limit) \(what) at byte offset \(offset)"
        case .decodedTooLarge(let limit, let bound, let offset):
            let mebibytes = limit >> 20
            let why = bound == .inputRatio
                ? "more than \(DecodeBudget.ratio) bytes per byte of profile read"
                : "more than the process's memory limit leaves"
            return "profile too large: decoded, it would take over \(mebibytes) MiB of memory (\(why)) at byte offset \(offset)"
        }
    }
}
