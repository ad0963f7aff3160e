import PprofCompression
import PprofLoading
import PprofModel
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

    /// The most memory, in bytes, a decoded profile may take (see `DecodeBudget`); nil for what the process's
    /// memory limits leave, read when each profile is loaded (`MemoryLimit.decodingCeiling`).
    public var maxDecodedSize: Int?

    public static let defaultMaxInflatedSize = Gunzip.defaultLimit

    public init(
        maxInflatedSize: Int = LoadOptions.defaultMaxInflatedSize, decodesLabels: Bool = true,
        mergesSamplesOfAStack: Bool = false, maxDecodedSize: Int? = nil
    ) {
        self.maxInflatedSize = maxInflatedSize
        self.decodesLabels = decodesLabels
        self.mergesSamplesOfAStack = mergesSamplesOfAStack
        self.maxDecodedSize = maxDecodedSize
    }

    /// `maxDecodedSize`, or the ceiling the process's memory limits leave now.
    var decodedSizeCeiling: Int { maxDecodedSize ?? MemoryLimit.decodingCeiling() }
}

extension Profile {
    /// Loads a profile file, gzip-compressed (recognised by its magic bytes) or raw profile.proto, reading it
    /// once: a large gzip file a chunk at a time by the thread that inflates it, anything else whole (a
    /// pipe too). Gzip input is decoded while it is inflated, in one pass that finds any error.
    public init(contentsOf path: String, options: LoadOptions = LoadOptions()) throws(ProfileError) {
        let file: OpenFile
        do {
            file = try OpenFile(path: path)
        } catch {
            throw .unreadable(error)
        }
        if let size = file.regularFileSize, size >= 4, size <= options.maxInflatedSize,
           InflatePipeline.pays(forCompressedSize: size), file.peek(at: 0, count: 2) == [0x1f, 0x8b],
           let trailer = file.peek(at: size - 4, count: 4) {
            let stream: GzipStream
            do throws(GzipError) {
                stream = try GzipStream(source: FileSource(file: file), limit: options.maxInflatedSize)
            } catch {
                throw .gzip(error)
            }
            let sizeHint = Gunzip.sizeHint(trailer: trailer, compressedSize: size, limit: options.maxInflatedSize)
            try self.init(resolving: try Self.decode(stream, sizeHint: sizeHint, options: options, pipelined: true, release: PageRelease(buffer: nil)))
            return
        }
        let buffer: ByteBuffer
        do {
            buffer = try file.readAll(limit: options.maxInflatedSize)
        } catch {
            throw .unreadable(error)
        }
        try self.init(buffer: buffer, options: options, ownsBuffer: true)
    }

    /// Decodes profile bytes already in memory, gzip-compressed or raw.
    public init(bytes: [UInt8], options: LoadOptions = LoadOptions()) throws(ProfileError) {
        try self.init(buffer: ByteBuffer(bytes), options: options, ownsBuffer: false)
    }

    /// `ownsBuffer`: the pages of a large buffer may be handed back to the system as they are decoded.
    package init(buffer: ByteBuffer, options: LoadOptions, ownsBuffer: Bool = false) throws(ProfileError) {
        guard buffer.count > 0 else { throw .emptyInput }
        let raw = try buffer.withUnsafeBytes { (bytes) throws(ProfileError) -> RawProfile in
            guard Gunzip.hasGzipMagic(bytes) else { return try Self.decodeWhole(buffer, options: options, ownsBuffer: ownsBuffer) }
            let stream: GzipStream
            do throws(GzipError) {
                stream = try GzipStream(bytes, limit: options.maxInflatedSize)
            } catch {
                throw .gzip(error)
            }
            let releases = ownsBuffer && buffer.count >= ByteBuffer.pageReleaseThreshold
            return try Self.decode(
                stream, sizeHint: Gunzip.sizeHint(bytes, limit: options.maxInflatedSize), options: options,
                pipelined: InflatePipeline.pays(forCompressedSize: bytes.count),
                release: PageRelease(buffer: releases ? buffer : nil))
        }
        try self.init(resolving: raw)
    }

    private init(resolving raw: RawProfile) throws(ProfileError) {
        // Taken, not copied: the resolver remaps the location column in place, which a second reference to it
        // would turn into a copy.
        var resolver = ProfileResolver(raw: raw)
        self = try resolver.resolve()
    }

    /// Gzip input decoded while it is inflated, through a small window (`ProfileDecoder.windowSize`): the
    /// inflated profile is never in memory, and its bytes are decoded while they are still in cache.
    private static func decode(
        _ stream: GzipStream, sizeHint: Int, options: LoadOptions, pipelined: Bool, release: PageRelease
    ) throws(ProfileError) -> RawProfile {
        var decoder = ProfileDecoder(
            decodesLabels: options.decodesLabels, mergesSamples: options.mergesSamplesOfAStack, inputSize: sizeHint,
            decodedSizeCeiling: options.decodedSizeCeiling)
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
        guard size > 0 else { throw .emptyInput }
        return decoder.takeRaw()
    }

    /// Decodes raw profile.proto bytes: the pages of a large input this loader owns are handed back to the
    /// system as decoding passes them, so the input and the sample columns built from it are not both held whole.
    private static func decodeWhole(_ input: ByteBuffer, options: LoadOptions, ownsBuffer: Bool) throws(ProfileError) -> RawProfile {
        var decoder = ProfileDecoder(
            decodesLabels: options.decodesLabels, mergesSamples: options.mergesSamplesOfAStack, inputSize: input.count,
            decodedSizeCeiling: options.decodedSizeCeiling)
        let releases = ownsBuffer && input.count >= ByteBuffer.pageReleaseThreshold
        try input.withUnsafeBytes { (bytes) throws(ProfileError) in
            try decoder.decodeProfile(bytes, release: releases ? { input.releasePages(before: $0) } : nil)
        }
        return decoder.takeRaw()
    }
}

/// Hands the compressed input's pages back to the system as zlib finishes with them, every
/// `ByteBuffer.pageReleaseThreshold` bytes; nothing without a buffer.
private final class PageRelease: @unchecked Sendable {
    // Unchecked: called by one thread at a time (the decoder's, or the inflating thread while it runs).
    private let buffer: ByteBuffer?
    private var nextRelease = ByteBuffer.pageReleaseThreshold

    package init(buffer: ByteBuffer?) {
        self.buffer = buffer
    }

    package func consumed(_ offset: Int) {
        guard let buffer, offset >= nextRelease else { return }
        buffer.releasePages(before: offset)
        nextRelease = offset + ByteBuffer.pageReleaseThreshold
    }
}
