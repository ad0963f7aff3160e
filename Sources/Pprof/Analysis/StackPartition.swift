import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits a walk over the stacks of a large profile between two threads: each stack's contribution is
/// independent of the others', so halves walked apart and added up give the whole walk's sums. Half of 50,000
/// stacks of a runtime heap profile (about 30 frames each) is a few milliseconds of walking, far more than
/// waking a thread costs; below that the second thread is not worth waking.
package enum StackPartition {
    package static let minimumStacks = 50_000

    /// The ranges of stacks to walk, one per thread.
    package static func ranges(stackCount: Int, minimumStacks: Int = minimumStacks) -> [Range<Int>] {
        guard stackCount >= max(minimumStacks, 2), sysconf(Int32(_SC_NPROCESSORS_ONLN)) >= 2 else { return [0..<stackCount] }
        let middle = stackCount / 2
        return [0..<middle, middle..<stackCount]
    }

    /// `walk` over each range, the ranges on threads of their own when there are several.
    package static func map<Part>(stackCount: Int, minimumStacks: Int = minimumStacks, _ walk: (Range<Int>) -> Part) -> [Part] {
        let parts = ranges(stackCount: stackCount, minimumStacks: minimumStacks)
        if parts.count == 1 { return [walk(parts[0])] }
        return withoutActuallyEscaping(walk) { walk in
            let work = ParallelWork(ranges: parts, walk: walk)
            DispatchQueue.concurrentPerform(iterations: parts.count) { work.run($0) }
            return work.results()
        }
    }
}

/// The ranges, the walk and a slot per result, shared by the threads of one `concurrentPerform`.
private final class ParallelWork<Part>: @unchecked Sendable {
    // Unchecked: thread i reads the immutable `ranges` and `walk` and writes slot i alone, and
    // `concurrentPerform` returns only after every thread has finished, before `results` reads the slots.
    private let ranges: [Range<Int>]
    private let walk: (Range<Int>) -> Part
    private let slots: UnsafeMutableBufferPointer<Part?>

    package init(ranges: [Range<Int>], walk: @escaping (Range<Int>) -> Part) {
        self.ranges = ranges
        self.walk = walk
        slots = .allocate(capacity: ranges.count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    package func run(_ index: Int) {
        slots[index] = walk(ranges[index])
    }

    package func results() -> [Part] {
        slots.compactMap { $0 }
    }
}
