import CShim
import Dispatch
import Glibc

/// A listening TCP socket that yields the connections it accepts.
public actor TCPListener {
    /// The host as given.
    public nonisolated let host: String
    /// The bound port: the one asked for, or the kernel's pick for port 0.
    public nonisolated let port: UInt16

    private let acceptor: Acceptor

    /// Binds `host:port` (`SO_REUSEADDR`, backlog 64) and starts listening.
    /// Port 0 takes an ephemeral port; read `port` for it.
    public init(host: String = "127.0.0.1", port: UInt16 = 0) throws {
        let target = "tcp://\(host):\(port)"
        guard let address = try SocketAddress.resolve(host: host, port: port, passive: true).first
        else {
            throw SystemCallError(call: "getaddrinfo", errno: Errno(EADDRNOTAVAIL), path: target)
        }

        let fd = try Socket.stream(family: address.family, path: target)
        do {
            var yes: Int32 = 1
            let size = socklen_t(MemoryLayout<Int32>.size)
            try Socket.check("setsockopt(SO_REUSEADDR)", target, fd) {
                setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, size)
            }
            try Socket.check("bind", target, fd) {
                address.withSockaddr { Glibc.bind(fd, $0, $1) }
            }
            try Socket.check("listen", target, fd) { Glibc.listen(fd, 64) }
        } catch {
            _ = Glibc.close(fd)
            throw error
        }

        self.host = host
        self.port = Socket.localAddress(fd)?.port ?? port
        self.acceptor = Acceptor(fd: fd, path: "tcp://\(host):\(self.port)")
    }

    deinit {
        acceptor.close()
    }

    /// The listening descriptor's number, for leak checks in tests.
    package nonisolated var descriptorNumber: Int32 { acceptor.fd }

    /// The accepted connections, as they come. Start it once; the stream ends
    /// when the listener closes.
    public nonisolated func connections() -> AsyncStream<TCPConnection> {
        acceptor.connections()
    }

    /// Stops listening and closes the socket once.
    public func close() async {
        await acceptor.closeAndWait()
    }
}

extension Socket {
    fileprivate static func check(
        _ call: String, _ path: String, _ fd: Int32, _ body: () -> Int32
    ) throws(SystemCallError) {
        if case .failure(let errno) = Socket.call(body) {
            throw SystemCallError(call: call, errno: errno, path: path)
        }
    }
}

/// Accepts connections when the listening socket is readable.
///
/// Mutable state lives on `queue` only, which is what `@unchecked Sendable`
/// stands for; the listening socket closes in the source's cancel handler.
private final class Acceptor: @unchecked Sendable {
    let fd: Int32
    private let path: String
    private let queue: DispatchQueue
    private var source: DispatchSourceRead?
    private var continuation: AsyncStream<TCPConnection>.Continuation?
    private var closed = false
    private var started = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
        self.queue = DispatchQueue(
            label: "lanegate.listen.\(fd)", target: DescriptorChannel.sourceQueue)
    }

    func connections() -> AsyncStream<TCPConnection> {
        let (stream, continuation) = AsyncStream<TCPConnection>.makeStream()
        queue.async { self.start(continuation) }
        return stream
    }

    private func start(_ continuation: AsyncStream<TCPConnection>.Continuation) {
        guard !closed, !started else {
            continuation.finish()
            return
        }
        started = true
        self.continuation = continuation
        let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
        source.setEventHandler { self.acceptPending() }
        source.setCancelHandler { self.finishClose() }
        self.source = source
        source.activate()
    }

    private func acceptPending() {
        while !closed {
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let accepted = withUnsafeMutablePointer(to: &storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                    Socket.call { lanegate_accept_nonblocking(fd, address, &length) }
                }
            }
            switch accepted {
            case .success(let client):
                let remote = SocketAddress(storage: storage, length: length).description
                continuation?.yield(TCPConnection(fd: client, remoteAddress: remote))
            case .failure(let errno) where errno == .wouldBlock:
                return
            case .failure:
                // ECONNABORTED and the like concern one client; EMFILE would
                // spin, so give the loop back to Dispatch either way.
                return
            }
        }
    }

    func close() {
        queue.async { self.beginClose() }
    }

    func closeAndWait() async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            queue.async {
                if self.closed && self.source == nil {
                    waiter.resume()
                    return
                }
                self.waiters.append(waiter)
                self.beginClose()
            }
        }
    }

    private func beginClose() {
        guard !closed else { return }
        closed = true
        continuation?.finish()
        continuation = nil
        if let source {
            source.cancel()
        } else {
            finishClose()
        }
    }

    private func finishClose() {
        source = nil
        _ = Glibc.close(fd)
        let waiting = waiters
        waiters.removeAll()
        for waiter in waiting {
            waiter.resume()
        }
    }
}
