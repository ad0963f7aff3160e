import Testing

/// Regex syntax that Go's regexp rejects is rejected as `go tool pprof` rejects it: one line, exit status 2
/// (lines as Go 1.27.3's pprof prints them).
@Suite struct RegexErrorCommandTests {
    static let profile = CommandRunner.testdata.appendingPathComponent("seed/go1.27/example1/mem.out").path

    static let cases: [([String], String)] = [
        (["-top", "-focus=(?=a)"], "parsing focus regexp: error parsing regexp: invalid or unsupported Perl syntax: `(?=`"),
        (["-top", "-ignore=(a)\\1"], "parsing ignore regexp: error parsing regexp: invalid escape sequence: `\\1`"),
        (["-top", "-hide=a{1001}"], "parsing hide regexp: error parsing regexp: invalid repeat count: `{1001}`"),
        (["-top", "-show_from=\\C"], "parsing show_from regexp: error parsing regexp: invalid escape sequence: `\\C`"),
        (["-top", "-tagfocus=(?=a)"], "parsing tagfocus regexp: error parsing regexp: unexpected ): `a)`"),
        (["-list=(?=a)"], "parsing argument regexp (?=a): error parsing regexp: invalid or unsupported Perl syntax: `(?=`"),
    ]

    @Test(arguments: cases)
    func badRegexIsOneLineAndExitStatusTwo(flags: [String], message: String) throws {
        let result = try CommandRunner.run(flags + [Self.profile])
        #expect(result.status == 2)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError == "pprof-list: " + message + "\n")
    }
}
