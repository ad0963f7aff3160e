/// How much a profile may grow when inflated, and other loading choices.
public struct LoadOptions: Sendable {
    /// The largest inflated (or raw) profile accepted: a decompression bomb stops here with an error.
    public var maxInflatedSize: Int

    public static let defaultMaxInflatedSize = 2 << 30

    public init(maxInflatedSize: Int = LoadOptions.defaultMaxInflatedSize) {
        self.maxInflatedSize = maxInflatedSize
    }
}

extension Profile {
    /// Loads a profile file: gzip-compressed (recognised by its magic bytes) or raw profile.proto.
    public init(contentsOf path: String, options: LoadOptions = LoadOptions()) throws(ProfileError) {
        let file: ByteBuffer
        do {
            file = try FileReader.read(path: path, limit: options.maxInflatedSize)
        } catch {
            throw .unreadable(error)
        }
        try self.init(buffer: file, options: options)
    }

    /// Decodes profile bytes already in memory, gzip-compressed or raw.
    public init(bytes: [UInt8], options: LoadOptions = LoadOptions()) throws(ProfileError) {
        try self.init(buffer: ByteBuffer(bytes), options: options)
    }

    init(buffer: ByteBuffer, options: LoadOptions) throws(ProfileError) {
        guard buffer.count > 0 else { throw .emptyInput }
        var inflated = buffer
        if buffer.withUnsafeBytes({ Gunzip.hasGzipMagic($0) }) {
            do {
                inflated = try buffer.withUnsafeBytes { (bytes) throws(GzipError) -> ByteBuffer in
                    try Gunzip.inflate(bytes, limit: options.maxInflatedSize)
                }
            } catch {
                throw .gzip(error)
            }
        }
        guard inflated.count > 0 else { throw .emptyInput }
        var decoder = ProfileDecoder()
        try inflated.withUnsafeBytes { (bytes) throws(ProfileError) in
            try decoder.decodeProfile(bytes)
        }
        self = try ProfileResolver(raw: decoder.raw).resolve()
    }
}
