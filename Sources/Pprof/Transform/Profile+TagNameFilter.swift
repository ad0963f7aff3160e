import PprofModel
extension Profile {
    /// pprof's `FilterTagsByName` (`-tagshow`, `-taghide`): removes from every sample the labels, string or
    /// numeric, whose key `show` does not match or `hide` matches. Samples stay, with their values. Returns
    /// whether any key of any sample matched `show` (always true without it) and whether any matched `hide`,
    /// for pprof's "TagShow/TagHide expression matched no samples" warnings.
    ///
    /// The `-diff_base` mark is the label `pprof::base` in pprof, which a `-tagshow` can remove from the
    /// labels; `SampleTable.isDiffBase` keeps it for the total, which pprof computes before filtering.
    @discardableResult
    public mutating func filterLabelsByKey(show: ProfileRegex?, hide: ProfileRegex?) -> (show: Bool, hide: Bool) {
        guard show != nil || hide != nil else { return (true, false) }
        var showMatched = false, hideMatched = false
        // A profile repeats a few keys on every sample: each is tested once.
        var verdicts: [String: (shown: Bool, hidden: Bool)] = [:]
        var table = samples
        table.labels = []
        table.labelOffsets = [0]
        table.labels.reserveCapacity(samples.labels.count)
        table.labelOffsets.reserveCapacity(samples.count &+ 1)
        for sample in 0..<samples.count {
            for label in samples.labels[samples.labelRange(of: sample)] {
                let verdict: (shown: Bool, hidden: Bool)
                if let known = verdicts[label.key] {
                    verdict = known
                } else {
                    verdict = (show?.matches(label.key) ?? true, hide?.matches(label.key) ?? false)
                    verdicts[label.key] = verdict
                }
                if verdict.shown { showMatched = true }
                if verdict.hidden { hideMatched = true }
                if verdict.shown && !verdict.hidden { table.labels.append(label) }
            }
            table.labelOffsets.append(table.labels.count)
        }
        samples = table
        return (show == nil || showMatched, hideMatched)
    }
}
