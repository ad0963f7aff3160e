import PprofModel
extension Profile {
    /// pprof's `ShowFrom` (`-show_from`): cuts every stack above its root-most matching location, and every
    /// matching location's frames above its outermost matching frame. Samples without a match are dropped.
    /// Returns whether any location matched.
    ///
    /// For a sample A → B → C → B (A the root): `B` leaves B → C → B, `C` leaves C → B, `D` drops it.
    @discardableResult
    public mutating func showFrom(_ regex: ProfileRegex) -> Bool {
        var matcher = FrameMatcher(regex, profile: self)
        var marked = [Bool](repeating: false, count: locations.count)
        var matched = false
        for index in locations.indices {
            let location = locations[index]
            if matcher.matches(mapping: location.mappingIndex) {
                marked[index] = true
                matched = true
                continue
            }
            let range = location.lineRange
            var position = range.upperBound
            while position > range.lowerBound {
                position &-= 1
                if matcher.matches(function: lines[position].functionIndex) {
                    locations[index].lineCount = Int32(truncatingIfNeeded: position &- range.lowerBound &+ 1)
                    marked[index] = true
                    matched = true
                    break
                }
            }
        }

        let source = samples
        var table = source.emptyCopy(reservingSamples: source.count)
        for sample in 0..<source.count {
            let range = source.locationRange(of: sample)
            var position = range.upperBound
            while position > range.lowerBound {
                position &-= 1
                if marked[Int(source.locationIndices[position])] {
                    table.appendSample(sample, of: source, locations: source.locationIndices[range.lowerBound...position])
                    break
                }
            }
        }
        samples = table
        return matched
    }
}
