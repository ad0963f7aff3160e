/// Decimal digits of a double rounded the way C's `printf` and Go's `fmt` round them: from the exact binary
/// value, ties to even. Reports print thousands of `%5.2f` and `%.2g` cells; `vsnprintf` through Swift's
/// `CVarArg` boxing costs a tenth of `-top`, this integer arithmetic a few nanoseconds. It covers the values
/// reports print (magnitudes from 1e-20 to 2^53, few digits) and returns nil for the rest, which then go
/// through `vsnprintf`.
@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
enum DecimalRounding {
    /// Powers of ten that, times a 53-bit significand, stay inside 128 bits.
    private static let maximumPower = 22
    private static let powersOfTen: [UInt128] = {
        var powers: [UInt128] = [1]
        for _ in 0..<maximumPower { powers.append(powers[powers.count - 1] * 10) }
        return powers
    }()

    /// `magnitude × 10^power` rounded to an integer, ties to even; nil outside the covered range.
    static func scaledInteger(_ magnitude: Double, power: Int) -> UInt128? {
        guard magnitude.isFinite, magnitude >= 0, power >= 0, power <= maximumPower else { return nil }
        if magnitude == 0 { return 0 }
        let exponentBits = Int(magnitude.exponentBitPattern)
        let significand = exponentBits == 0
            ? UInt128(magnitude.significandBitPattern)
            : UInt128(magnitude.significandBitPattern | (1 << 52))
        let binaryExponent = (exponentBits == 0 ? 1 : exponentBits) - 1075
        // Values of 2^53 and more are integers already and rarely printed: leave them to vsnprintf.
        guard binaryExponent < 0 else { return nil }
        let product = significand * powersOfTen[power]
        let shift = -binaryExponent
        if shift >= 128 { return 0 }  // product < 2^126.1 < 2^127 ≤ half of 2^shift: rounds to zero
        let quotient = product >> shift
        let remainder = product & ((1 << shift) - 1)
        let half: UInt128 = 1 << (shift - 1)
        if remainder > half || (remainder == half && quotient & 1 == 1) { return quotient + 1 }
        return quotient
    }

    /// `%<width>.<precision>f` of a finite value.
    static func fixed(_ value: Double, precision: Int, width: Int = 0) -> String? {
        guard width <= maximumWidth, let scaled = scaledInteger(value.magnitude, power: precision) else { return nil }
        return plain(scaled, fractionDigits: precision, negative: value.sign == .minus, trimmingZeros: false, width: width)
    }

    /// `%<width>.<precision>g` of a finite value: `precision` significant digits, trailing zeros removed,
    /// exponent form below 1e-4 and from 10^precision.
    static func general(_ value: Double, precision requested: Int, width: Int = 0) -> String? {
        let precision = requested == 0 ? 1 : requested
        let magnitude = value.magnitude
        guard magnitude.isFinite, precision <= 17, width <= maximumWidth else { return nil }
        let negative = value.sign == .minus
        if magnitude == 0 { return plain(0, fractionDigits: 0, negative: negative, trimmingZeros: false, width: width) }
        guard magnitude >= 1e-20, magnitude < 1e17 else { return nil }
        // The decimal exponent of the rounded value: log10's estimate, corrected by at most a step or two.
        var exponent = Int((log10Estimate(magnitude)).rounded(.down))
        var rounded: UInt128 = 0
        let lowest = powersOfTen[precision - 1]
        let highest = powersOfTen[precision]
        for _ in 0..<4 {
            let power = precision - 1 - exponent
            guard power >= 0, let scaled = scaledInteger(magnitude, power: power) else { return nil }
            if scaled >= highest {
                exponent += 1
            } else if scaled < lowest {
                exponent -= 1
            } else {
                rounded = scaled
                break
            }
        }
        guard rounded != 0 else { return nil }
        if exponent < -4 || exponent >= precision {
            var mantissa = String(rounded)
            trimTrailingZeros(&mantissa, keepingFirst: 1)
            if mantissa.count > 1 { mantissa.insert(".", at: mantissa.index(after: mantissa.startIndex)) }
            let exponentDigits = String(exponent.magnitude)
            let text = (negative ? "-" : "") + mantissa + (exponent < 0 ? "e-" : "e+")
                + (exponentDigits.count < 2 ? "0" : "") + exponentDigits
            return GoFormat.padLeft(text, width)
        }
        return plain(rounded, fractionDigits: precision - 1 - exponent, negative: negative, trimmingZeros: true, width: width)
    }

    /// Room for 39 digits of a UInt128, the point, the sign, `maximumPower` leading zeros and the padding.
    private static let maximumWidth = 40
    private static let bufferSize = 128

    /// `integer / 10^fractionDigits` with exactly `fractionDigits` decimals (trailing zeros and a bare point
    /// dropped when `trimmingZeros`), right-aligned in `width`, written backwards into a stack buffer: a short
    /// result is a small string, with no allocation.
    private static func plain(_ integer: UInt128, fractionDigits: Int, negative: Bool, trimmingZeros: Bool, width: Int) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bufferSize) { buffer in
            var start = bufferSize
            var end = bufferSize
            var remaining = integer
            func push(_ byte: UInt8) {
                start -= 1
                buffer[start] = byte
            }
            func pushDigit() {
                if remaining <= UInt128(UInt64.max) {
                    let small = UInt64(remaining)
                    push(UInt8(truncatingIfNeeded: small % 10) + 48)
                    remaining = UInt128(small / 10)
                } else {
                    push(UInt8(truncatingIfNeeded: remaining % 10) + 48)
                    remaining /= 10
                }
            }
            if fractionDigits > 0 {
                for _ in 0..<fractionDigits { pushDigit() }
                push(UInt8(ascii: "."))
            }
            repeat { pushDigit() } while remaining > 0
            if negative { push(UInt8(ascii: "-")) }
            if trimmingZeros && fractionDigits > 0 {
                while buffer[end - 1] == UInt8(ascii: "0") { end -= 1 }
                if buffer[end - 1] == UInt8(ascii: ".") { end -= 1 }
            }
            while end - start < width { push(UInt8(ascii: " ")) }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self)
        }
    }

    private static func trimTrailingZeros(_ text: inout String, keepingFirst: Int) {
        while text.count > keepingFirst && text.last == "0" { text.removeLast() }
    }

    /// floor(log10(x)) within one: the binary exponent times log10(2), no libm call needed.
    private static func log10Estimate(_ magnitude: Double) -> Double {
        Double(magnitude.exponent) * 0.30102999566398120 + (magnitude.significand > 1.5 ? 0.17 : 0)
    }
}
