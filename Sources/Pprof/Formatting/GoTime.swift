#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Go's `time.Time` and `time.Duration` text forms, in the local time zone as `TZ` sets it.
package enum GoTime {
    private struct LocalTime {
        package var parts: tm
        package var nanoseconds: Int64
    }

    private static func local(_ unixNanoseconds: Int64) -> LocalTime {
        var seconds = unixNanoseconds / 1_000_000_000
        var nanoseconds = unixNanoseconds % 1_000_000_000
        if nanoseconds < 0 {
            nanoseconds += 1_000_000_000
            seconds -= 1
        }
        var clock = time_t(seconds)
        var parts = tm()
        tzset()
        localtime_r(&clock, &parts)
        return LocalTime(parts: parts, nanoseconds: nanoseconds)
    }

    private static func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }

    private static func zoneName(_ parts: tm) -> String {
        if let zone = parts.tm_zone {
            let name = String(cString: zone)
            if !name.isEmpty { return name }
        }
        return offset(parts, colon: false)
    }

    private static func offset(_ parts: tm, colon: Bool) -> String {
        let total = Int(parts.tm_gmtoff)
        let sign = total < 0 ? "-" : "+"
        let minutes = abs(total) / 60
        let hours = minutes / 60
        let rest = minutes % 60
        let hh = hours < 10 ? "0\(hours)" : "\(hours)"
        let mm = rest < 10 ? "0\(rest)" : "\(rest)"
        return sign + hh + (colon ? ":" : "") + mm
    }

    private static func date(_ parts: tm) -> String {
        let year = Int(parts.tm_year) + 1900
        var yearText = String(year)
        if year >= 0 && year < 1000 { yearText = String(repeating: "0", count: 4 - yearText.count) + yearText }
        return "\(yearText)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))"
    }

    private static func clock(_ parts: tm) -> String {
        "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
    }

    /// `time.Unix(0, ns).Format("2006-01-02 15:04:05 MST")`, the `Time:` line of reports.
    package static func reportTime(_ unixNanoseconds: Int64) -> String {
        let time = local(unixNanoseconds)
        return "\(date(time.parts)) \(clock(time.parts)) \(zoneName(time.parts))"
    }

    /// `time.Unix(0, ns).String()`: "2006-01-02 15:04:05.999999999 -0700 MST", the `Time:` line of `-raw`.
    package static func timeString(_ unixNanoseconds: Int64) -> String {
        let time = local(unixNanoseconds)
        var fraction = ""
        if time.nanoseconds != 0 {
            var digits = String(time.nanoseconds)
            digits = String(repeating: "0", count: 9 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            fraction = "." + digits
        }
        return "\(date(time.parts)) \(clock(time.parts))\(fraction) \(offset(time.parts, colon: false)) \(zoneName(time.parts))"
    }

    /// `time.Duration(ns).String()`.
    package static func durationString(_ nanoseconds: Int64) -> String {
        let negative = nanoseconds < 0
        var value = nanoseconds.magnitude
        var text = ""
        let second: UInt64 = 1_000_000_000
        if value < second {
            if value == 0 { return "0s" }
            let unit: String
            let precision: Int
            if value < 1_000 {
                unit = "ns"; precision = 0
            } else if value < 1_000_000 {
                unit = "µs"; precision = 3
            } else {
                unit = "ms"; precision = 6
            }
            let (fraction, whole) = fractionText(value, precision: precision)
            text = String(whole) + fraction + unit
        } else {
            let (fraction, whole) = fractionText(value, precision: 9)
            value = whole
            text = String(value % 60) + fraction + "s"
            value /= 60
            if value > 0 {
                text = String(value % 60) + "m" + text
                value /= 60
                if value > 0 { text = String(value) + "h" + text }
            }
        }
        return negative ? "-" + text : text
    }

    /// The fraction of `value / 10^precision` as ".123" without trailing zeros (empty when zero), and the
    /// integer part.
    private static func fractionText(_ value: UInt64, precision: Int) -> (String, UInt64) {
        var digits: [Character] = []
        var rest = value
        var printing = false
        for _ in 0..<precision {
            let digit = rest % 10
            printing = printing || digit != 0
            if printing { digits.append(Character(String(digit))) }
            rest /= 10
        }
        if digits.isEmpty { return ("", rest) }
        return ("." + String(digits.reversed()), rest)
    }

    /// `fmt.Sprintf("%.4v", d)`: the duration string cut to its first four characters.
    package static func durationFourCharacters(_ nanoseconds: Int64) -> String {
        String(durationString(nanoseconds).unicodeScalars.prefix(4).map(Character.init))
    }
}
