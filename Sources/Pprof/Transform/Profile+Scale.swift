import PprofFormatting
import PprofModel
extension Profile {
    /// pprof's `Scale`: every value times `ratio`, rounded; samples left all zero are dropped.
    public mutating func scale(by ratio: Double) {
        scale(by: [Double](repeating: ratio, count: sampleTypes.count))
    }

    /// pprof's `ScaleN`: value t of every sample times `ratios[t]`, rounded half away from zero. A sample is
    /// kept only when one of the values actually scaled (ratio ≠ 1) is non-zero afterwards. All ones, or a
    /// count that is not the number of sample types, leave the profile as it is.
    public mutating func scale(by ratios: [Double]) {
        guard ratios.count == sampleTypes.count, ratios.contains(where: { $0 != 1 }) else { return }
        let source = samples
        guard source.valueCount == ratios.count else { return }
        var scaled = source
        var keep = [Bool](repeating: false, count: source.count)
        var dropsAny = false
        scaled.values.withUnsafeMutableBufferPointer { values in
            for sample in 0..<source.count {
                var kept = false
                let base = sample &* ratios.count
                for (type, ratio) in ratios.enumerated() where ratio != 1 {
                    let value = GoMath.truncate((Double(values[base &+ type]) * ratio).rounded())
                    values[base &+ type] = value
                    kept = kept || value != 0
                }
                keep[sample] = kept
                if !kept { dropsAny = true }
            }
        }
        samples = dropsAny ? scaled.filtered { keep[$0] } : scaled
    }

    /// pprof's `CompatibilizeSampleTypes`: keeps in every profile only the sample types (by name) that all
    /// of them have, in the first profile's order. A profile whose types change gets the first kept type as
    /// its default unless its own default is kept.
    public static func compatibilizeSampleTypes(_ profiles: inout [Profile]) throws(TransformError) {
        guard let first = profiles.first else { throw .noCommonSampleTypes }
        var occurrences: [String: Int] = [:]
        for profile in profiles {
            for type in profile.sampleTypes { occurrences[type.type, default: 0] += 1 }
        }
        let common = first.sampleTypes.map(\.type).filter { occurrences[$0] == profiles.count }
        guard let firstCommon = common.first else { throw .noCommonSampleTypes }
        for index in profiles.indices {
            profiles[index].keepSampleTypes(common, fallbackDefault: firstCommon)
        }
    }

    /// One profile's part of `CompatibilizeSampleTypes`; every name of `names` is one of its types.
    private mutating func keepSampleTypes(_ names: [String], fallbackDefault: String) {
        var newDefault = fallbackDefault
        var sources: [Int] = []
        var reorders = false
        for (position, name) in names.enumerated() {
            if name == defaultSampleType { newDefault = defaultSampleType }
            let index = sampleTypes.firstIndex { $0.type == name } ?? 0
            sources.append(index)
            if index != position { reorders = true }
        }
        if !reorders && names.count == sampleTypes.count { return }
        defaultSampleType = newDefault
        sampleTypes = sources.map { sampleTypes[$0] }
        let old = samples
        var values: [Int64] = []
        values.reserveCapacity(old.count &* sources.count)
        for sample in 0..<old.count {
            for index in sources { values.append(old.value(of: sample, type: index)) }
        }
        samples.values = values
        samples.valueCount = sources.count
    }

    /// pprof's `measurement.ScaleProfiles`: converts each sample type (and the period) of every profile to
    /// the finest unit any profile uses for it, so that 1 MB and 10 kB profiles merge in kB. A single profile
    /// is left as it is.
    public static func scaleToCommonUnits(_ profiles: inout [Profile]) throws(TransformError) {
        guard let first = profiles.first else { return }
        let periodTypes = profiles.map(\.periodType).filter { !$0.type.isEmpty || !$0.unit.isEmpty }
        let periodType = try commonValueType(periodTypes, what: "period type")
        let typeCount = first.sampleTypes.count
        for profile in profiles.dropFirst() where profile.sampleTypes.count != typeCount {
            throw .sampleTypeCountMismatch(typeCount, profile.sampleTypes.count)
        }
        var targets: [ValueType?] = []
        for index in 0..<typeCount {
            targets.append(try commonValueType(profiles.map { $0.sampleTypes[index] }, what: "sample types"))
        }
        for index in profiles.indices {
            let own = profiles[index].periodType
            if let periodType, !own.type.isEmpty || !own.unit.isEmpty {
                let period = Measurement.scale(profiles[index].period, from: own.unit, to: periodType.unit).0
                profiles[index].period = GoMath.truncate(period)
                profiles[index].periodType.unit = periodType.unit
            }
            var ratios: [Double] = []
            for (type, target) in targets.enumerated() {
                guard let target else {
                    ratios.append(1)
                    continue
                }
                ratios.append(Measurement.scale(1, from: profiles[index].sampleTypes[type].unit, to: target.unit).0)
                profiles[index].sampleTypes[type].unit = target.unit
            }
            profiles[index].scale(by: ratios)
        }
    }

    /// pprof's `CommonValueType`: the type with the finest unit, or nil for fewer than two types.
    package static func commonValueType(_ types: [ValueType], what: String) throws(TransformError) -> ValueType? {
        guard var finest = types.first, types.count > 1 else { return nil }
        for type in types.dropFirst() {
            guard compatible(finest, type) else { throw .incompatibleTypes(what: what, finest, type) }
            if Measurement.scale(1, from: type.unit, to: finest.unit).0 < 1 { finest = type }
        }
        return finest
    }

    /// pprof's `compatibleValueTypes`: names equal but for a trailing "s", and units equal or of one kind.
    package static func compatible(_ left: ValueType, _ right: ValueType) -> Bool {
        func singular(_ name: String) -> Substring { name.hasSuffix("s") ? name.dropLast() : Substring(name) }
        guard singular(left.type) == singular(right.type) else { return false }
        if left.unit == right.unit { return true }
        return Measurement.unitTypes.contains { $0.sniff(left.unit) != nil && $0.sniff(right.unit) != nil }
    }
}
