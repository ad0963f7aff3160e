/// A JSON value, decoded by a small recursive-descent reader sized for the compiler's `-json` logopt lines
/// (one object per line). Total: any byte sequence yields a value or nil, never a trap; nesting is capped.
package enum EscapeJSON: Equatable {
    /// Members in document order. Objects here have a handful of keys, so a linear search beats hashing.
    case object([Member])
    case array([EscapeJSON])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    package struct Member: Equatable {
        package var key: String
        package var value: EscapeJSON
    }

    package static let maximumDepth = 64

    /// Decodes one complete value (surrounding blanks allowed), or nil when the bytes are not exactly one value.
    package static func decode(_ bytes: EscapeBytes) -> EscapeJSON? {
        var reader = Reader(bytes: bytes, index: bytes.start)
        guard let value = reader.value(depth: 0) else { return nil }
        reader.skipBlanks()
        return reader.index == bytes.end ? value : nil
    }

    /// The value of `key` (the last one when a key repeats), or nil when absent or not an object.
    package subscript(key: String) -> EscapeJSON? {
        if case .object(let members) = self { return members.last { $0.key == key }?.value }
        return nil
    }

    package var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    package var arrayValue: [EscapeJSON]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The number as an `Int` when it is a whole number in ±1e9 (positions, versions); nil otherwise.
    package var intValue: Int? {
        guard case .number(let d) = self, d.isFinite, d == d.rounded(), abs(d) <= 1e9 else { return nil }
        return Int(d)
    }

    private struct Reader {
        package let bytes: EscapeBytes
        package var index: Int

        package mutating func skipBlanks() {
            while let b = bytes.byte(at: index), b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { index += 1 }
        }

        package mutating func value(depth: Int) -> EscapeJSON? {
            guard depth < EscapeJSON.maximumDepth else { return nil }
            skipBlanks()
            guard let b = bytes.byte(at: index) else { return nil }
            switch b {
            case UInt8(ascii: "{"): return object(depth: depth)
            case UInt8(ascii: "["): return array(depth: depth)
            case UInt8(ascii: "\""): return string().map { .string($0) }
            case UInt8(ascii: "t"): return literal("true", .bool(true))
            case UInt8(ascii: "f"): return literal("false", .bool(false))
            case UInt8(ascii: "n"): return literal("null", .null)
            default: return number()
            }
        }

        private mutating func literal(_ text: StaticString, _ value: EscapeJSON) -> EscapeJSON? {
            guard bytes.matches(text, at: index) else { return nil }
            index += text.utf8CodeUnitCount
            return value
        }

        private mutating func object(depth: Int) -> EscapeJSON? {
            index += 1
            var members: [Member] = []
            skipBlanks()
            if bytes.byte(at: index) == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            while true {
                skipBlanks()
                guard bytes.byte(at: index) == UInt8(ascii: "\""), let key = string() else { return nil }
                skipBlanks()
                guard bytes.byte(at: index) == UInt8(ascii: ":") else { return nil }
                index += 1
                guard let member = value(depth: depth + 1) else { return nil }
                members.append(Member(key: key, value: member))
                skipBlanks()
                switch bytes.byte(at: index) {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "}"): index += 1; return .object(members)
                default: return nil
                }
            }
        }

        private mutating func array(depth: Int) -> EscapeJSON? {
            index += 1
            var elements: [EscapeJSON] = []
            skipBlanks()
            if bytes.byte(at: index) == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            }
            while true {
                guard let element = value(depth: depth + 1) else { return nil }
                elements.append(element)
                skipBlanks()
                switch bytes.byte(at: index) {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "]"): index += 1; return .array(elements)
                default: return nil
                }
            }
        }

        /// A string starting at the opening quote. Raw bytes are decoded lossily; `\u` escapes pair
        /// surrogates and turn lone ones into U+FFFD.
        private mutating func string() -> String? {
            index += 1
            let contentStart = index
            // Fast path: no escapes.
            while let b = bytes.byte(at: index), b != UInt8(ascii: "\""), b != UInt8(ascii: "\\") { index += 1 }
            guard let stop = bytes.byte(at: index) else { return nil }
            if stop == UInt8(ascii: "\"") {
                index += 1
                return bytes.slice(contentStart, index - 1).string
            }
            var utf8: [UInt8] = []
            for i in contentStart..<index { if let b = bytes.byte(at: i) { utf8.append(b) } }
            var pendingHighSurrogate: UInt32?
            func flushSurrogate() {
                if pendingHighSurrogate != nil { appendScalar(0xFFFD, to: &utf8) }
                pendingHighSurrogate = nil
            }
            while let b = bytes.byte(at: index) {
                if b == UInt8(ascii: "\"") {
                    flushSurrogate()
                    index += 1
                    return String(decoding: utf8, as: UTF8.self)
                }
                if b != UInt8(ascii: "\\") {
                    flushSurrogate()
                    utf8.append(b)
                    index += 1
                    continue
                }
                guard let escaped = bytes.byte(at: index + 1) else { return nil }
                index += 2
                if escaped == UInt8(ascii: "u") {
                    guard let unit = hex4() else { return nil }
                    if unit >= 0xD800, unit < 0xDC00 {
                        flushSurrogate()
                        pendingHighSurrogate = unit
                    } else if unit >= 0xDC00, unit < 0xE000 {
                        if let high = pendingHighSurrogate {
                            appendScalar(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00), to: &utf8)
                            pendingHighSurrogate = nil
                        } else {
                            appendScalar(0xFFFD, to: &utf8)
                        }
                    } else {
                        flushSurrogate()
                        appendScalar(unit, to: &utf8)
                    }
                    continue
                }
                flushSurrogate()
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escaped)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                default: return nil
                }
            }
            return nil
        }

        private mutating func hex4() -> UInt32? {
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard let b = bytes.byte(at: index) else { return nil }
                let digit: UInt8
                switch b {
                case 0x30...0x39: digit = b - 0x30
                case 0x41...0x46: digit = b - 0x41 + 10
                case 0x61...0x66: digit = b - 0x61 + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
                index += 1
            }
            return value
        }

        private func appendScalar(_ value: UInt32, to utf8: inout [UInt8]) {
            let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
            utf8.append(contentsOf: String(Character(scalar)).utf8)
        }

        /// `-?digits[.digits][e[+-]digits]`, strictly as JSON spells numbers.
        private mutating func number() -> EscapeJSON? {
            let numberStart = index
            if bytes.byte(at: index) == UInt8(ascii: "-") { index += 1 }
            let digitsStart = index
            while let b = bytes.byte(at: index), b >= 0x30, b <= 0x39 { index += 1 }
            guard index > digitsStart else { return nil }
            if bytes.byte(at: index) == UInt8(ascii: ".") {
                index += 1
                let fractionStart = index
                while let b = bytes.byte(at: index), b >= 0x30, b <= 0x39 { index += 1 }
                guard index > fractionStart else { return nil }
            }
            if let e = bytes.byte(at: index), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
                index += 1
                if let sign = bytes.byte(at: index), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { index += 1 }
                let exponentStart = index
                while let b = bytes.byte(at: index), b >= 0x30, b <= 0x39 { index += 1 }
                guard index > exponentStart else { return nil }
            }
            guard let value = Double(bytes.slice(numberStart, index).string) else { return nil }
            return .number(value)
        }
    }
}
