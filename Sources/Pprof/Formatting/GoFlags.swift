/// Command-line parsing with the conventions of Go's `flag` package, which `go tool pprof` uses:
/// `-flag`, `--flag`, `-flag=value` and `-flag value` all work; booleans take only `-flag` or `-flag=BOOL`;
/// `--` ends the flags. Unlike Go, flags may also follow the profile arguments, as users type them in any order.
/// A command's flags: an enum whose raw values are the flag names, each with its kind.
package protocol GoFlag: Hashable, RawRepresentable where RawValue == String {
    var kind: GoFlagKind { get }
}

package enum GoFlagKind: Sendable {
    case boolean
    case value
    /// A value flag that may be given several times.
    case repeatable
}

package enum GoFlags<Flag: GoFlag> {
    package struct UsageError: Error, CustomStringConvertible {
        package var description: String
    }

    package struct Parsed {
        /// Values in the order given; a boolean flag is "true" or "false".
        private var values: [Flag: [String]] = [:]
        /// Flags in the order they were given, for rules like "at most one output format".
        package private(set) var order: [Flag] = []
        package var arguments: [String] = []

        package subscript(flag: Flag) -> Bool { values[flag]?.last == "true" }
        package func value(_ flag: Flag) -> String? { values[flag]?.last }
        package func values(_ flag: Flag) -> [String] { values[flag] ?? [] }

        fileprivate mutating func set(_ flag: Flag, _ value: String) {
            if flag.kind == .repeatable {
                values[flag, default: []].append(value)
            } else {
                values[flag] = [value]
            }
            order.append(flag)
        }
    }

    package static func parse(_ arguments: [String]) throws(UsageError) -> Parsed {
        var parsed = Parsed()
        var position = 0
        while position < arguments.count {
            let argument = arguments[position]
            position += 1
            if argument == "--" {
                parsed.arguments.append(contentsOf: arguments[position...])
                break
            }
            guard argument.hasPrefix("-"), argument != "-" else {
                parsed.arguments.append(argument)
                continue
            }
            var body = argument.dropFirst()
            if body.hasPrefix("-") { body = body.dropFirst() }
            guard !body.isEmpty, !body.hasPrefix("-"), !body.hasPrefix("=") else {
                throw UsageError(description: "bad flag syntax: \(argument)")
            }
            var name = String(body)
            var inlineValue: String?
            if let equals = body.firstIndex(of: "=") {
                name = String(body[..<equals])
                inlineValue = String(body[body.index(after: equals)...])
            }
            guard let flag = Flag(rawValue: name) else {
                throw UsageError(description: "flag provided but not defined: -\(name)")
            }
            let value: String
            switch flag.kind {
            case .boolean:
                if let inlineValue {
                    guard let flag = Self.parseBool(inlineValue) else {
                        throw UsageError(description: "invalid boolean value \"\(inlineValue)\" for -\(name)")
                    }
                    value = flag ? "true" : "false"
                } else {
                    value = "true"
                }
            case .value, .repeatable:
                if let inlineValue {
                    value = inlineValue
                } else {
                    guard position < arguments.count else {
                        throw UsageError(description: "flag needs an argument: -\(name)")
                    }
                    value = arguments[position]
                    position += 1
                }
            }
            parsed.set(flag, value)
        }
        return parsed
    }

    /// Go's `strconv.ParseBool`.
    package static func parseBool(_ text: String) -> Bool? {
        switch text {
        case "1", "t", "T", "true", "TRUE", "True": return true
        case "0", "f", "F", "false", "FALSE", "False": return false
        default: return nil
        }
    }
}
