import PprofModel
extension Profile {
    /// Which expressions of `filterSamplesByName` matched anything: pprof warns "… expression matched no
    /// samples" for each one given that did not.
    public struct NameFilterMatches: Equatable, Sendable {
        /// A location matched `focus` (true when there is no focus and some location is not ignored).
        public var focus: Bool
        /// A location matched `ignore`.
        public var ignore: Bool
        /// A location matched `hide`.
        public var hide: Bool
        /// A location kept a frame under `show`.
        public var show: Bool

        public init(focus: Bool, ignore: Bool, hide: Bool, show: Bool) {
            self.focus = focus
            self.ignore = ignore
            self.hide = hide
            self.show = show
        }
    }

    /// pprof's `FilterSamplesByName` (`-focus`, `-ignore`, `-hide`, `-show`).
    ///
    /// A location matches when one of its frames' function or file name does, or its mapping's file name.
    /// A sample is kept when a location matches `focus` (any location, without a focus) and none matches
    /// `ignore`. `hide` removes the matching frames from every location and `show` keeps only the matching
    /// ones; a location left without frames is removed from the samples, so a sample's flat value moves
    /// to its new leaf, and a sample left without locations is dropped.
    @discardableResult
    public mutating func filterSamplesByName(
        focus: ProfileRegex?, ignore: ProfileRegex?, hide: ProfileRegex?, show: ProfileRegex?
    ) -> NameFilterMatches {
        var matches = NameFilterMatches(focus: false, ignore: false, hide: false, show: false)
        if focus == nil && ignore == nil && hide == nil && show == nil {
            matches.focus = true
            return matches
        }
        var focusMatcher = focus.map { FrameMatcher($0, profile: self) }
        var ignoreMatcher = ignore.map { FrameMatcher($0, profile: self) }
        var hideMatcher = hide.map { FrameMatcher($0, profile: self) }
        var showMatcher = show.map { FrameMatcher($0, profile: self) }

        // 0: neither, 1: focused, 2: ignored.
        var verdicts = [UInt8](repeating: 0, count: locations.count)
        var hidden = [Bool](repeating: false, count: locations.count)
        var anyHidden = false
        let editsFrames = hide != nil || show != nil
        var newLines: [Line] = []
        if editsFrames { newLines.reserveCapacity(lines.count) }

        for index in locations.indices {
            let location = locations[index]
            if ignoreMatcher?.matches(location: location, lines: lines) == true {
                matches.ignore = true
                verdicts[index] = 2
            } else if focusMatcher?.matches(location: location, lines: lines) ?? true {
                matches.focus = true
                verdicts[index] = 1
            }
            guard editsFrames else { continue }

            let hides = hideMatcher?.matches(location: location, lines: lines) == true
            if hides { matches.hide = true }
            let hidesAll = hides && hideMatcher?.matches(mapping: location.mappingIndex) == true
            let showsAll = showMatcher?.matches(mapping: location.mappingIndex) ?? true
            let start = newLines.count
            if !hidesAll {
                for line in lines[location.lineRange] {
                    if hides && hideMatcher?.matches(function: line.functionIndex) == true { continue }
                    if !showsAll && showMatcher?.matches(function: line.functionIndex) == false { continue }
                    newLines.append(line)
                }
            }
            let kept = newLines.count &- start
            locations[index].lineStart = Int32(truncatingIfNeeded: start)
            locations[index].lineCount = Int32(truncatingIfNeeded: kept)
            if (hides || show != nil) && kept == 0 {
                hidden[index] = true
                anyHidden = true
            } else if show != nil {
                matches.show = true
            }
        }
        if editsFrames { lines = newLines }

        let source = samples
        var table = source.emptyCopy(reservingSamples: source.count)
        var kept: [UInt32] = []
        for sample in 0..<source.count {
            let range = source.locationRange(of: sample)
            var focused = false, ignored = false
            for position in range {
                switch verdicts[Int(source.locationIndices[position])] {
                case 1: focused = true
                case 2: ignored = true
                default: break
                }
                if ignored { break }
            }
            guard focused && !ignored else { continue }
            if anyHidden {
                kept.removeAll(keepingCapacity: true)
                for position in range where !hidden[Int(source.locationIndices[position])] {
                    kept.append(source.locationIndices[position])
                }
                if kept.isEmpty { continue }
                table.appendSample(sample, of: source, locations: kept[...])
            } else {
                table.appendSample(sample, of: source)
            }
        }
        samples = table
        return matches
    }
}
