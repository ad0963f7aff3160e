import CZlibFuzz
import Pprof

extension FuzzChecks {
    /// The size of `ProfileDecoder`'s streaming window (internal to Pprof, so repeated here).
    static let streamingWindow = 256 << 10

    /// Gzip'ed profiles are decoded while they are inflated, through a window of 256 KiB, with a fallback that
    /// inflates everything when that fails; raw profiles are decoded from one buffer. Both ways must agree:
    /// the same error, or profiles whose `-raw` text is the same.
    ///
    /// The first input byte chooses the shape; the rest is the raw profile. With bit 0 set, an unknown field of
    /// zeros comes first and ends 1 to 890 bytes (bits 1–7) before the window's end, so the boundary falls
    /// inside the profile's fields; bit 1 splits the gzip stream into two members at an input-chosen point;
    /// bit 2 picks the compression level.
    public static func profileStreaming(_ input: [UInt8]) {
        guard let shape = input.first else { return }
        var raw: [UInt8] = []
        if shape & 1 == 1 {
            let gap = Int(shape >> 1) * 7 + 1
            let padding = streamingWindow - gap - 5  // a 2-byte key and a 3-byte length come first
            raw = [0xA2, 0x06]  // field 100, length-delimited
            var length = padding
            while length >= 0x80 {
                raw.append(UInt8(truncatingIfNeeded: length) | 0x80)
                length >>= 7
            }
            raw.append(UInt8(length))
            raw += [UInt8](repeating: 0, count: padding)
        }
        raw += input.dropFirst()

        let expected = outcome(raw)
        let level: Int32 = shape & 4 == 0 ? 1 : 6
        var compressed: [UInt8]
        if shape & 2 == 0 {
            compressed = gzip(raw, level: level)
        } else {
            let split = raw.count - min(raw.count, input.count / 2)
            compressed = gzip(Array(raw[..<split]), level: level) + gzip(Array(raw[split...]), level: level)
        }
        let streamed = outcome(compressed)
        require(streamed == expected,
                "gzip and raw disagree:\n\(streamed.prefix(400))\n--- raw:\n\(expected.prefix(400))")
    }

    /// The error, or the `-raw` text of the profile.
    static func outcome(_ bytes: [UInt8]) -> String {
        do {
            let profile = try Profile(bytes: bytes, options: LoadOptions(maxInflatedSize: maxInflatedSize))
            checkConsistency(profile)
            var text = ""
            RawReport.write(profile, to: &text)
            return text
        } catch {
            requireOneLine(error.description)
            return "error: \(error)"
        }
    }

    /// One gzip member holding `input`.
    static func gzip(_ input: [UInt8], level: Int32) -> [UInt8] {
        var stream = z_stream()
        require(czlibfuzz_deflate_init2(&stream, level, 15 + 16) == Z_OK, "deflateInit2")
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))) + 32)
        let remaining = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination -> Int in
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.avail_in = UInt32(source.count)
                stream.next_out = destination.baseAddress
                stream.avail_out = UInt32(destination.count)
                require(deflate(&stream, Z_FINISH) == Z_STREAM_END, "deflate did not finish")
                return Int(stream.avail_out)
            }
        }
        output.removeLast(remaining)
        return output
    }
}
