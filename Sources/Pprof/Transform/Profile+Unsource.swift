import PprofModel
extension Profile {
    /// pprof's `unsourceMappings`: a mapping without a build id whose file name parses as an absolute URL
    /// (a scheme, then ':') is a fetch source, not a binary, and its file name is cleared.
    public mutating func clearURLMappingFiles() {
        for index in mappings.indices where mappings[index].buildID.isEmpty {
            if Self.looksLikeAbsoluteURL(mappings[index].filename) {
                mappings[index].filename = ""
            }
        }
    }

    /// Go's `url.Parse(s)` succeeding with a non-empty scheme: a letter, then letters, digits, '+', '-' or '.',
    /// then ':'; control characters make the parse fail.
    package static func looksLikeAbsoluteURL(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        if bytes.contains(where: { $0 < 0x20 || $0 == 0x7f }) { return false }
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                if index == 0 { return false }
            case UInt8(ascii: ":"):
                return index > 0
            default:
                return false
            }
        }
        return false
    }
}
