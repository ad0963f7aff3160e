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
        if shift >= 127 { return 0 }  // product < 2^127 ≤ half of 2^shift: rounds to zero
        let quotient = product >> shift
        let remainder = product & ((1 << shift) - 1)
        let half: UInt128 = 1 << (shift - 1)
        if remainder > half || (remainder == half && quotient & 1 == 1) { return quotient + 1 }
        return quotient
    }

    /// `%.<precision>f` of a finite value, without width.
    static func fixed(_ value: Double, precision: Int) -> String? {
        guard let scaled = scaledInteger(value.magnitude, power: precision) else { return nil }
        return (value.sign == .minus ? "-" : "") + digits(scaled, fractionDigits: precision)
    }

    /// `%.<precision>g` of a finite value, without width: `precision` significant digits, trailing zeros
    /// removed, exponent form below 1e-4 and from 10^precision.
    static func general(_ value: Double, precision requested: Int) -> String? {
        let precision = requested == 0 ? 1 : requested
        let magnitude = value.magnitude
        guard magnitude.isFinite, precision <= 17 else { return nil }
        let sign = value.sign == .minus ? "-" : ""
        if magnitude == 0 { return sign + "0" }
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
            return sign + mantissa + (exponent < 0 ? "e-" : "e+") + (exponentDigits.count < 2 ? "0" : "") + exponentDigits
        }
        var text = digits(rounded, fractionDigits: precision - 1 - exponent)
        if text.contains(".") {
            while text.last == "0" { text.removeLast() }
            if text.last == "." { text.removeLast() }
        }
        return sign + text
    }

    /// `integer / 10^fractionDigits` written with exactly `fractionDigits` decimals.
    private static func digits(_ integer: UInt128, fractionDigits: Int) -> String {
        var text = String(integer)
        guard fractionDigits > 0 else { return text }
        if text.count <= fractionDigits {
            text = String(repeating: "0", count: fractionDigits + 1 - text.count) + text
        }
        text.insert(".", at: text.index(text.endIndex, offsetBy: -fractionDigits))
        return text
    }

    private static func trimTrailingZeros(_ text: inout String, keepingFirst: Int) {
        while text.count > keepingFirst && text.last == "0" { text.removeLast() }
    }

    /// floor(log10(x)) within one: the binary exponent times log10(2), no libm call needed.
    private static func log10Estimate(_ magnitude: Double) -> Double {
        Double(magnitude.exponent) * 0.30102999566398120 + (magnitude.significand > 1.5 ? 0.17 : 0)
    }
}
