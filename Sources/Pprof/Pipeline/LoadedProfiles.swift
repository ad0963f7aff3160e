import PprofDecoding
import PprofModel
/// The profiles of one request, each file read once, as pprof's `fetchProfiles` combines them: the
/// sources merged into one, the base (`-base`, or `-diff_base` marked as such) negated and merged in, then
/// the profile's own `drop_frames`/`keep_frames` pruning and URL mapping names cleared. The new profiles and
/// the base are also kept apart, pruned alike, for reports that compare them.
struct LoadedProfiles {
    /// What pprof's reports read: the sources, minus the base when there is one.
    var merged: Profile
    /// With a base: the sources alone, and the base alone.
    var after: Profile?
    var before: Profile?
    /// pprof's notices on profiles it could not read among several (`Fetched 1 source profiles out of 2`).
    var notices: [String] = []

    init(_ request: ReportRequest, options: LoadOptions, keepsSidesApart: Bool) throws(ReportError) {
        guard !request.profiles.isEmpty else { throw .request("no profile given") }
        var notices: [String] = []
        let sources = try Self.read(request.profiles, options: options, executable: request.executable, kind: "source", notices: &notices)
        self.notices = notices
        var profile: Profile
        do {
            profile = try Profile.combine(sources)
        } catch {
            throw .input("problem fetching source profiles: \(error)")
        }
        guard let base = request.base else {
            Self.prune(&profile)
            merged = profile
            return
        }
        var baseProfile: Profile
        do {
            baseProfile = try Profile.combine(try Self.read([base.path], options: options, executable: request.executable, kind: "base", notices: &notices))
        } catch let error as ReportError {
            throw error
        } catch {
            throw .input("problem fetching base profiles: \(error)")
        }
        if keepsSidesApart {
            var after = profile, before = baseProfile
            Self.prune(&after)
            Self.prune(&before)
            // The default report's comparison sees the profiles as pprof's reports do: normalized to the base.
            if request.normalize { after.normalize(by: before) }
            self.after = after
            self.before = before
        }
        if base.kind == .diffBase { baseProfile.markAsDiffBase() }
        if request.normalize { profile.normalize(by: baseProfile) }
        baseProfile.scale(by: -1)
        do {
            profile = try Profile.combine([profile, baseProfile])
        } catch {
            throw .input(error.description)
        }
        Self.prune(&profile)
        merged = profile
    }

    private static func prune(_ profile: inout Profile) {
        profile.removeUninteresting()
        profile.clearURLMappingFiles()
    }

    /// The profiles at `paths`. As pprof's fetcher, one that cannot be read among several is skipped with a
    /// notice; when none can be read, the first failure is the error.
    private static func read(
        _ paths: [String], options: LoadOptions, executable: String?, kind: String, notices: inout [String]
    ) throws(ReportError) -> [Profile] {
        var profiles: [Profile] = []
        var failures: [ReportError] = []
        for path in paths {
            do {
                var profile = try Profile(contentsOf: path, options: options)
                // pprof's symbolizer simplifies C++-looking names of every profile it fetches, before merging.
                profile.simplifyFunctionNames()
                profile.locateBinaries(executable: executable)
                profiles.append(profile)
            } catch {
                let message = "parsing profile \(path): \(error)"
                let failure: ReportError = error.exceedsSizeLimit ? .inputTooLarge(message) : .input(message)
                failures.append(failure)
                notices.append("pprof-list: \(failure.description)")
            }
        }
        if let first = failures.first {
            if profiles.isEmpty { throw first }
            notices.append("Fetched \(profiles.count) \(kind) profiles out of \(paths.count)")
        }
        return profiles
    }
}
