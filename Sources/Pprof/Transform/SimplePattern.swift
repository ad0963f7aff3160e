/// A regular expression of plain characters, escaped punctuation and `.` only, such as `main\.run` or
/// `render.walkTree`: the patterns `-list` and `-focus` are usually given. It is matched by scanning ASCII
/// text directly, where Swift's general engine takes microseconds per function name; other text (and
/// every other pattern) goes to the engine.
package struct SimplePattern {
    /// A byte to match, or -1 for `.`: any character but a newline, as RE2's.
    private let atoms: [Int16]

    package init?(_ pattern: String) {
        var atoms: [Int16] = []
        var escaped = false
        for byte in pattern.utf8 {
            guard byte < 0x80 else { return nil }
            if escaped {
                // `\.`, `\*`, …: the punctuation itself. `\d`, `\b`, `\Q`, … are classes and operators.
                guard Self.isPunctuation(byte) else { return nil }
                atoms.append(Int16(byte))
                escaped = false
                continue
            }
            switch byte {
            case UInt8(ascii: "\\"): escaped = true
            case UInt8(ascii: "."): atoms.append(-1)
            case UInt8(ascii: "+"), UInt8(ascii: "*"), UInt8(ascii: "?"), UInt8(ascii: "("), UInt8(ascii: ")"),
                 UInt8(ascii: "|"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
                 UInt8(ascii: "^"), UInt8(ascii: "$"):
                return nil
            default: atoms.append(Int16(byte))
            }
        }
        if escaped { return nil }
        self.atoms = atoms
    }

    private static func isPunctuation(_ byte: UInt8) -> Bool {
        (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte)
            || (0x7B...0x7E).contains(byte)
    }

    /// Whether the pattern occurs anywhere in `text`; nil for text that is not ASCII.
    package func matches(_ text: String) -> Bool? {
        var text = text
        return text.withUTF8 { bytes -> Bool? in
            for byte in bytes where byte >= 0x80 { return nil }
            let count = atoms.count
            guard count <= bytes.count else { return false }
            var start = 0
            while start &+ count <= bytes.count {
                var index = 0
                while index < count {
                    let atom = atoms[index]
                    let byte = bytes[start &+ index]
                    if atom < 0 ? byte == UInt8(ascii: "\n") : Int16(byte) != atom { break }
                    index &+= 1
                }
                if index == count { return true }
                start &+= 1
            }
            return false
        }
    }
}
