import PprofModel
/// Which sample value a report shows, chosen as pprof chooses it.
public struct SampleSelection: Sendable, Equatable {
    public var index: Int
    public var type: ValueType
    /// `-mean`: values are divided by sample value 0 (by convention a count).
    public var mean: Bool

    /// The name pprof prints after `Type:`.
    public var typeLabel: String { mean ? "mean_" + type.type : type.type }

    public struct SelectionError: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// pprof's `SampleIndexByName`: nil or "" takes `default_sample_type`, else the last type; a number is a
    /// 0-based index; a name matches a type, with an `inuse_` prefix also matching the legacy `space`/`objects`.
    public init(profile: Profile, requested: String?, mean: Bool = false) throws(SelectionError) {
        let types = profile.sampleTypes
        guard !types.isEmpty else { throw SelectionError(description: "profile has no samples") }
        self.mean = mean
        guard let requested, !requested.isEmpty else {
            if !profile.defaultSampleType.isEmpty,
               let position = types.firstIndex(where: { $0.type == profile.defaultSampleType }) {
                index = position
            } else {
                index = types.count - 1
            }
            type = types[index]
            return
        }
        if let number = Int(requested) {
            guard number >= 0 && number < types.count else {
                throw SelectionError(description: "sample_index \(requested) is outside the range [0..\(types.count - 1)]")
            }
            index = number
            type = types[number]
            return
        }
        let legacy = requested.hasPrefix("inuse_") ? String(requested.dropFirst("inuse_".count)) : requested
        guard let position = types.firstIndex(where: { $0.type == requested || $0.type == legacy }) else {
            let names = types.map(\.type).joined(separator: " ")
            throw SelectionError(description: "sample_index \"\(requested)\" must be one of: [\(names)]")
        }
        index = position
        type = types[position]
    }
}
