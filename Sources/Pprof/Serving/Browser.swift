#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens a URL in the user's browser, as pprof does, when a launcher exists; a machine without one (a
/// server, CI) just gets the URL on stderr.
package enum Browser {
    package static func open(_ url: String) {
        #if os(macOS)
        let launchers = ["/usr/bin/open"]
        #else
        let launchers = ((getenv("PATH").map { String(cString: $0) }) ?? "/usr/bin:/bin").split(separator: ":").map { String($0) + "/xdg-open" }
        #endif
        guard let launcher = launchers.first(where: { access($0, X_OK) == 0 }) else { return }
        // The launcher is not waited for: its exit status would be reaped by no one, so children are reaped
        // by the system.
        signal(SIGCHLD, SIG_IGN)
        var pid = pid_t()
        let arguments = [launcher, url]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        // Its complaints (no browser on a server) are not ours: the URL is on stderr already.
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        _ = posix_spawn(&pid, launcher, &actions, nil, &argv, environ)
    }
}
