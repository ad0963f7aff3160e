import PprofModel
extension Profile {
    /// pprof's `RemoveUninteresting`, applied when a profile is loaded: when the profile names `drop_frames`
    /// (and maybe `keep_frames`), prunes with them anchored as `^(…)$`. A pattern that does not compile
    /// leaves the profile as it is, as pprof ignores the error.
    public mutating func removeUninteresting() {
        guard !dropFrames.isEmpty else { return }
        guard let drop = try? ProfileRegex("^(" + dropFrames + ")$") else { return }
        var keep: ProfileRegex?
        if !keepFrames.isEmpty {
            guard let compiled = try? ProfileRegex("^(" + keepFrames + ")$") else { return }
            keep = compiled
        }
        prune(drop: drop, keep: keep)
    }

    /// pprof's `Prune`: in each location, the outermost frame whose simplified function name matches `drop`
    /// (and not `keep`) goes, with every frame inlined into it; a location whose physical frame matches goes
    /// whole. Each sample then loses, from the root-most such location found after a kept ("user") location,
    /// everything towards the leaf: the location itself when it went whole, else what is inlined below it.
    public mutating func prune(drop: ProfileRegex, keep: ProfileRegex?) {
        // 0: untouched, 1: prune beneath (frames trimmed), 2: prune the whole location.
        var verdicts = [UInt8](repeating: 0, count: locations.count)
        var decisions = [UInt8](repeating: 0, count: functions.count)
        func prunes(_ functionIndex: Int32) -> Bool {
            let index = Int(functionIndex)
            guard index >= 0 && index < functions.count, !functions[index].name.isEmpty else { return false }
            if decisions[index] == 0 {
                let name = Self.simplifiedFunctionName(functions[index].name)
                let dropped = drop.matches(name) && !(keep?.matches(name) ?? false)
                decisions[index] = dropped ? 2 : 1
            }
            return decisions[index] == 2
        }
        for index in locations.indices {
            let range = locations[index].lineRange
            var position = range.upperBound
            while position > range.lowerBound {
                position &-= 1
                guard prunes(lines[position].functionIndex) else { continue }
                if position == range.upperBound &- 1 {
                    verdicts[index] = 2
                } else {
                    verdicts[index] = 1
                    locations[index].lineStart = Int32(truncatingIfNeeded: position &+ 1)
                    locations[index].lineCount = Int32(truncatingIfNeeded: range.upperBound &- position &- 1)
                }
                break
            }
        }
        guard verdicts.contains(where: { $0 != 0 }) else { return }

        let source = samples
        var table = source.emptyCopy(reservingSamples: source.count)
        for sample in 0..<source.count {
            let range = source.locationRange(of: sample)
            var cut = range
            var foundUser = false
            var position = range.upperBound
            while position > range.lowerBound {
                position &-= 1
                let verdict = verdicts[Int(source.locationIndices[position])]
                if verdict == 0 {
                    foundUser = true
                    continue
                }
                guard foundUser else { continue }
                cut = (verdict == 2 ? position &+ 1 : position)..<range.upperBound
                break
            }
            table.appendSample(sample, of: source, locations: source.locationIndices[cut])
        }
        samples = table
    }

    /// pprof's `PruneFrom` (`-prune_from`): in each location, the innermost frame whose simplified name
    /// matches keeps its place and the frames inlined into it go; each sample then starts at its leaf-most
    /// such location.
    public mutating func pruneFrom(_ regex: ProfileRegex) {
        var marked = [Bool](repeating: false, count: locations.count)
        var decisions = [UInt8](repeating: 0, count: functions.count)
        for index in locations.indices {
            let range = locations[index].lineRange
            for position in range {
                let function = Int(lines[position].functionIndex)
                guard function >= 0 && function < functions.count, !functions[function].name.isEmpty else { continue }
                if decisions[function] == 0 {
                    decisions[function] = regex.matches(Self.simplifiedFunctionName(functions[function].name)) ? 2 : 1
                }
                guard decisions[function] == 2 else { continue }
                marked[index] = true
                locations[index].lineStart = Int32(truncatingIfNeeded: position)
                locations[index].lineCount = Int32(truncatingIfNeeded: range.upperBound &- position)
                break
            }
        }
        let source = samples
        var table = source.emptyCopy(reservingSamples: source.count)
        for sample in 0..<source.count {
            let range = source.locationRange(of: sample)
            var start = range.lowerBound
            for position in range where marked[Int(source.locationIndices[position])] {
                start = position
                break
            }
            table.appendSample(sample, of: source, locations: source.locationIndices[start..<range.upperBound])
        }
        samples = table
    }

    /// pprof's `simplifyFunc`: a leading '.' dropped, then everything from the first '(' that does not
    /// open "(anonymous namespace)" or belong to "operator()".
    package static func simplifiedFunctionName(_ name: String) -> String {
        var bytes = Array(name.utf8)[...]
        if bytes.first == UInt8(ascii: ".") { bytes = bytes.dropFirst() }
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let rest = bytes[index...]
            if rest.starts(with: anonymousNamespace) {
                index += anonymousNamespace.count
            } else if rest.starts(with: callOperator) {
                index += callOperator.count
            } else if bytes[index] == UInt8(ascii: "(") {
                return String(decoding: bytes[..<index], as: UTF8.self)
            } else {
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let anonymousNamespace = Array("(anonymous namespace)".utf8)
    private static let callOperator = Array("operator()".utf8)
}
