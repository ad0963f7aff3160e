import PprofDecoding
/// pprof's fetcher over several files, as it tells what it could not read: one that cannot be read among
/// several is skipped with a notice; when none can be read, the first failure is the error.
struct LoadOutcomes {
    var loaded = 0
    private var failures: [ReportError] = []
    private(set) var notices: [String] = []

    mutating func fail(_ error: ProfileError, path: String) {
        let message = "parsing profile \(path): \(error)"
        let failure: ReportError = error.exceedsSizeLimit ? .inputTooLarge(message) : .input(message)
        failures.append(failure)
        notices.append("pprof-list: \(failure.description)")
    }

    mutating func failUnread(path: String) {
        failures.append(.input("parsing profile \(path): not read"))
    }

    /// After the `count` files of one kind ("source", "base"): the first failure when nothing was read, else
    /// pprof's count of what was, when something was not.
    mutating func finish(count: Int, kind: String) throws(ReportError) {
        guard let first = failures.first else { return }
        if loaded == 0 { throw first }
        notices.append("Fetched \(loaded) \(kind) profiles out of \(count)")
    }
}
