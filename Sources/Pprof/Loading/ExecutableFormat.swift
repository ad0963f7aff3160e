#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The object-file formats `go tool pprof` recognises in its first argument (`pprof [binary] profile…`):
/// pprof asks Go's `cmd/internal/objfile` to open it and treats it as the executable when that succeeds.
/// This checks the headers those parsers check first (magic, class, the header fitting in the file), which
/// tells an executable from a profile; a damaged binary that Go's parsers would still reject is beyond it.
public enum ExecutableFormat: String, Sendable, Equatable {
    case elf = "ELF"
    case machO = "Mach-O"
    case pe = "PE"

    /// The format of the file at `path`, or nil when it is not an executable (or cannot be read: pprof then
    /// takes it for a profile and reports why it cannot read it).
    public static func of(path: String) -> ExecutableFormat? {
        // Only regular files: opening a FIFO to look would take the profile from whoever writes it.
        var status = stat()
        guard SystemPath.stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        guard let file = try? OpenFile(path: path), let size = file.regularFileSize,
              let header = file.peek(at: 0, count: min(size, 128))
        else { return nil }
        return of(header: header, fileSize: size) { offset, count in file.peek(at: offset, count: count) }
    }

    /// The format of a file that starts with `header` (its first bytes, up to 128) and is `fileSize` long;
    /// `read` reads elsewhere in the file (PE's signature lies at an offset the DOS header gives).
    package static func of(header: [UInt8], fileSize: Int, read: (Int, Int) -> [UInt8]?) -> ExecutableFormat? {
        if header.starts(with: [0x7f, 0x45, 0x4c, 0x46]) {
            // debug/elf: class 32 or 64 bit, data little or big endian, version 1, and the whole file header.
            guard header.count >= 7, [1, 2].contains(header[4]), [1, 2].contains(header[5]), header[6] == 1 else { return nil }
            return fileSize >= (header[4] == 1 ? 52 : 64) ? .elf : nil
        }
        let machOMagics: [[UInt8]] = [
            [0xfe, 0xed, 0xfa, 0xce], [0xce, 0xfa, 0xed, 0xfe], [0xfe, 0xed, 0xfa, 0xcf], [0xcf, 0xfa, 0xed, 0xfe],
        ]
        if let magic = machOMagics.firstIndex(where: { header.starts(with: $0) }) {
            // debug/macho reads a 28-byte header (32 bytes for the 64-bit magics).
            return fileSize >= (magic < 2 ? 28 : 32) ? .machO : nil
        }
        if header.starts(with: [0x4d, 0x5a]) {
            // debug/pe: a 96-byte DOS header whose word at 0x3c points at "PE\0\0" and a 20-byte file header.
            guard header.count >= 96 else { return nil }
            let offset = Int(header[0x3c]) | Int(header[0x3d]) << 8 | Int(header[0x3e]) << 16 | Int(header[0x3f]) << 24
            guard offset <= fileSize - 24, let signature = read(offset, 4), signature == [0x50, 0x45, 0, 0] else { return nil }
            return .pe
        }
        return nil
    }
}
