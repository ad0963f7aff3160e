import Dispatch
import PprofDecoding
import PprofModel
import PprofTransform
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
/// The sources of a report that only sums sample values, merged by `SummingMerger` in the order given while
/// they are read: each file is decoded (on both cores), merged, and let go, so a fleet's profiles are never
/// all in memory, and merging overlaps decoding.
///
/// Files are taken in turn by two workers; whichever finishes the file next in order merges it and every
/// decoded file after it, while the other keeps decoding. Nobody waits for anybody: run on one thread, a
/// worker decodes and merges each file in turn.
final class StreamedMerge: @unchecked Sendable {
    // Unchecked: `merger`, `failures` and `notices` are touched only by the worker that owns the merge, and
    // ownership passes under `state`'s lock, which orders those accesses; `paths` and the rest are constants.
    private struct State {
        /// Decoded files not merged yet, by position.
        var decoded: [Int: Result<Profile, ProfileError>] = [:]
        var nextToMerge = 0
        var merging = false
    }

    private let paths: [String]
    private let options: LoadOptions
    private let executable: String?
    private let state = Mutex(State())
    private let nextToDecode = Atomic<Int>(0)
    private let refused = Atomic<Bool>(false)
    private var merger: SummingMerger
    private var outcomes = LoadOutcomes()

    private init(paths: [String], options: LoadOptions, executable: String?) {
        self.paths = paths
        self.options = options
        self.executable = executable
        merger = SummingMerger(expectedCount: paths.count)
    }

    /// The merged sources and pprof's notices on them; nil when the summing merge cannot stand in for pprof's
    /// (`SummingMerger.Refusal`), and the caller merges exactly. `options` should skip labels: nothing
    /// reads them.
    static func merge(_ paths: [String], options: LoadOptions, executable: String?) throws(ReportError) -> (Profile, [String])? {
        let stream = StreamedMerge(paths: paths, options: options, executable: executable)
        if paths.count >= 2 && sysconf(Int32(_SC_NPROCESSORS_ONLN)) >= 2 {
            DispatchQueue.concurrentPerform(iterations: 2) { _ in stream.work() }
        } else {
            stream.work()
        }
        if stream.refused.load(ordering: .acquiring) { return nil }
        try stream.outcomes.finish(count: paths.count, kind: "source")
        guard let profile = stream.merger.result else { return nil }
        return (profile, stream.outcomes.notices)
    }

    private func work() {
        while !refused.load(ordering: .relaxed) {
            let index = nextToDecode.add(1, ordering: .relaxed).oldValue
            guard index < paths.count else { return }
            let result: Result<Profile, ProfileError>
            do throws(ProfileError) {
                result = .success(try LoadedProfiles.fetch(paths[index], options: options, executable: executable))
            } catch {
                result = .failure(error)
            }
            let owns = state.withLock { state in
                state.decoded[index] = result
                if state.merging { return false }
                state.merging = true
                return true
            }
            if owns { mergeInOrder() }
        }
    }

    /// Merges the decoded files that come next in order, then gives the merge up.
    private func mergeInOrder() {
        while true {
            let next = state.withLock { state -> (index: Int, result: Result<Profile, ProfileError>)? in
                let index = state.nextToMerge
                guard let result = state.decoded.removeValue(forKey: index) else {
                    state.merging = false
                    return nil
                }
                state.nextToMerge = index &+ 1
                return (index, result)
            }
            guard let next else { return }
            if refused.load(ordering: .relaxed) { continue }
            switch next.result {
            case .success(let profile):
                do throws(SummingMerger.Refusal) {
                    try merger.add(profile)
                    outcomes.loaded &+= 1
                } catch {
                    refused.store(true, ordering: .releasing)
                }
            case .failure(let error):
                outcomes.fail(error, path: paths[next.index])
            }
        }
    }
}
