import PprofLoading
extension ReportRequest {
    /// pprof's rule for `pprof [binary] profile…`: when more than one argument is given and the first opens
    /// as an executable (ELF, Mach-O, PE), it is the binary and the rest are profiles; otherwise all are
    /// profiles (a lone binary is then read as a profile and fails as in pprof).
    public mutating func setInputs(_ arguments: [String]) {
        profiles = arguments
        executable = nil
        if arguments.count > 1, ExecutableFormat.of(path: arguments[0]) != nil {
            executable = arguments[0]
            profiles = Array(arguments.dropFirst())
        }
    }

    /// "ELF", "Mach-O" or "PE" when the file at `path` is an executable pprof would recognise, else nil.
    public static func executableFormat(of path: String) -> String? {
        ExecutableFormat.of(path: path)?.rawValue
    }
}
