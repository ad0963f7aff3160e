import Testing
@testable import Protobuf

/// Runs `body` with a reader over `bytes`.
private func reading<T>(_ bytes: [UInt8], _ body: (inout WireReader) throws -> T) rethrows -> T {
    try bytes.withUnsafeBytes { buffer in
        var reader = WireReader(buffer)
        return try body(&reader)
    }
}

@Suite struct VarintTests {
    @Test(arguments: [
        ([0x00], UInt64(0)),
        ([0x01], 1),
        ([0x7f], 127),
        ([0x80, 0x01], 128),
        ([0xac, 0x02], 300),
        ([0xff, 0xff, 0xff, 0xff, 0x0f], UInt64(UInt32.max)),
        ([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], UInt64.max),
    ] as [([UInt8], UInt64)])
    func varintDecodesEveryLength(bytes: [UInt8], expected: UInt64) throws {
        let value = try reading(bytes) { try $0.readVarint() }
        #expect(value == expected)
    }

    @Test func negativeInt64TakesTenBytes() throws {
        let bytes: [UInt8] = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]
        let value = try reading(bytes) { try $0.readVarint() }
        #expect(Int64(bitPattern: value) == -1)
    }

    @Test(arguments: 1...9)
    func truncatedVarintReportsOffsetOfFirstByte(length: Int) {
        let bytes = [0x05] + [UInt8](repeating: 0x80, count: length)
        #expect(throws: WireError(.truncatedVarint, at: 1)) {
            try reading(bytes) { reader in
                _ = try reader.readVarint()
                _ = try reader.readVarint()
            }
        }
    }

    @Test func elevenByteVarintIsOverlong() {
        let bytes = [UInt8](repeating: 0x80, count: 10) + [0x01]
        #expect(throws: WireError(.overlongVarint, at: 0)) {
            try reading(bytes) { _ = try $0.readVarint() }
        }
    }

    @Test func emptyInputIsTruncatedAtZero() {
        #expect(throws: WireError(.truncatedVarint, at: 0)) {
            try reading([]) { _ = try $0.readVarint() }
        }
    }
}

@Suite struct FixedWidthTests {
    @Test func skipMovesOnlyWithinTheReader() throws {
        let bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: 3, alignment: 1)
        defer { bytes.deallocate() }
        bytes.copyBytes(from: [1, 2, 3] as [UInt8])
        var reader = WireReader(UnsafeRawBufferPointer(bytes), baseOffset: 10)
        let tooFar = reader.skip(4)
        let backwards = reader.skip(-1)
        #expect(!tooFar && !backwards && reader.offset == 10)
        let two = reader.skip(2)
        #expect(two && reader.offset == 12)
        #expect(try reader.readVarint() == 3)
        let none = reader.skip(0)
        #expect(none && reader.isAtEnd)
    }

    @Test func fixed32IsLittleEndian() throws {
        let value = try reading([0x78, 0x56, 0x34, 0x12]) { try $0.readFixed32() }
        #expect(value == 0x1234_5678)
    }

    @Test func fixed64IsLittleEndian() throws {
        let value = try reading([0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01]) { try $0.readFixed64() }
        #expect(value == 0x0102_0304_0506_0708)
    }

    @Test(arguments: 0..<4)
    func truncatedFixed32ReportsItsStart(available: Int) {
        let bytes = [0x01] + [UInt8](repeating: 0xaa, count: available)
        #expect(throws: WireError(.truncatedFixed(width: 4), at: 1)) {
            try reading(bytes) { reader in
                _ = try reader.readVarint()
                _ = try reader.readFixed32()
            }
        }
    }

    @Test(arguments: 0..<8)
    func truncatedFixed64ReportsItsStart(available: Int) {
        let bytes = [0x01] + [UInt8](repeating: 0xaa, count: available)
        #expect(throws: WireError(.truncatedFixed(width: 8), at: 1)) {
            try reading(bytes) { reader in
                _ = try reader.readVarint()
                _ = try reader.readFixed64()
            }
        }
    }
}

@Suite struct TagTests {
    @Test func tagSplitsFieldNumberAndWireType() throws {
        let tag = try reading([0x12]) { try $0.readTag() }
        #expect(tag == FieldTag(fieldNumber: 2, wireType: .lengthDelimited))
    }

    @Test func tagAtEndOfInputIsNil() throws {
        let tag = try reading([]) { try $0.readTag() }
        #expect(tag == nil)
    }

    @Test func largeFieldNumbersDecode() throws {
        // Field 536870911 (the maximum), wire type 0.
        let tag = try reading([0xf8, 0xff, 0xff, 0xff, 0x0f]) { try $0.readTag() }
        #expect(tag == FieldTag(fieldNumber: 536_870_911, wireType: .varint))
    }

    @Test(arguments: [UInt8(6), 7])
    func undefinedWireTypesAreRejectedAtTheTag(type: UInt8) {
        #expect(throws: WireError(.invalidWireType(type), at: 2)) {
            try reading([0x08, 0x01, (1 << 3) | type]) { reader in
                _ = try reader.readTag()
                _ = try reader.readVarint()
                _ = try reader.readTag()
            }
        }
    }

    @Test(arguments: [UInt8(3), 4])
    func groupsAreRejected(type: UInt8) {
        #expect(throws: WireError(.groupNotSupported(field: 5), at: 0)) {
            try reading([(5 << 3) | type]) { _ = try $0.readTag() }
        }
    }

    @Test func fieldNumberZeroIsRejected() {
        #expect(throws: WireError(.invalidFieldNumber, at: 0)) {
            try reading([0x00]) { _ = try $0.readTag() }
        }
    }
}

@Suite struct LengthDelimitedTests {
    @Test func subReaderKeepsAbsoluteOffsets() throws {
        // 0x0a len=3 { 0x08 0x96 0x01 }: the inner varint starts at absolute offset 3.
        try reading([0x0a, 0x03, 0x08, 0x96, 0x01]) { reader in
            _ = try reader.readTag()
            var inner = try reader.readLengthDelimited()
            #expect(inner.baseOffset == 2)
            _ = try inner.readTag()
            #expect(inner.offset == 3)
            #expect(try inner.readVarint() == 150)
            #expect(inner.isAtEnd)
            #expect(reader.isAtEnd)
        }
    }

    @Test func lengthPastTheEndReportsTheLengthOffset() {
        #expect(throws: WireError(.lengthExceedsInput(length: 5, available: 2), at: 1)) {
            try reading([0x0a, 0x05, 0x61, 0x62]) { reader in
                _ = try reader.readTag()
                _ = try reader.readLengthDelimited()
            }
        }
    }

    @Test func hugeDeclaredLengthFailsWithoutAllocating() {
        let bytes: [UInt8] = [0x0a, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]
        #expect(throws: WireError(.lengthExceedsInput(length: UInt64(Int64.max), available: 0), at: 1)) {
            try reading(bytes) { reader in
                _ = try reader.readTag()
                _ = try reader.readLengthDelimited()
            }
        }
    }

    @Test func nestedReaderCannotReadPastItsLength() {
        // The inner message claims a varint that continues into the outer bytes.
        #expect(throws: WireError(.truncatedVarint, at: 3)) {
            try reading([0x0a, 0x02, 0x08, 0x96, 0x01]) { reader in
                _ = try reader.readTag()
                var inner = try reader.readLengthDelimited()
                _ = try inner.readTag()
                _ = try inner.readVarint()
            }
        }
    }

    @Test func stringsDecodeAsUTF8() throws {
        let text = try reading([0x03, 0x66, 0xc3, 0xa9]) { try $0.readString() }
        #expect(text == "fé")
    }

    @Test func invalidUTF8DecodesWithReplacementInsteadOfFailing() throws {
        let text = try reading([0x02, 0xff, 0x41]) { try $0.readString() }
        #expect(text == "\u{FFFD}A")
    }
}

@Suite struct RepeatedFieldTests {
    @Test func packedAndUnpackedOccurrencesOfOneFieldAccumulate() throws {
        // field 1 unpacked 7, then packed [1, 300], then unpacked 2: pprof writes both forms.
        let bytes: [UInt8] = [0x08, 0x07, 0x0a, 0x03, 0x01, 0xac, 0x02, 0x08, 0x02]
        var values: [UInt64] = []
        try reading(bytes) { reader in
            while let tag = try reader.readTag() {
                try reader.appendRepeatedVarints(of: tag, to: &values)
            }
        }
        #expect(values == [7, 1, 300, 2])
    }

    @Test func packedSignedValuesKeepTheirSign() throws {
        let bytes: [UInt8] = [0x0a, 0x0b, 0x05] + [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]
        var values: [Int64] = []
        try reading(bytes) { reader in
            while let tag = try reader.readTag() {
                try reader.appendRepeatedInt64s(of: tag, to: &values)
            }
        }
        #expect(values == [5, -1])
    }

    @Test func emptyPackedRunAddsNothing() throws {
        var values: [UInt64] = []
        try reading([0x0a, 0x00]) { reader in
            let tag = try #require(try reader.readTag())
            try reader.appendRepeatedVarints(of: tag, to: &values)
        }
        #expect(values.isEmpty)
    }

    @Test func truncatedPackedRunReportsTheVarintOffset() {
        var values: [UInt64] = []
        #expect(throws: WireError(.truncatedVarint, at: 3)) {
            try reading([0x0a, 0x02, 0x01, 0x80]) { reader in
                let tag = try #require(try reader.readTag())
                try reader.appendRepeatedVarints(of: tag, to: &values)
            }
        }
    }

    @Test func fixedWireTypeForARepeatedVarintIsAMismatch() {
        var values: [UInt64] = []
        #expect(throws: WireError(.wireTypeMismatch(field: 1, got: .fixed32), at: 1)) {
            try reading([0x0d, 0x01, 0x02, 0x03, 0x04]) { reader in
                let tag = try #require(try reader.readTag())
                try reader.appendRepeatedVarints(of: tag, to: &values)
            }
        }
    }
}

@Suite struct SkippingTests {
    @Test func unknownFieldsOfEveryWireTypeAreSkipped() throws {
        let bytes: [UInt8] = [
            0x78, 0x96, 0x01,  // field 15 varint
            0x79, 1, 2, 3, 4, 5, 6, 7, 8,  // field 15 fixed64
            0x7a, 0x02, 0x61, 0x62,  // field 15 bytes
            0x7d, 1, 2, 3, 4,  // field 15 fixed32
            0x08, 0x2a,  // field 1 varint 42
        ]
        let value = try reading(bytes) { reader -> UInt64? in
            while let tag = try reader.readTag() {
                if tag.fieldNumber == 1 { return try reader.readVarint() }
                try reader.skipValue(of: tag)
            }
            return nil
        }
        #expect(value == 42)
    }

    @Test func skippingATruncatedFieldReportsWhereItStarts() {
        #expect(throws: WireError(.truncatedFixed(width: 8), at: 1)) {
            try reading([0x79, 1, 2, 3]) { reader in
                let tag = try #require(try reader.readTag())
                try reader.skipValue(of: tag)
            }
        }
    }

    @Test func countVarintsCountsTerminators() {
        let count = reading([0x01, 0x80, 0x01, 0xff]) { $0.countVarints() }
        #expect(count == 2)
    }
}
