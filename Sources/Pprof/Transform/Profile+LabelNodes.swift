import PprofFormatting
import PprofModel
extension Profile {
    /// pprof's `addLabelNodes` (`-tagroot`, `-tagleaf`): gives every sample one pseudo frame per key, named
    /// after the sample's values of that label (`a`, `a,b`, `16kB`; empty when the sample lacks the label)
    /// in a function whose file name is the key. Root frames go above the stack, the first key outermost;
    /// leaf frames below it, the last key innermost. Frames are interned by (values, key) into new functions
    /// and locations numbered after the highest ids, with no mapping and no address, as pprof makes them.
    /// Returns whether any sample had a label of a root key and of a leaf key, for pprof's
    /// "TagRoot/TagLeaf expression matched no samples" warnings.
    @discardableResult
    public mutating func addLabelNodes(rootKeys: [String], leafKeys: [String], outputUnit: String) -> (root: Bool, leaf: Bool) {
        guard !rootKeys.isEmpty || !leafKeys.isEmpty else { return (false, false) }
        var nextLocationID = (locations.map(\.id).max() ?? 0) &+ 1
        var nextFunctionID = (functions.map(\.id).max() ?? 0) &+ 1
        struct Key: Hashable {
            package var name: String
            package var file: String
        }
        var interned: [Key: UInt32] = [:]
        func intern(_ key: Key) -> UInt32 {
            if let known = interned[key] { return known }
            let functionIndex = Int32(truncatingIfNeeded: functions.count)
            functions.append(Function(id: nextFunctionID, name: key.name, systemName: "", filename: key.file, startLine: 0))
            nextFunctionID &+= 1
            let lineStart = Int32(truncatingIfNeeded: lines.count)
            lines.append(Line(functionIndex: functionIndex, line: 0, column: 0))
            let index = UInt32(truncatingIfNeeded: locations.count)
            locations.append(Location(
                id: nextLocationID, mappingIndex: -1, address: 0, lineStart: lineStart, lineCount: 1, isFolded: false))
            nextLocationID &+= 1
            interned[key] = index
            return index
        }

        let source = samples
        var table = source.emptyCopy(reservingSamples: source.count)
        var rootMatched = false, leafMatched = false
        var stack: [UInt32] = []
        for sample in 0..<source.count {
            let labels = source.labels[source.labelRange(of: sample)]
            // pprof interns per sample: its root frames first (last key first), then its leaf frames.
            var roots: [UInt32] = [], leaves: [UInt32] = []
            for key in rootKeys.reversed() {
                let values = Self.labelValues(labels, key: key, outputUnit: outputUnit)
                if !values.isEmpty { rootMatched = true }
                roots.append(intern(Key(name: values.joined(separator: ","), file: key)))
            }
            for key in leafKeys.reversed() {
                let values = Self.labelValues(labels, key: key, outputUnit: outputUnit)
                if !values.isEmpty { leafMatched = true }
                leaves.append(intern(Key(name: values.joined(separator: ","), file: key)))
            }
            stack.removeAll(keepingCapacity: true)
            stack.append(contentsOf: leaves)
            stack.append(contentsOf: source.locationIndices[source.locationRange(of: sample)])
            stack.append(contentsOf: roots)
            table.appendSample(sample, of: source, locations: stack[...])
        }
        samples = table
        return (rootMatched, leafMatched)
    }

    /// pprof's `formatLabelValues`: the string values of `key`, then its numbers, each scaled to
    /// `outputUnit` from its own unit when the key carries units in this sample, else printed bare.
    private static func labelValues(_ labels: ArraySlice<Label>, key: String, outputUnit: String) -> [String] {
        var values: [String] = []
        var numbers: [Label] = []
        for label in labels where label.key == key {
            if let string = label.string {
                values.append(string)
            } else {
                numbers.append(label)
            }
        }
        // pprof pads a key's units to its numbers once one number has a unit, and has no units otherwise.
        let hasUnits = numbers.contains { !$0.numberUnit.isEmpty }
        for label in numbers {
            if hasUnits {
                values.append(Measurement.scaledLabel(label.number, from: label.numberUnit, to: outputUnit))
            } else {
                values.append(Measurement.scaledLabel(label.number, from: "", to: ""))
            }
        }
        return values
    }

    /// pprof's `Normalize`: scales each sample type of this profile by the base's total of that type over
    /// this profile's (0 when this profile's total is 0), so that the two compare as if equally long.
    public mutating func normalize(by base: Profile) {
        let count = sampleTypes.count
        guard base.samples.valueCount == count, samples.valueCount == count else { return }
        var baseTotals = [Int64](repeating: 0, count: count)
        var totals = [Int64](repeating: 0, count: count)
        for sample in 0..<base.samples.count {
            for type in 0..<count { baseTotals[type] &+= base.samples.value(of: sample, type: type) }
        }
        for sample in 0..<samples.count {
            for type in 0..<count { totals[type] &+= samples.value(of: sample, type: type) }
        }
        let ratios = (0..<count).map { totals[$0] == 0 ? 0 : Double(baseTotals[$0]) / Double(totals[$0]) }
        scale(by: ratios)
    }
}
