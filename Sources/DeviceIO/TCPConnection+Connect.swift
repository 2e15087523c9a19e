import Dispatch
import Glibc

extension TCPConnection {
    /// Connects to `host:port` (a name is resolved with `getaddrinfo(3)`),
    /// trying each address until one answers within `timeout` overall.
    ///
    /// A non-blocking `connect(2)` followed by `poll(2)` for writability and
    /// `SO_ERROR`; it runs on a Dispatch worker so the caller's executor stays
    /// free. Throws `NameResolutionError` or `SystemCallError` (`ETIMEDOUT`
    /// when the deadline passes).
    public static func connect(
        host: String, port: UInt16, timeout: Duration
    ) async throws -> TCPConnection {
        let target = "tcp://\(host):\(port)"
        let result: Result<(Int32, String), any Error> = await withCheckedContinuation {
            continuation in
            DispatchQueue.global().async {
                continuation.resume(
                    returning: Result {
                        try blockingConnect(
                            host: host, port: port, timeout: timeout, target: target)
                    })
            }
        }
        let (fd, remote) = try result.get()
        return TCPConnection(fd: fd, remoteAddress: remote)
    }

    // TODO: getaddrinfo(3) has no timeout of its own: a host name whose DNS
    // server does not answer holds this worker for the resolver's timeout
    // (about 5 s per attempt in resolv.conf's default), beyond `timeout`.
    // Use IP addresses in the lane config where that matters.
    private static func blockingConnect(
        host: String, port: UInt16, timeout: Duration, target: String
    ) throws -> (Int32, String) {
        let deadline = ContinuousClock.now + timeout
        let addresses = try SocketAddress.resolve(host: host, port: port, passive: false)
        var lastError = SystemCallError(call: "connect", errno: Errno(EHOSTUNREACH), path: target)

        for address in addresses {
            let fd = try Socket.stream(family: address.family, path: target)
            let started = address.withSockaddr { pointer, length in
                Socket.call { Glibc.connect(fd, pointer, length) }
            }
            switch started {
            case .success:
                return (fd, address.description)
            case .failure(let errno) where errno == .inProgress:
                break
            case .failure(let errno):
                _ = Glibc.close(fd)
                lastError = SystemCallError(call: "connect", errno: errno, path: target)
                continue
            }

            if let failure = awaitConnected(fd, deadline: deadline, target: target) {
                _ = Glibc.close(fd)
                lastError = failure
                if failure.errno == .timedOut {
                    break
                }
                continue
            }
            return (fd, address.description)
        }
        throw lastError
    }

    /// Waits until a non-blocking connect finishes; nil when it succeeded.
    private static func awaitConnected(
        _ fd: Int32, deadline: ContinuousClock.Instant, target: String
    ) -> SystemCallError? {
        let system = LinuxSystemCalls()
        while true {
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else {
                return SystemCallError(
                    call: "connect", errno: .timedOut, path: target,
                    hint: "no answer before the connect timeout; is the device on and reachable?")
            }
            let milliseconds = Int32(
                clamping: remaining.components.seconds * 1000
                    + remaining.components.attoseconds / 1_000_000_000_000_000 + 1)
            switch system.poll(fd, events: Int16(POLLOUT), timeoutMilliseconds: milliseconds) {
            case .failure(let errno) where errno == .interrupted:
                continue
            case .failure(let errno):
                return SystemCallError(call: "poll", errno: errno, path: target)
            case .success(0):
                continue
            case .success:
                let pending = Socket.pendingError(fd)
                if pending == 0 {
                    return nil
                }
                return SystemCallError(call: "connect", errno: Errno(pending), path: target)
            }
        }
    }
}
