/// A wire-format failure, with the absolute offset (in the whole decoded buffer) of the byte where it was found.
public struct WireError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Code: Equatable, Sendable {
        /// The input ended inside a varint that started at `offset`.
        case truncatedVarint
        /// A varint longer than ten bytes.
        case overlongVarint
        /// A fixed32 or fixed64 value that the input ends in the middle of.
        case truncatedFixed(width: Int)
        /// A length prefix that runs past the end of the enclosing message.
        case lengthExceedsInput(length: UInt64, available: Int)
        /// Wire type 6 or 7, which protobuf does not define.
        case invalidWireType(UInt8)
        /// Field number 0, which protobuf reserves.
        case invalidFieldNumber
        /// A group (wire types 3 and 4): deprecated, and never written by pprof or Go.
        case groupNotSupported(field: UInt64)
        /// A known field with a wire type its schema does not allow.
        case wireTypeMismatch(field: UInt64, got: WireType)
    }

    public var code: Code
    public var offset: Int

    public init(_ code: Code, at offset: Int) {
        self.code = code
        self.offset = offset
    }

    public var description: String {
        "\(what) at byte offset \(offset)"
    }

    /// The failure in words, without the position.
    public var what: String {
        switch code {
        case .truncatedVarint: return "truncated varint"
        case .overlongVarint: return "varint longer than 10 bytes"
        case .truncatedFixed(let width): return "truncated fixed\(width * 8) value"
        case .lengthExceedsInput(let length, let available):
            return "length \(length) exceeds the \(available) bytes left in the message"
        case .invalidWireType(let type): return "invalid wire type \(type)"
        case .invalidFieldNumber: return "invalid field number 0"
        case .groupNotSupported(let field): return "field \(field) is a group, which is not supported"
        case .wireTypeMismatch(let field, let got): return "field \(field) has unexpected wire type \(got.rawValue)"
        }
    }
}
