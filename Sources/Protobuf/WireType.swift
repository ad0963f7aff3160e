/// The protobuf wire types. Groups (3 and 4) are recognised only to be rejected.
public enum WireType: UInt8, Sendable {
    case varint = 0
    case fixed64 = 1
    case lengthDelimited = 2
    case startGroup = 3
    case endGroup = 4
    case fixed32 = 5
}

/// A decoded field key: field number and wire type.
public struct FieldTag: Equatable, Sendable {
    public var fieldNumber: UInt64
    public var wireType: WireType

    public init(fieldNumber: UInt64, wireType: WireType) {
        self.fieldNumber = fieldNumber
        self.wireType = wireType
    }
}
