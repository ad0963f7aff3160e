#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// File names as the system has them, bytes that need not be UTF-8, carried in a Swift `String` without
/// loss. A `String` cannot hold invalid UTF-8: `CommandLine.arguments` and `String(decoding:)` replace each
/// bad byte with U+FFFD, and the name no longer opens the file. Here each byte of an invalid sequence
/// becomes one scalar of Unicode's last private-use block, U+10FF80…U+10FFFF (0x80…0xFF), and goes back
/// to that byte when the path is handed to the system. Valid UTF-8 names are untouched; a name that
/// really contains those private-use scalars (none in practice) would be misread.
public enum SystemPath {
    /// The first scalar of the escape block: byte `b` (0x80…0xFF) is U+10FF00 + b.
    private static let escapeBase: UInt32 = 0x10FF00

    /// A path from the system's bytes (argv, `readdir`).
    public static func string(fromBytes bytes: some Collection<UInt8>) -> String {
        let bytes = Array(bytes)
        if let valid = String(validating: bytes, as: UTF8.self) { return valid }
        var scalars = String.UnicodeScalarView()
        var index = 0
        while index < bytes.count {
            let length = sequenceLength(leadByte: bytes[index])
            if length > 0, index + length <= bytes.count,
               let valid = String(validating: bytes[index..<(index + length)], as: UTF8.self) {
                scalars.append(contentsOf: valid.unicodeScalars)
                index += length
            } else if let escaped = Unicode.Scalar(escapeBase + UInt32(bytes[index])) {
                scalars.append(escaped)
                index += 1
            } else {
                index += 1  // unreachable: every U+10FF80…U+10FFFF is a scalar
            }
        }
        return String(scalars)
    }

    /// The system's bytes for a path made by `string(fromBytes:)` (or any path), without a terminating NUL.
    public static func bytes(of path: String) -> [UInt8] {
        guard path.unicodeScalars.contains(where: { $0.value > escapeBase + 0x7F }) else { return Array(path.utf8) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(path.utf8.count)
        for scalar in path.unicodeScalars {
            if scalar.value > escapeBase + 0x7F, scalar.value <= escapeBase + 0xFF {
                bytes.append(UInt8(scalar.value - escapeBase))
            } else {
                bytes.append(contentsOf: String(scalar).utf8)
            }
        }
        return bytes
    }

    /// Calls `body` with the path as the C string the system expects.
    package static func withCString<Result>(_ path: String, _ body: (UnsafePointer<CChar>) -> Result) -> Result {
        var bytes = bytes(of: path).map { CChar(bitPattern: $0) }
        bytes.append(0)
        return bytes.withUnsafeBufferPointer { buffer in
            // Never nil: the array holds at least the NUL.
            guard let base = buffer.baseAddress else { return body("") }
            return body(base)
        }
    }

    /// The process's arguments with their bytes kept (`CommandLine.arguments` replaces bytes that are not
    /// UTF-8, so a file name made of them could not be opened).
    public static func commandLineArguments() -> [String] {
        (0..<Int(CommandLine.argc)).map { index in
            guard let argument = CommandLine.unsafeArgv[index] else { return "" }
            return string(fromBytes: UnsafeRawBufferPointer(start: argument, count: strlen(argument)))
        }
    }

    package static func open(_ path: String, _ flags: Int32) -> Int32 { withCString(path) { Glibc.open($0, flags) } }

    package static func stat(_ path: String, _ status: inout Glibc.stat) -> Int32 { withCString(path) { statFile($0, &status) } }

    package static func lstat(_ path: String, _ status: inout Glibc.stat) -> Int32 { withCString(path) { statLink($0, &status) } }

    package static func access(_ path: String, _ mode: Int32) -> Int32 { withCString(path) { Glibc.access($0, mode) } }

    package static func opendir(_ path: String) -> OpaquePointer? { withCString(path) { Glibc.opendir($0) } }

    private static func sequenceLength(leadByte: UInt8) -> Int {
        switch leadByte {
        case 0x00..<0x80: return 1
        case 0xC2..<0xE0: return 2
        case 0xE0..<0xF0: return 3
        case 0xF0..<0xF5: return 4
        default: return 0
        }
    }
}

// Outside `SystemPath`, where `stat` names the C function as well as the struct.
private func statFile(_ path: UnsafePointer<CChar>, _ status: inout stat) -> Int32 { stat(path, &status) }

private func statLink(_ path: UnsafePointer<CChar>, _ status: inout stat) -> Int32 { lstat(path, &status) }
