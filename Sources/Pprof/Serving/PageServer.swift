#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The C calls whose names the server's own members shadow.
#if canImport(Glibc)
private let systemSocket = Glibc.socket
private let systemSend = Glibc.send
private let streamSocketType = Int32(SOCK_STREAM.rawValue)
/// A client that hung up must not kill the server with SIGPIPE.
private let sendFlags = Int32(MSG_NOSIGNAL)
#elseif canImport(Darwin)
private let systemSocket = Darwin.socket
private let systemSend = Darwin.send
private let streamSocketType = SOCK_STREAM
/// Darwin has no MSG_NOSIGNAL; SIGPIPE is ignored for the process while it serves.
private let sendFlags: Int32 = 0
#endif

/// `-http`: a tiny blocking HTTP/1.1 server for one page. It answers `GET /` (and `HEAD`) with the page,
/// `GET /?sample_index=NAME` with the page drawn for another sample type, and everything else with 404, one connection at a time, and closes each connection after its response. A
/// request is read up to 16 KiB and for at most 5 seconds, so a slow or huge request cannot hold it.
package struct PageServer {
    package struct Failure: Error, CustomStringConvertible {
        package var description: String
        package var isUsage = false

        package init(description: String, isUsage: Bool = false) {
            self.description = description
            self.isUsage = isUsage
        }
    }

    package let port: UInt16
    /// The host as the URL should name it: `localhost` by default, brackets around IPv6.
    package let urlHost: String
    private let socket: Int32
    private let page: [UInt8]
    /// Draws the page for another sample type: the page, or the error to answer with.
    private let redraw: (String) -> Result<[UInt8], Failure>

    package static let maxRequestSize = 16 * 1024

    /// Binds `[host]:port` (pprof's syntax: an empty host is localhost, an empty or zero port any free one).
    package init(address: String, page: [UInt8], redraw: @escaping (String) -> Result<[UInt8], Failure>) throws(Failure) {
        self.page = page
        self.redraw = redraw
        let (host, portText) = try Self.split(address)
        guard let requested = portText.isEmpty ? 0 : UInt16(portText) else {
            throw Failure(description: "-http: invalid port \"\(portText)\"", isUsage: true)
        }
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = streamSocketType
        hints.ai_flags = AI_PASSIVE
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(requested), &hints, &list)
        guard status == 0, let first = list else {
            throw Failure(description: "-http: cannot resolve \(host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }
        var bound: Int32 = -1
        var lastError: Int32 = 0
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor, bound < 0 {
            cursor = info.pointee.ai_next
            let candidate = systemSocket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            guard candidate >= 0 else { lastError = errno; continue }
            var yes: Int32 = 1
            setsockopt(candidate, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
            if bind(candidate, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 && listen(candidate, 16) == 0 {
                bound = candidate
            } else {
                lastError = errno
                close(candidate)
            }
        }
        guard bound >= 0 else {
            throw Failure(description: "-http: listen on \(address): \(String(cString: strerror(lastError)).lowercased())")
        }
        socket = bound
        port = Self.localPort(of: bound) ?? requested
        urlHost = host.contains(":") ? "[\(host)]" : host
    }

    /// `host:port`, `:port`, `[v6]:port`, or a bare host.
    private static func split(_ address: String) throws(Failure) -> (host: String, port: String) {
        var host = address, port = ""
        if address.hasPrefix("[") {
            guard let close = address.firstIndex(of: "]") else { throw Failure(description: "-http: bad address \(address)", isUsage: true) }
            host = String(address[address.index(after: address.startIndex)..<close])
            let rest = address[address.index(after: close)...]
            if rest.hasPrefix(":") { port = String(rest.dropFirst()) } else if !rest.isEmpty {
                throw Failure(description: "-http: bad address \(address)", isUsage: true)
            }
        } else if let colon = address.lastIndex(of: ":") {
            host = String(address[..<colon])
            port = String(address[address.index(after: colon)...])
        }
        // pprof serves on localhost, not every interface, when no host is given.
        return (host.isEmpty ? "localhost" : host, port)
    }

    private static func localPort(of socket: Int32) -> UInt16? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        guard result == 0 else { return nil }
        return withUnsafePointer(to: &storage) { pointer -> UInt16? in
            switch Int32(pointer.pointee.ss_family) {
            case AF_INET: return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
            case AF_INET6: return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) }
            default: return nil
            }
        }
    }

    /// Answers requests until the process is stopped.
    package func serve() -> Never {
        // A client that goes away mid-response must not end the server.
        signal(SIGPIPE, SIG_IGN)
        // A parent may have started us with signals blocked (Foundation's Process does): the server runs
        // until it is stopped, so the signals that stop it must get through.
        var stopping = sigset_t()
        sigemptyset(&stopping)
        for stop in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&stopping, stop) }
        sigprocmask(SIG_UNBLOCK, &stopping, nil)
        while true {
            let client = accept(socket, nil, nil)
            if client < 0 { continue }
            var timeout = timeval(tv_sec: 5, tv_usec: 0)
            setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            respond(to: client)
            close(client)
        }
    }

    private func respond(to client: Int32) {
        guard let head = readHead(client) else {
            send(client, status: "431 Request Header Fields Too Large", type: "text/plain", body: Array("request too large or incomplete\n".utf8))
            return
        }
        let requestLine = head.prefix { $0 != 13 && $0 != 10 }
        let parts = requestLine.split(separator: 32).map { String(decoding: $0, as: UTF8.self) }
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1.") else {
            send(client, status: "400 Bad Request", type: "text/plain", body: Array("bad request\n".utf8))
            return
        }
        guard parts[0] == "GET" || parts[0] == "HEAD" else {
            send(client, status: "405 Method Not Allowed", type: "text/plain", body: Array("only GET\n".utf8))
            return
        }
        let target = parts[1].prefix { $0 != "#" }
        let path = target.prefix { $0 != "?" }
        guard path == "/" || path == "/index.html" else {
            send(client, status: "404 Not Found", type: "text/plain", body: Array("not found: this server serves one page, at /\n".utf8))
            return
        }
        var body = page
        if let sampleIndex = Self.queryValue("sample_index", in: target) {
            switch redraw(sampleIndex) {
            case .success(let redrawn): body = redrawn
            case .failure(let failure):
                send(client, status: "400 Bad Request", type: "text/plain", body: Array((failure.description + "\n").utf8))
                return
            }
        }
        send(client, status: "200 OK", type: "text/html; charset=utf-8", body: body, headOnly: parts[0] == "HEAD")
    }

    /// `NAME=value` of the query, percent-decoded; nil when absent or badly encoded.
    package static func queryValue(_ name: String, in target: Substring) -> String? {
        guard let question = target.firstIndex(of: "?") else { return nil }
        for pair in target[target.index(after: question)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0] == name else { continue }
            var bytes: [UInt8] = []
            var utf8 = parts[1].utf8.makeIterator()
            while let byte = utf8.next() {
                if byte == UInt8(ascii: "%") {
                    guard let high = utf8.next(), let low = utf8.next(),
                          let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) else { return nil }
                    bytes.append(value)
                } else {
                    bytes.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                }
            }
            return String(validating: bytes, as: UTF8.self)
        }
        return nil
    }

    /// The request's head (up to the blank line), or nil when it is larger than `maxRequestSize`, or the
    /// client stops or times out first.
    private func readHead(_ client: Int32) -> [UInt8]? {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while bytes.count < Self.maxRequestSize {
            let count = chunk.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return nil }
            bytes.append(contentsOf: chunk[0..<count])
            if Self.endOfHead(in: bytes) { return bytes }
        }
        return nil
    }

    private static func endOfHead(in bytes: [UInt8]) -> Bool {
        guard bytes.count >= 4 else { return bytes.count >= 2 && bytes.suffix(2).elementsEqual([10, 10]) }
        for index in 0...(bytes.count - 2) {
            if bytes[index] == 10 && bytes[index + 1] == 10 { return true }
            if index + 3 < bytes.count && bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
                return true
            }
        }
        return false
    }

    private func send(_ client: Int32, status: String, type: String, body: [UInt8], headOnly: Bool = false) {
        let head = "HTTP/1.1 \(status)\r\nContent-Type: \(type)\r\nContent-Length: \(body.count)\r\n"
            + "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n"
        writeAll(client, Array(head.utf8))
        if !headOnly { writeAll(client, body) }
    }

    private func writeAll(_ client: Int32, _ bytes: [UInt8]) {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer -> Int in
                guard let start = buffer.baseAddress else { return 0 }
                return systemSend(client, start + written, buffer.count - written, sendFlags)
            }
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else { return }
            written += result
        }
    }
}
