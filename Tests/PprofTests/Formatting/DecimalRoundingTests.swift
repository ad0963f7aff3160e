import Testing
@testable import PprofFormatting

/// The integer rounding must print what `vsnprintf` prints (which rounds as Go's `fmt` does) for every value a
/// report can show: ties on exact binary values, carries into a new digit, tiny and huge magnitudes.
@Suite struct DecimalRoundingTests {
    /// Values whose exact binary expansion sits on or next to a rounding boundary.
    static let boundaries: [Double] = [
        0, -0.0, 0.125, 0.375, 0.005, 0.015, 0.025, 0.045, 1.005, 2.675, 9.995, 9.9949999, 99.995, 99.955,
        0.0001, 0.00001, 0.000099999, 0.00009995, 0.95, 0.995, 0.9995, 5e-5, 4.5e-5, 1e-20, 1.5e-20, 3e-21,
        1234.5, 1023.995, 0.5, 1.5, 2.5, 1e15, 4503599627370495.5, 9007199254740992, 1e300, 5e-324,
        .infinity, -.infinity, .nan, -1.005, -0.001, -123.456,
    ]

    @Test(arguments: boundaries)
    func boundaryValuesPrintAsVsnprintfPrintsThem(value: Double) {
        for precision in 0...4 {
            #expect(GoFormat.fixed(value, precision: precision) == GoFormat.cFixed(value, precision: precision))
            #expect(GoFormat.general(value, width: 0, precision: precision) == GoFormat.cGeneral(value, precision: precision))
        }
    }

    /// Just below 2^-74 a value is its significand over 2^127, the largest shift before everything rounds to
    /// zero; times 10^22 it is a little over one half.
    @Test func theLargestShiftStillRoundsHalfUp() {
        if #available(macOS 15.0, *) {
            #expect(DecimalRounding.scaledInteger(5.27e-23, power: 22) == 1)
            #expect(DecimalRounding.scaledInteger(4.9e-23, power: 22) == 0)
            #expect(DecimalRounding.scaledInteger(1e-300, power: 22) == 0)
        }
    }

    @Test func randomPercentagesAndLabelsPrintAsVsnprintfPrintsThem() {
        var generator = SplitMix64(state: 17)
        for _ in 0..<50_000 {
            // Ratios of two int64 totals as reports compute them, and scaled byte counts.
            let numerator = Double(generator.next() % 1_000_000_007)
            let denominator = Double(generator.next() % 1_000_000_007 + 1)
            let ratio = numerator / denominator * 100 / Double(1 << (generator.next() % 30))
            #expect(GoFormat.fixed(ratio, width: 5, precision: 2) == padded(GoFormat.cFixed(ratio, precision: 2), 5))
            #expect(GoFormat.general(ratio, width: 5, precision: 2) == padded(GoFormat.cGeneral(ratio, precision: 2), 5))
            let label = Double(generator.next() % (1 << 50)) / 1024
            if #available(macOS 15.0, *) {
                // The fast path, not the vsnprintf fallback, printed these.
                #expect(DecimalRounding.fixed(ratio, precision: 2) != nil)
                if ratio < 1 { #expect(DecimalRounding.general(ratio, precision: 2) != nil) }
                #expect(DecimalRounding.fixed(label, precision: 2) != nil)
            }
            #expect(GoFormat.fixed(label, precision: 2) == GoFormat.cFixed(label, precision: 2))
        }
    }

    private func padded(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }
}
