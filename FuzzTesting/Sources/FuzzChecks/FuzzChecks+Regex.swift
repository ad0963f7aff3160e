import Pprof

extension FuzzChecks {
    /// The bytes up to the first NUL are a pattern, as a flag or a profile's `drop_frames` gives it; the
    /// rest is a name to match. The pattern compiles or fails with pprof's one `parsing … regexp` line;
    /// matching ends within libFuzzer's -timeout whatever the pattern (RE2 is linear in the text), and
    /// the pattern anchored as `^(…)$` (as drop_frames is) matches no name the bare pattern does not.
    public static func regex(_ bytes: [UInt8]) {
        let split = bytes.firstIndex(of: 0) ?? bytes.count
        let pattern = String(decoding: bytes[..<split], as: UTF8.self)
        let name = String(decoding: bytes[min(split + 1, bytes.count)...], as: UTF8.self)

        let regex: ProfileRegex
        do {
            regex = try ProfileRegex(pattern, option: "fuzz")
        } catch {
            guard case .badRegexp(let option, let rejected, let reason) = error else {
                require(false, "not a regexp error: \(error)")
                return
            }
            require(option == "fuzz" && rejected == pattern, "error names another pattern or flag")
            require(reason.hasPrefix("error parsing regexp: "), "not worded as Go: \(reason)")
            require(error.description.hasPrefix("parsing fuzz regexp: error parsing regexp: "), error.description)
            return
        }
        let matched = regex.matches(name)
        require(regex.matches(name) == matched, "two answers for one name")
        // Long text: linear time keeps this within the timeout, backtracking would not.
        _ = regex.matches(String(repeating: name.isEmpty ? "a" : name, count: 64))
        _ = regex.matches(pattern)

        if let anchored = try? ProfileRegex("^(" + pattern + ")$", option: "drop_frames"), anchored.matches(name) {
            require(matched, "^(\(pattern))$ matches \(name) but \(pattern) does not")
        }
    }
}
