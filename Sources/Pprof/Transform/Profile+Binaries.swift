import PprofModel
extension Profile {
    /// pprof's `locateBinaries`, for each profile it fetches: a profile without mappings (third-party and
    /// crash profiles) gets the empty mapping 1 and every location is put in it, so that the symbolizer can
    /// try the main binary; `-raw` then shows `M=1` and the mapping. With a binary named on the command line
    /// (`pprof BINARY profile`), the first mapping's file becomes that path, as given.
    public mutating func locateBinaries(executable: String?) {
        if mappings.isEmpty {
            mappings = [Mapping(
                id: 1, memoryStart: 0, memoryLimit: 0, fileOffset: 0, filename: "", buildID: "",
                hasFunctions: false, hasFilenames: false, hasLineNumbers: false, hasInlineFrames: false)]
            for index in locations.indices { locations[index].mappingIndex = 0 }
        }
        if let executable, !executable.isEmpty { mappings[0].filename = executable }
    }

    /// What pprof's local symbolizer says about this (merged) profile's mappings that have locations but no
    /// symbols. pprof-list does not symbolize from binaries: where pprof would read one, it says so instead.
    public func symbolizationNotices(executable: String?) -> [String] {
        var used = [Bool](repeating: false, count: mappings.count)
        for location in locations where location.mappingIndex >= 0 && Int(location.mappingIndex) < mappings.count {
            used[Int(location.mappingIndex)] = true
        }
        var notices: [String] = []
        var missingBinaries = false
        for (index, mapping) in mappings.enumerated() where used[index] {
            // pprof leaves mappings with any symbol information alone.
            if mapping.hasFunctions || mapping.hasFilenames || mapping.hasLineNumbers { continue }
            if mapping.filename.isEmpty {
                if index == 0 {
                    notices.append("Main binary filename not available.")
                } else {
                    missingBinaries = true
                }
            } else if let executable, mapping.filename == executable {
                notices.append("pprof-list: \(executable): symbolizing from a binary is not supported; locations keep the profile's frames")
            }
        }
        if missingBinaries {
            notices.append("Some binary filenames not available. Symbolization may be incomplete.")
            notices.append("Try setting PPROF_BINARY_PATH to the search path for local binaries.")
        }
        return notices
    }
}
