import PprofModel
/// What each stack of a sample table contributes to a graph: the sums of its samples' selected values and
/// divisors. A graph walks each stack once with these sums, which adds what walking each of its samples would
/// (the same nodes and edges, once per sample). A stack is walked when one of its samples would be (a non-zero
/// value or divisor), even if they sum to zero.
package struct StackWeights {
    package var weight: [Int64]
    /// Empty unless averaging (`-mean`).
    package var divisor: [Int64]
    package var walked: [Bool]

    package init(_ samples: SampleTable, valueIndex: Int, divisorIndex: Int) {
        let sampleCount = samples.valueCount > valueIndex && samples.valueCount > divisorIndex ? samples.count : 0
        let stackCount = sampleCount > 0 ? samples.stackCount : 0
        var weight = [Int64](repeating: 0, count: stackCount)
        var divisor = [Int64](repeating: 0, count: divisorIndex >= 0 ? stackCount : 0)
        var walked = [Bool](repeating: false, count: stackCount)
        let valueCount = samples.valueCount
        samples.values.withUnsafeBufferPointer { values in
        samples.stackOfSample.withUnsafeBufferPointer { stackOfSample in
            for sample in 0..<sampleCount {
                let base = sample &* valueCount
                let sampleWeight = values[base &+ valueIndex]
                let sampleDivisor = divisorIndex >= 0 ? values[base &+ divisorIndex] : 0
                if sampleWeight == 0 && sampleDivisor == 0 { continue }
                let stack = Int(stackOfSample[sample])
                weight[stack] &+= sampleWeight
                if divisorIndex >= 0 { divisor[stack] &+= sampleDivisor }
                walked[stack] = true
            }
        }}
        self.weight = weight
        self.divisor = divisor
        self.walked = walked
    }

    package var stackCount: Int { walked.count }
}
