import PprofModel
import Testing

/// Profile strings are Go strings: bytes that are not UTF-8 survive decoding and print as they were.
@Suite struct GoBytesTests {
    static func roundTrip(_ bytes: [UInt8]) -> (String, [UInt8]) {
        let string = bytes.withUnsafeBytes { GoBytes.string($0) }
        var printed: [UInt8] = []
        GoBytes.appendBytes(of: string, to: &printed)
        return (string, printed)
    }

    @Test(arguments: [
        Array("main.naïve".utf8),
        [0x63, 0x61, 0x66, 0xe9],  // Latin-1 "café"
        [0xff, 0xfe, 0x6f, 0x64, 0x64],
        [0x74, 0xe2, 0x82],  // a rune cut short
        [0xed, 0xa0, 0x80],  // a UTF-16 surrogate, not UTF-8
        [0xf4, 0x90, 0x80, 0x80],  // beyond U+10FFFF
        [0xc0, 0xaf],  // an overlong "/"
        Array("€ and 𝄞".utf8),
    ] as [[UInt8]])
    func bytesPrintAsTheyWere(_ bytes: [UInt8]) {
        #expect(Self.roundTrip(bytes).1 == bytes)
    }

    @Test func eachStrayByteIsOneScalarAsGoCountsItOneRune() {
        let (string, _) = Self.roundTrip([0x61, 0xff, 0xfe, 0x62])
        #expect(string.unicodeScalars.count == 4)
        #expect(string.hasPrefix("a") && string.hasSuffix("b"))
    }

    /// ASCII takes a path of its own, checked eight bytes at a time: one stray byte anywhere, in a block of
    /// eight or in the tail, must still send the string the byte-keeping way.
    @Test func aStrayByteAnywhereInALongerStringIsKept() {
        for length in 0...19 {
            let ascii = (0..<length).map { UInt8(0x61 + $0 % 26) }
            let (plain, printedPlain) = Self.roundTrip(ascii)
            #expect(plain == String(decoding: ascii, as: UTF8.self) && printedPlain == ascii)
            for position in 0..<length {
                var bytes = ascii
                bytes[position] = 0xff
                let (string, printed) = Self.roundTrip(bytes)
                #expect(printed == bytes)
                #expect(string.unicodeScalars.count == length)
            }
        }
    }

    @Test func jsonGetsReplacementCharacters() {
        let (string, _) = Self.roundTrip([0x63, 0x61, 0x66, 0xe9])
        #expect(GoBytes.replacingStandIns(string) == "caf\u{FFFD}")
    }
}
