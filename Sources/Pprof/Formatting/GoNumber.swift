/// Numbers in flag values as Go's `flag` package reads them (`strconv.ParseInt(s, 0, 64)` and
/// `ParseFloat(s, 64)`): base prefixes `0x`, `0o`, `0b` and a leading `0` for octal, `_` between digits.
package enum GoNumber {
    package enum Failure: Error {
        case syntax
        case range

        /// The words Go's flag package uses after `invalid value "…" for flag -name: `.
        package var text: String { self == .syntax ? "parse error" : "value out of range" }
    }

    package static func parseInt(_ text: String) throws(Failure) -> Int {
        guard underscoresSeparateDigits(text) else { throw .syntax }
        var body = Substring(text.filter { $0 != "_" })
        var negative = false
        if let sign = body.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            body = body.dropFirst()
        }
        var radix = 10
        let lowered = body.lowercased()
        if lowered.hasPrefix("0x") {
            radix = 16
        } else if lowered.hasPrefix("0o") {
            radix = 8
        } else if lowered.hasPrefix("0b") {
            radix = 2
        } else if body.count > 1 && body.hasPrefix("0") {
            radix = 8
            body = body.dropFirst()
        }
        if radix != 10 && !(radix == 8 && !lowered.hasPrefix("0o")) { body = body.dropFirst(2) }
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && $0.isHexDigit }),
              let magnitude = UInt64(body, radix: radix) else {
            // Digits of the base that do not fit are out of range; anything else is a syntax error.
            if !body.isEmpty, body.allSatisfy({ $0.isASCII && ($0.hexDigitValue ?? radix) < radix }) { throw .range }
            throw .syntax
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { throw .range }
            return magnitude == UInt64(Int64.max) + 1 ? Int.min : -Int(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { throw .range }
        return Int(magnitude)
    }

    /// Finite values only: a fraction or divisor of NaN or infinity has no meaning in a report.
    package static func parseFloat(_ text: String) throws(Failure) -> Double {
        guard underscoresSeparateDigits(text), let value = Double(text.filter { $0 != "_" }), value.isFinite else {
            throw .syntax
        }
        return value
    }

    /// Go's `underscoreOK`: each `_` stands between digits, or between a base prefix and a digit.
    package static func underscoresSeparateDigits(_ text: String) -> Bool {
        var characters = Substring(text)
        if let sign = characters.first, sign == "+" || sign == "-" { characters = characters.dropFirst() }
        var saw: Character = "^"
        var hex = false
        let lowered = characters.lowercased()
        if characters.count >= 2, characters.first == "0", let letter = lowered.dropFirst().first, "xob".contains(letter) {
            hex = letter == "x"
            saw = "0"
            characters = characters.dropFirst(2)
        }
        for character in characters {
            if character.isASCII && (character.isNumber || (hex && character.isHexDigit)) {
                saw = "0"
            } else if character == "_" {
                if saw != "0" { return false }
                saw = "_"
            } else {
                if saw == "_" { return false }
                saw = "!"
            }
        }
        return saw != "_"
    }
}
