import PprofModel
/// What pprof's `Merge` makes of the profiles' headers, folded one profile at a time so that a merge can take
/// its profiles as they are read: the period is the largest, the time the earliest (pprof's rule lets a later
/// zero time win), the duration the sum; comments are de-duplicated; the first non-empty default sample type
/// and doc URL win. Types, frames to drop and keep are the first profile's.
package struct MergedHeader {
    private var timeNanos: Int64 = 0
    private var durationNanos: Int64 = 0
    private var period: Int64 = 0
    private var comments: [String] = []
    private var seenComments = Set<String>()
    private var defaultSampleType = ""
    private var docURL = ""

    package init() {}

    package mutating func add(_ profile: Profile) {
        if timeNanos == 0 || profile.timeNanos < timeNanos { timeNanos = profile.timeNanos }
        durationNanos &+= profile.durationNanos
        if period == 0 || period < profile.period { period = profile.period }
        for comment in profile.comments where seenComments.insert(comment).inserted {
            comments.append(comment)
        }
        if defaultSampleType.isEmpty { defaultSampleType = profile.defaultSampleType }
        if docURL.isEmpty { docURL = profile.docURL }
    }

    /// A profile with the merged header and no samples, shaped as `first`'s.
    package func profile(first: Profile) -> Profile {
        var result = Profile()
        result.sampleTypes = first.sampleTypes
        result.dropFrames = first.dropFrames
        result.keepFrames = first.keepFrames
        result.timeNanos = timeNanos
        result.durationNanos = durationNanos
        result.periodType = first.periodType
        result.period = period
        result.comments = comments
        result.defaultSampleType = defaultSampleType
        result.docURL = docURL
        result.samples.valueCount = first.sampleTypes.count
        return result
    }
}
