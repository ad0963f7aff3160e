/// Command-line parsing with the conventions of Go's `flag` package, which `go tool pprof` uses:
/// `-flag`, `--flag`, `-flag=value` and `-flag value` all work; booleans take only `-flag` or `-flag=BOOL`;
/// `--` ends the flags. Unlike Go, flags may also follow the profile arguments, as users type them in any order.
enum GoFlags {
    struct UsageError: Error, CustomStringConvertible {
        var description: String
    }

    struct Parsed {
        /// Values in the order given; a boolean flag is "true" or "false".
        private var values: [CommandFlag: [String]] = [:]
        /// Flags in the order they were given, for rules like "at most one output format".
        private(set) var order: [CommandFlag] = []
        var arguments: [String] = []

        subscript(flag: CommandFlag) -> Bool { values[flag]?.last == "true" }
        func value(_ flag: CommandFlag) -> String? { values[flag]?.last }
        func values(_ flag: CommandFlag) -> [String] { values[flag] ?? [] }

        fileprivate mutating func set(_ flag: CommandFlag, _ value: String) {
            if flag.kind == .repeatable {
                values[flag, default: []].append(value)
            } else {
                values[flag] = [value]
            }
            order.append(flag)
        }
    }

    static func parse(_ arguments: [String]) throws(UsageError) -> Parsed {
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
            guard let flag = CommandFlag(rawValue: name) else {
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
    static func parseBool(_ text: String) -> Bool? {
        switch text {
        case "1", "t", "T", "true", "TRUE", "True": return true
        case "0", "f", "F", "false", "FALSE", "False": return false
        default: return nil
        }
    }
}
