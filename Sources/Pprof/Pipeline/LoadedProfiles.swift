import Dispatch
import PprofDecoding
import PprofLoading
import PprofModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
/// The profiles of one request, each file read once (a regular file twice when the summing merge gives way
/// to the exact one), as pprof's `fetchProfiles` combines them: the
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
        if request.onlySumsSamples && request.profiles.allSatisfy(Self.isRegularFile) {
            // Labels are not read, and samples of a stack in one file may be summed as they are decoded.
            var summing = options
            summing.decodesLabels = false
            summing.mergesSamplesOfAStack = true
            if let (profile, notices) = try StreamedMerge.merge(request.profiles, options: summing, executable: request.executable) {
                merged = profile
                Self.prune(&merged)
                self.notices = notices
                return
            }
        }
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

    /// Whether the file at `path` can be read again: the summing merge gives way to the exact one, which reads
    /// the files anew, and a pipe (`<(gunzip -c …)`) or FIFO can be read once only.
    private static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return SystemPath.stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    private static func prune(_ profile: inout Profile) {
        profile.removeUninteresting()
        profile.clearURLMappingFiles()
    }

    /// One profile as pprof's fetcher hands it on: decoded, its C++-looking names simplified as pprof's
    /// symbolizer does before merging, and its binary located. Safe on any thread.
    static func fetch(_ path: String, options: LoadOptions, executable: String?) throws(ProfileError) -> Profile {
        var profile = try Profile(contentsOf: path, options: options)
        profile.simplifyFunctionNames()
        profile.locateBinaries(executable: executable)
        return profile
    }

    /// The profiles at `paths`. As pprof's fetcher, one that cannot be read among several is skipped with a
    /// notice; when none can be read, the first failure is the error.
    private static func read(
        _ paths: [String], options: LoadOptions, executable: String?, kind: String, notices: inout [String]
    ) throws(ReportError) -> [Profile] {
        let loads = ProfileLoads(count: paths.count)
        let load: @Sendable (Int) -> Void = { index in
            do throws(ProfileError) {
                loads.store(.success(try fetch(paths[index], options: options, executable: executable)), at: index)
            } catch {
                loads.store(.failure(error), at: index)
            }
        }
        // Several files (a fleet's profiles merged) are decoded on both cores: each worker takes every other
        // file, which balances profiles of one service, of similar sizes. One file decodes on its own thread
        // (and a large one inflates on a second).
        if paths.count >= 2 && sysconf(Int32(_SC_NPROCESSORS_ONLN)) >= 2 {
            DispatchQueue.concurrentPerform(iterations: 2) { worker in
                var index = worker
                while index < paths.count {
                    load(index)
                    index &+= 2
                }
            }
        } else {
            for index in paths.indices { load(index) }
        }
        // Results in the order given, so notices and the reported failure are those of reading in turn.
        var profiles: [Profile] = []
        profiles.reserveCapacity(paths.count)
        var outcomes = LoadOutcomes()
        for (index, path) in paths.enumerated() {
            switch loads.take(index) {
            case .success(let profile):
                profiles.append(profile)
                outcomes.loaded &+= 1
            case .failure(let error):
                outcomes.fail(error, path: path)
            case nil:
                outcomes.failUnread(path: path)
            }
        }
        try outcomes.finish(count: paths.count, kind: kind)
        notices.append(contentsOf: outcomes.notices)
        return profiles
    }
}

/// A slot per file for the loads of `LoadedProfiles.read`.
private final class ProfileLoads: @unchecked Sendable {
    // Unchecked: each slot is written by one worker alone, and read only after `concurrentPerform` returns,
    // which is after every worker has finished. The slots are raw memory, not an array property: two
    // workers writing through one array property at once would be overlapping accesses to it.
    private let slots: UnsafeMutableBufferPointer<Result<Profile, ProfileError>?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func store(_ result: Result<Profile, ProfileError>, at index: Int) {
        slots[index] = result
    }

    func take(_ index: Int) -> Result<Profile, ProfileError>? {
        let result = slots[index]
        slots[index] = nil
        return result
    }
}
