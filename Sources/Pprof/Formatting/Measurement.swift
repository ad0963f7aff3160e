/// pprof's units: scaling sample values for display (`internal/measurement`), with its exact rounding,
/// 1024-based byte units, time units up to hours, and GCU.
public enum Measurement {
    package struct Unit {
        package var canonicalName: String
        package var aliases: [String]
        package var factor: Double
    }

    package struct UnitType {
        package var defaultUnit: Unit
        package var units: [Unit]

        package func find(alias: String) -> Unit? {
            units.first { $0.aliases.contains(alias) }
        }

        package func sniff(_ unit: String) -> Unit? {
            var lowered = unit.lowercased()
            if lowered.utf8.count > 2, lowered.hasSuffix("s") {
                lowered.removeLast()
            }
            return find(alias: lowered)
        }

        package func autoScale(_ value: Double) -> (Double, String)? {
            var factor = 0.0
            var name = ""
            for unit in units where unit.factor >= factor && value / unit.factor >= 1.0 {
                factor = unit.factor
                name = unit.canonicalName
            }
            return factor == 0 ? nil : (value / factor, name)
        }
    }

    package static let unitTypes: [UnitType] = [
        UnitType(
            defaultUnit: Unit(canonicalName: "B", aliases: ["b", "byte"], factor: 1),
            units: [
                Unit(canonicalName: "B", aliases: ["b", "byte"], factor: 1),
                Unit(canonicalName: "kB", aliases: ["kb", "kbyte", "kilobyte"], factor: 1024),
                Unit(canonicalName: "MB", aliases: ["mb", "mbyte", "megabyte"], factor: 1_048_576),
                Unit(canonicalName: "GB", aliases: ["gb", "gbyte", "gigabyte"], factor: 1_073_741_824),
                Unit(canonicalName: "TB", aliases: ["tb", "tbyte", "terabyte"], factor: 1_099_511_627_776),
                Unit(canonicalName: "PB", aliases: ["pb", "pbyte", "petabyte"], factor: 1_125_899_906_842_624),
            ]),
        UnitType(
            defaultUnit: Unit(canonicalName: "s", aliases: [], factor: 1e9),
            units: [
                Unit(canonicalName: "ns", aliases: ["ns", "nanosecond"], factor: 1),
                Unit(canonicalName: "us", aliases: ["μs", "us", "microsecond"], factor: 1e3),
                Unit(canonicalName: "ms", aliases: ["ms", "millisecond"], factor: 1e6),
                Unit(canonicalName: "s", aliases: ["s", "sec", "second"], factor: 1e9),
                Unit(canonicalName: "hrs", aliases: ["hour", "hr"], factor: 3.6e12),
            ]),
        UnitType(
            defaultUnit: Unit(canonicalName: "GCU", aliases: [], factor: 1),
            units: [
                Unit(canonicalName: "n*GCU", aliases: ["nanogcu"], factor: 1e-9),
                Unit(canonicalName: "u*GCU", aliases: ["microgcu"], factor: 1e-6),
                Unit(canonicalName: "m*GCU", aliases: ["milligcu"], factor: 1e-3),
                Unit(canonicalName: "GCU", aliases: ["gcu"], factor: 1),
                Unit(canonicalName: "k*GCU", aliases: ["kilogcu"], factor: 1e3),
                Unit(canonicalName: "M*GCU", aliases: ["megagcu"], factor: 1e6),
                Unit(canonicalName: "G*GCU", aliases: ["gigagcu"], factor: 1e9),
                Unit(canonicalName: "T*GCU", aliases: ["teragcu"], factor: 1e12),
                Unit(canonicalName: "P*GCU", aliases: ["petagcu"], factor: 1e15),
            ]),
    ]

    /// `measurement.Scale`: the value in the target unit ("minimum"/"auto" pick the largest unit ≥ 1).
    public static func scale(_ value: Int64, from: String, to: String) -> (Double, String) {
        Scaler(from: from, to: to).scale(value)
    }

    /// `measurement.ScaledLabel`: two decimals, a literal ".00" dropped, zero printed as "0".
    public static func scaledLabel(_ value: Int64, from: String, to: String) -> String {
        Scaler(from: from, to: to).label(value)
    }

    /// `scale` and `scaledLabel` from one unit to another, with the units looked up once: a report prints
    /// thousands of values in one pair of units, and finding a unit by its aliases cost more than printing.
    public struct Scaler: Sendable {
        public let from: String
        public let to: String
        private let plan: Plan

        private enum Plan: Sendable {
            /// The largest unit of the type that leaves the value ≥ 1, else the type's default unit.
            case automatic(fromFactor: Double, type: Int)
            case fixed(fromFactor: Double, toFactor: Double, name: String)
            /// A unit of no known type: the value unchanged, named `name`.
            case unscaled(name: String)
        }

        public init(from: String, to: String) {
            self.from = from
            self.to = to
            for (index, type) in unitTypes.enumerated() {
                guard let fromUnit = type.sniff(from) else { continue }
                if to == "minimum" || to == "auto" {
                    plan = .automatic(fromFactor: fromUnit.factor, type: index)
                } else {
                    let target = type.sniff(to) ?? type.defaultUnit
                    plan = .fixed(fromFactor: fromUnit.factor, toFactor: target.factor, name: target.canonicalName)
                }
                return
            }
            switch to {
            case "count", "sample", "unit", "minimum", "auto": plan = .unscaled(name: "")
            default: plan = .unscaled(name: to)
            }
        }

        public func scale(_ value: Int64) -> (Double, String) {
            if value < 0 && value != Int64.min {
                let (scaled, unit) = scale(-value)
                return (-scaled, unit)
            }
            switch plan {
            case .automatic(let fromFactor, let type):
                let scaled = Double(value) * fromFactor
                let unitType = unitTypes[type]
                if let result = unitType.autoScale(scaled) { return result }
                return (scaled / unitType.defaultUnit.factor, unitType.defaultUnit.canonicalName)
            case .fixed(let fromFactor, let toFactor, let name):
                return (Double(value) * fromFactor / toFactor, name)
            case .unscaled(let name):
                return (Double(value), name)
            }
        }

        public func label(_ value: Int64) -> String {
            let (scaled, unit) = scale(value)
            var text = GoFormat.fixed(scaled, precision: 2)
            if text.hasSuffix(".00") { text.removeLast(3) }
            if text == "0" || text == "-0" { return "0" }
            return text + unit
        }
    }

    /// `measurement.Label`: auto-scaled.
    public static func label(_ value: Int64, unit: String) -> String {
        scaledLabel(value, from: unit, to: "auto")
    }

    /// `measurement.Percentage`: "  100%" near 100, `%5.2f%%` from 1, `%5.2g%%` below.
    public static func percentage(_ value: Int64, of total: Int64) -> String {
        var ratio = 0.0
        if total != 0 { ratio = abs(Double(value) / Double(total)) * 100 }
        if ratio >= 99.95 && ratio <= 100.05 { return "  100%" }
        if ratio >= 1.0 { return GoFormat.fixed(ratio, width: 5, precision: 2) + "%" }
        return GoFormat.general(ratio, width: 5, precision: 2) + "%"
    }
}
