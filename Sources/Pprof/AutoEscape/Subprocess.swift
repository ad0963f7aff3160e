#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process run to completion with `posix_spawn`, its stdout and stderr collected (the command does
/// not link Foundation, for its start-up time). The environment is inherited: `go` must see the user's
/// GOFLAGS, GOOS, GOARCH, GOCACHE and the rest exactly as it would in their shell.
package struct Subprocess {
    package struct Result {
        /// The exit status, or 128 + the signal number when a signal ended the process.
        package var status: Int32
        package var standardOutput: [UInt8]
        package var standardError: [UInt8]
    }

    /// Why a process could not be started (errno's words).
    package struct LaunchError: Error, Equatable {
        package var reason: String
    }

    /// Runs `executable` with `arguments` in `directory`. Reads both pipes as the child writes them (a
    /// `-m=2` log is megabytes: a full pipe would stall the compiler), up to `limit` bytes each; beyond
    /// that, output is read and dropped so the child still finishes.
    package static func run(
        _ executable: String, _ arguments: [String], directory: String?, limit: Int = 256 << 20
    ) throws(LaunchError) -> Result {
        var outputPipe: [Int32] = [-1, -1]
        var errorPipe: [Int32] = [-1, -1]
        guard pipe(&outputPipe) == 0 else { throw LaunchError(reason: describe(errno)) }
        guard pipe(&errorPipe) == 0 else {
            let code = errno
            close(outputPipe[0])
            close(outputPipe[1])
            throw LaunchError(reason: describe(code))
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errorPipe[1], 2)
        for descriptor in outputPipe + errorPipe { posix_spawn_file_actions_addclose(&actions, descriptor) }
        var program = executable
        var words = [executable] + arguments
        if let directory {
            if let addChdir = Self.addChdir {
                _ = addChdir(&actions, directory)
            } else {
                // A C library without posix_spawn_file_actions_addchdir_np: the shell changes directory and
                // execs the program; the words stay positional parameters, never re-parsed.
                program = "/bin/sh"
                words = ["/bin/sh", "-c", "cd -- \"$0\" && exec \"$@\"", directory, executable] + arguments
            }
        }

        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, program, &actions, nil, argv, environ)
        close(outputPipe[1])
        close(errorPipe[1])
        guard spawned == 0 else {
            close(outputPipe[0])
            close(errorPipe[0])
            throw LaunchError(reason: describe(spawned))
        }
        var collected: [[UInt8]] = [[], []]
        var descriptors = [pollfd(fd: outputPipe[0], events: Int16(POLLIN), revents: 0), pollfd(fd: errorPipe[0], events: Int16(POLLIN), revents: 0)]
        var open = 2
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while open > 0 {
            let ready = poll(&descriptors, nfds_t(descriptors.count), -1)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            for index in descriptors.indices where descriptors[index].fd >= 0 && descriptors[index].revents != 0 {
                let count = chunk.withUnsafeMutableBytes { read(descriptors[index].fd, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 {
                    close(descriptors[index].fd)
                    descriptors[index].fd = -1
                    open -= 1
                } else if collected[index].count < limit {
                    collected[index].append(contentsOf: chunk[0..<min(count, limit - collected[index].count)])
                }
            }
        }
        for descriptor in descriptors where descriptor.fd >= 0 { close(descriptor.fd) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS are C macros: the low 7 bits are the signal, the next 8 the exit code.
        let signal = status & 0x7f
        let exitStatus = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        return Result(status: exitStatus, standardOutput: collected[0], standardError: collected[1])
    }

    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    /// glibc 2.29+ and macOS have `posix_spawn_file_actions_addchdir_np`, but Swift's Glibc module does not
    /// declare it: looked up by name.
    private static let addChdir: AddChdir? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np") else { return nil }
        return unsafeBitCast(symbol, to: AddChdir.self)
    }()

    /// The first executable file named `name` in the `PATH` directories; nil when there is none.
    package static func find(_ name: String, path: String?) -> String? {
        for directory in (path ?? "").split(separator: ":", omittingEmptySubsequences: false) {
            let candidate = (directory.isEmpty ? "." : String(directory)) + "/" + name
            var status = stat()
            if stat(candidate, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, access(candidate, X_OK) == 0 {
                return candidate
            }
        }
        return nil
    }

    package static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }

    private static func describe(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        let message = String(cString: text)
        return message.prefix(1).lowercased() + message.dropFirst()
    }
}
