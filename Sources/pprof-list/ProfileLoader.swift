import Pprof

/// Reads the profile arguments and the base as pprof's `fetchProfiles` does: the sources merged into one,
/// the base (`-base`, or `-diff_base` marked as such) negated and merged in, then the profile's own
/// `drop_frames`/`keep_frames` pruning, then mapping file names that are URLs cleared.
struct ProfileLoader {
    var paths: [String]
    var base: String?
    var diffBase: String?
    var loadOptions: LoadOptions

    init(options: CommandOptions) {
        paths = options.profiles
        base = options.base
        diffBase = options.diffBase
        loadOptions = options.loadOptions
    }

    func load() throws(CommandFailure) -> Profile {
        guard !paths.isEmpty else { throw .usage("no profile given") }
        let sources = try read(paths)
        var profile: Profile
        do {
            profile = try Profile.combine(sources)
        } catch {
            throw .input("problem fetching source profiles: \(error)")
        }
        if let basePath = diffBase ?? base {
            let bases = try read([basePath])
            var baseProfile: Profile
            do {
                baseProfile = try Profile.combine(bases)
            } catch {
                throw .input("problem fetching base profiles: \(error)")
            }
            if diffBase != nil { baseProfile.markAsDiffBase() }
            baseProfile.scale(by: -1)
            do {
                profile = try Profile.combine([profile, baseProfile])
            } catch {
                throw .input(error.description)
            }
        }
        profile.removeUninteresting()
        profile.clearURLMappingFiles()
        return profile
    }

    private func read(_ paths: [String]) throws(CommandFailure) -> [Profile] {
        var profiles: [Profile] = []
        for path in paths {
            do {
                var profile = try Profile(contentsOf: path, options: loadOptions)
                // pprof's symbolizer simplifies C++-looking names of every profile it fetches, before merging.
                profile.simplifyFunctionNames()
                profiles.append(profile)
            } catch {
                throw .input("parsing profile \(path): \(error)")
            }
        }
        return profiles
    }
}
