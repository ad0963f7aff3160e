import Pprof

extension FuzzChecks {
    /// Loads the bytes as a profile (gzip is detected by its magic bytes). A failure must be a `ProfileError`
    /// with a one-line description; a success must be a consistent profile that every report renders.
    public static func profile(_ bytes: [UInt8]) {
        // Loading without labels and with the samples of a stack merged (as -top and -list do) must fail the
        // same way and report the same.
        var unlabeled: Profile?
        var unlabeledError = ""
        do {
            unlabeled = try Profile(bytes: bytes, options: LoadOptions(
                maxInflatedSize: maxInflatedSize, decodesLabels: false, mergesSamplesOfAStack: true))
        } catch {
            unlabeledError = error.description
        }
        let loaded: Profile
        do {
            loaded = try Profile(bytes: bytes, options: LoadOptions(maxInflatedSize: maxInflatedSize))
        } catch {
            requireOneLine(error.description)
            // Kept labels cost memory that checked ones do not (DecodeBudget): the budget may refuse a profile
            // only with them, or with them at another offset. Without them it charges no more.
            if case .decodedTooLarge = error { return }
            require(error.description == unlabeledError, "without labels: \(unlabeledError); with: \(error)")
            return
        }
        checkConsistency(loaded)
        renderReports(loaded)
        guard let unlabeled else {
            require(false, "only loads with labels: \(unlabeledError)")
            return
        }
        checkConsistency(unlabeled)
        require(topText(unlabeled) == topText(loaded), "-top differs without labels, samples merged")
    }

    static func topText(_ profile: Profile) -> String {
        guard let selection = try? SampleSelection(profile: profile, requested: nil) else { return "no samples" }
        var text = ""
        TopReport(profile: profile, options: ReportOptions(selection: selection)).write(to: &text)
        return text
    }

    /// What the reports index without checking: the resolver promises all of it.
    static func checkConsistency(_ profile: Profile) {
        let samples = profile.samples
        require(samples.valueCount == profile.sampleTypes.count || samples.count == 0, "value count")
        require(samples.values.count == samples.count * samples.valueCount, "values array size")
        require(samples.stackOffsets.first == 0 && samples.stackOffsets.last == samples.locationIndices.count,
                "stack offsets ends")
        for index in samples.stackOffsets.indices.dropFirst() {
            require(samples.stackOffsets[index - 1] <= samples.stackOffsets[index], "stack offsets order")
        }
        for stack in samples.stackOfSample {
            require(Int(stack) < samples.stackCount, "sample stack index")
        }
        require(samples.labelOffsets.count == samples.count + 1, "label offsets count")
        require(samples.labelOffsets.last == samples.labels.count, "label offsets end")
        for index in samples.labelOffsets.indices.dropFirst() {
            require(samples.labelOffsets[index - 1] <= samples.labelOffsets[index], "label offsets order")
        }
        for location in samples.locationIndices {
            require(Int(location) < profile.locations.count, "sample location index")
        }
        for location in profile.locations {
            require(location.lineStart >= 0 && location.lineCount >= 0, "location line range sign")
            require(location.lineRange.upperBound <= profile.lines.count, "location line range")
            require(location.mappingIndex < Int32(profile.mappings.count), "location mapping index")
        }
        for line in profile.lines {
            require(line.functionIndex >= 0 && Int(line.functionIndex) < profile.functions.count, "line function index")
        }
    }

    /// Every report the command can print without reading source files: `-raw`, and `-top` over each sample
    /// index (a few), each granularity, `-mean`, `-noinlines`, `-cum` and a node count; and the hot lines.
    static func renderReports(_ loaded: Profile) {
        var profile = loaded
        profile.clearURLMappingFiles()
        var sink = DiscardingStream()
        RawReport.write(profile, to: &sink)

        guard !profile.sampleTypes.isEmpty else { return }
        var variants: [(requested: String?, mean: Bool, granularity: Granularity, inlines: Bool)] = [
            (nil, false, .functions, true),
            (nil, false, .lines, true),
            (nil, true, .addresses, true),
            (nil, false, .files, false),
            (nil, false, .fileFunctions, true),
        ]
        for index in profile.sampleTypes.indices.prefix(3) {
            variants.append((String(index), index == 1, .functions, index != 0))
        }
        for (number, variant) in variants.enumerated() {
            let selection: SampleSelection
            do {
                selection = try SampleSelection(profile: profile, requested: variant.requested, mean: variant.mean)
            } catch {
                requireOneLine(error.description)
                continue
            }
            var options = ReportOptions(selection: selection)
            options.granularity = variant.granularity
            options.inlines = variant.inlines
            if number % 2 == 1 {
                options.nodeCount = 3
                options.cumulativeSort = true
                options.dropNegative = true
                options.ratio = 1 / 3.0
                options.outputUnit = "auto"
            }
            TopReport(profile: profile, options: options).write(to: &sink)
            if number < 2 {
                // The default report's analysis (its rendering reads source files, which a fuzzer must not).
                let join = number == 0 ? nil : VerdictJoin(join: EscapeJoin(index: EscapeIndex(logs: [])), profile: profile)
                _ = HotLines(profile: profile, selection: selection, join: join, limit: number == 0 ? 10 : nil)
            }
        }
    }
}
