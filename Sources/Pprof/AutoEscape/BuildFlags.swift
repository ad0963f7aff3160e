/// The go command's `-gcflags` rules, as far as `-escape=auto` needs them: `-gcflags=FLAGS` applies to the
/// packages named on the command line, `-gcflags=PATTERN=FLAGS` to the packages matching PATTERN, and when
/// several match a package the last one wins (whole, not merged). So a user's `-gcflags=-l` must be repeated
/// inside our `-gcflags=PKG=-l -m=2`, or the analysis would be of code built differently from the profiled.
package enum BuildFlags {
    /// The FLAGS of every `-gcflags=FLAGS` / `-gcflags FLAGS` (also `--gcflags`) among `words` that has no
    /// pattern (a value starting with `-`, or empty).
    package static func unpatternedGcflags(_ words: [String]) -> [String] {
        var result: [String] = []
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            let name = word.hasPrefix("--") ? word.dropFirst(2) : word.dropFirst()
            guard word.hasPrefix("-"), name.hasPrefix("gcflags") else { continue }
            var value: Substring
            if name == "gcflags" {
                guard index < words.count else { break }
                value = Substring(words[index])
                index += 1
            } else if name.hasPrefix("gcflags=") {
                value = name.dropFirst("gcflags=".count)
            } else {
                continue
            }
            if value.hasPrefix("'") && value.hasSuffix("'") && value.count >= 2 { value = value.dropFirst().dropLast() }
            if value.isEmpty || value.hasPrefix("-") { result.append(contentsOf: value.split(separator: " ").map(String.init)) }
        }
        return result
    }

    /// Splits `-escape_flags` text into words at spaces, with '…' and "…" quoting (as a shell would, no
    /// escapes): `-tags=a,b -gcflags='-l -N'` is two words.
    package static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "'" || character == "\"" {
                quote = character
                inWord = true
            } else if character == " " || character == "\t" || character == "\n" {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
