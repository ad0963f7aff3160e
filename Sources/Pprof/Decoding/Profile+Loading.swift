/// How much a profile may grow when inflated, and other loading choices.
public struct LoadOptions: Sendable {
    /// The largest inflated (or raw) profile accepted: a decompression bomb stops here with an error.
    public var maxInflatedSize: Int

    /// False to check sample labels without keeping them: `SampleTable.labels` stays empty (every sample has
    /// no label), which saves tens of bytes per sample. Reports that read labels (`-raw`, tag filters, merging
    /// with `-base`/`-diff_base`) need true; `-top` and `-list` do not. Errors are the same either way.
    public var decodesLabels: Bool

    /// True (with `decodesLabels` false) to add a sample into an earlier sample with the same stack, when all
    /// their values are non-negative and the sums do not overflow: one row per stack instead of one per
    /// allocation size. Every report sums those values per stack, takes |value| per sample for its total, and
    /// skips a sample only when its value (and divisor) is zero, so all but `-raw`, which prints each sample,
    /// read the same. Errors name samples in file order either way.
    public var mergesSamplesOfAStack: Bool

    public static let defaultMaxInflatedSize = 2 << 30

    public init(
        maxInflatedSize: Int = LoadOptions.defaultMaxInflatedSize, decodesLabels: Bool = true,
        mergesSamplesOfAStack: Bool = false
    ) {
        self.maxInflatedSize = maxInflatedSize
        self.decodesLabels = decodesLabels
        self.mergesSamplesOfAStack = mergesSamplesOfAStack
    }
}

extension Profile {
    /// Loads a profile file: gzip-compressed (recognised by its magic bytes) or raw profile.proto.
    public init(contentsOf path: String, options: LoadOptions = LoadOptions()) throws(ProfileError) {
        // Gzip files are decoded while inflated: a large one read a chunk at a time by the inflating thread,
        // a smaller one read whole and its pages handed back as zlib passes them. The file is read again for
        // the whole-buffer way only when that fails (to report that way's error).
        var streamed = Self.decodeStreaming(path: path, options: options)
        if streamed == nil {
            let file = try Self.read(path, options: options)
            streamed = Self.decodeStreaming(file, options: options, releasesInput: true)
        }
        if let raw = streamed.take() {
            // Taken, not copied: the resolver remaps the location column in place, which a second reference
            // to it would turn into a copy.
            var resolver = ProfileResolver(raw: raw)
            self = try resolver.resolve()
            return
        }
        let inflated: ByteBuffer
        do {
            // The compressed file is released as soon as it is inflated, before decoding starts.
            inflated = try Self.inflate(try Self.read(path, options: options), options: options)
        }
        try self.init(decoding: inflated, options: options)
    }

    private static func read(_ path: String, options: LoadOptions) throws(ProfileError) -> ByteBuffer {
        do {
            return try FileReader.read(path: path, limit: options.maxInflatedSize)
        } catch {
            throw .unreadable(error)
        }
    }

    /// Decodes profile bytes already in memory, gzip-compressed or raw.
    public init(bytes: [UInt8], options: LoadOptions = LoadOptions()) throws(ProfileError) {
        try self.init(buffer: ByteBuffer(bytes), options: options)
    }

    init(buffer: ByteBuffer, options: LoadOptions) throws(ProfileError) {
        if let raw = Self.decodeStreaming(buffer, options: options) {
            var resolver = ProfileResolver(raw: raw)
            self = try resolver.resolve()
            return
        }
        try self.init(decoding: try Self.inflate(buffer, options: options), options: options)
    }

    /// Gzip input decoded while it is inflated, through a small window (`ProfileDecoder.windowSize`): the
    /// inflated profile is never in memory, and its bytes are decoded while they are in cache. Nil when the
    /// input is not gzip or when anything fails: the caller then inflates the whole input and decodes it as
    /// before, so every error is the one that way reports (gzip errors before profile errors, as pprof).
    private static func decodeStreaming(_ buffer: ByteBuffer, options: LoadOptions, releasesInput: Bool = false) -> RawProfile? {
        buffer.withUnsafeBytes { (bytes) -> RawProfile? in
            guard Gunzip.hasGzipMagic(bytes), let stream = try? GzipStream(bytes, limit: options.maxInflatedSize) else {
                return nil
            }
            let releases = releasesInput && buffer.count >= ByteBuffer.pageReleaseThreshold
            return decode(
                stream, sizeHint: Gunzip.sizeHint(bytes, limit: options.maxInflatedSize), options: options,
                pipelined: InflatePipeline.pays(forCompressedSize: bytes.count),
                release: PageRelease(buffer: releases ? buffer : nil))
        }
    }

    /// A large gzip file decoded while a second thread reads and inflates it (`FileSource`); nil when the
    /// file is not that, or when anything fails.
    private static func decodeStreaming(path: String, options: LoadOptions) -> RawProfile? {
        guard let source = FileSource(path: path), let size = source.regularFileSize, size >= 4,
              size <= options.maxInflatedSize, InflatePipeline.pays(forCompressedSize: size),
              source.peek(at: 0, count: 2) == [0x1f, 0x8b], let trailer = source.peek(at: size - 4, count: 4),
              let stream = try? GzipStream(source: source, limit: options.maxInflatedSize) else { return nil }
        return decode(
            stream, sizeHint: Gunzip.sizeHint(trailer: trailer, compressedSize: size, limit: options.maxInflatedSize),
            options: options, pipelined: true, release: PageRelease(buffer: nil))
    }

    private static func decode(
        _ stream: GzipStream, sizeHint: Int, options: LoadOptions, pipelined: Bool, release: PageRelease
    ) -> RawProfile? {
        var decoder = ProfileDecoder(
            decodesLabels: options.decodesLabels, mergesSamples: options.mergesSamplesOfAStack, inputSize: sizeHint)
        do {
            let size: Int
            if pipelined {
                let pipeline = InflatePipeline(stream) { release.consumed($0) }
                pipeline.start()
                defer { pipeline.stop() }
                size = try decoder.decodeProfile(streamingFrom: { (window) throws(GzipError) -> Int in
                    try pipeline.read(into: window)
                })
            } else {
                size = try decoder.decodeProfile(streamingFrom: { (window) throws(GzipError) -> Int in
                    let count = try stream.read(into: window)
                    release.consumed(stream.consumed)
                    return count
                })
            }
            guard size > 0 else { return nil }
        } catch {
            return nil
        }
        return decoder.takeRaw()
    }

    /// The profile.proto bytes of `buffer`: inflated when it starts with the gzip magic, else itself.
    private static func inflate(_ buffer: ByteBuffer, options: LoadOptions) throws(ProfileError) -> ByteBuffer {
        guard buffer.count > 0 else { throw .emptyInput }
        guard buffer.withUnsafeBytes({ Gunzip.hasGzipMagic($0) }) else { return buffer }
        do {
            return try buffer.withUnsafeBytes { (bytes) throws(GzipError) -> ByteBuffer in
                try Gunzip.inflate(bytes, limit: options.maxInflatedSize)
            }
        } catch {
            throw .gzip(error)
        }
    }

    /// Decodes inflated bytes that this loader owns: the pages of a large input are handed back to the system
    /// as decoding passes them, so the input and the sample columns built from it are not both held whole.
    private init(decoding inflated: ByteBuffer, options: LoadOptions) throws(ProfileError) {
        guard inflated.count > 0 else { throw .emptyInput }
        var decoder = ProfileDecoder(
            decodesLabels: options.decodesLabels, mergesSamples: options.mergesSamplesOfAStack, inputSize: inflated.count)
        let releases = inflated.count >= ByteBuffer.pageReleaseThreshold
        try inflated.withUnsafeBytes { (bytes) throws(ProfileError) in
            try decoder.decodeProfile(bytes, release: releases ? { inflated.releasePages(before: $0) } : nil)
        }
        var resolver = ProfileResolver(raw: decoder.takeRaw())
        self = try resolver.resolve()
    }
}

/// Hands the compressed input's pages back to the system as zlib finishes with them, every
/// `ByteBuffer.pageReleaseThreshold` bytes; nothing without a buffer.
private final class PageRelease: @unchecked Sendable {
    // Unchecked: called by one thread at a time (the decoder's, or the inflating thread while it runs).
    private let buffer: ByteBuffer?
    private var nextRelease = ByteBuffer.pageReleaseThreshold

    init(buffer: ByteBuffer?) {
        self.buffer = buffer
    }

    func consumed(_ offset: Int) {
        guard let buffer, offset >= nextRelease else { return }
        buffer.releasePages(before: offset)
        nextRelease = offset + ByteBuffer.pageReleaseThreshold
    }
}
