/// Command-line parsing with the conventions of Go's `flag` package, which `go tool pprof` uses:
/// `-flag`, `--flag`, `-flag=value` and `-flag value` all work; booleans take only `-flag` or `-flag=BOOL`;
/// `--` ends the flags. Unlike Go, flags may also follow the profile arguments, as users type them in any order.
struct GoFlags {
    enum Kind {
        case boolean
        case value
        /// A value flag that may be given several times.
        case repeatable
    }

    struct Definition {
        var name: String
        var kind: Kind
        var usage: String
        var placeholder: String
    }

    struct UsageError: Error, CustomStringConvertible {
        var description: String
    }

    private(set) var definitions: [Definition] = []
    private var index: [String: Int] = [:]

    mutating func define(_ name: String, _ kind: Kind, _ usage: String, placeholder: String = "value") {
        index[name] = definitions.count
        definitions.append(Definition(name: name, kind: kind, usage: usage, placeholder: placeholder))
    }

    struct Parsed {
        /// Values in the order given; a boolean flag is "true" or "false".
        var values: [String: [String]] = [:]
        /// Flag names in the order they were given, for rules like "at most one output format".
        var order: [String] = []
        var arguments: [String] = []

        func bool(_ name: String) -> Bool { values[name]?.last == "true" }
        func string(_ name: String) -> String? { values[name]?.last }
        func strings(_ name: String) -> [String] { values[name] ?? [] }
    }

    func parse(_ arguments: [String]) throws(UsageError) -> Parsed {
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
            guard let definitionIndex = index[name] else {
                throw UsageError(description: "flag provided but not defined: -\(name)")
            }
            let definition = definitions[definitionIndex]
            let value: String
            switch definition.kind {
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
            if definition.kind == .repeatable {
                parsed.values[name, default: []].append(value)
            } else {
                parsed.values[name] = [value]
            }
            parsed.order.append(name)
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
