import Foundation
import Glibc
import POSProtocols

/// The loopback's own cost: a LaneLink line sent to a bare echo and its copy read back,
/// through the same client, on the same machine, in the same run as the lane and the floor.
///
/// The echo does what the lane's POS reader does around the lane and nothing else: one
/// thread waits in `poll(2)` on its connection, reads until `EAGAIN`, frames lines with
/// `LaneLinkLineFramer` and `send(2)`s each line straight back (it carries the request's
/// `id`, so the client takes it as the reply). What a `finalize` costs beyond the floor
/// and this round trip is the lane's own work: decoding, checks, the plan, the inserts,
/// the extra WAL frames, the reply. On a VM the two wake-ups in it (the echo's, then the
/// client's) can cost more than the work itself, and they are the same for the lane.
final class LoopbackEcho: @unchecked Sendable {
    // @unchecked: `listener` is set once in init; the echo thread owns the connection.
    private let listener: Int32
    let port: UInt16

    /// Listens on 127.0.0.1, on a port the kernel picks, and echoes one connection.
    init() throws(BenchError) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw BenchError("socket(2) failed: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 1) == 0
                    && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else {
            let code = errno
            Glibc.close(fd)
            throw BenchError("the loopback echo could not listen on 127.0.0.1: errno \(code)")
        }
        listener = fd
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [listener] in Self.serve(listener) }
        thread.name = "lanegate-bench.echo"
        thread.start()
    }

    /// Accepts one connection and echoes its lines until it closes.
    private static func serve(_ listener: Int32) {
        let connection = accept(listener, nil, nil)
        Glibc.close(listener)
        guard connection >= 0 else { return }
        defer { Glibc.close(connection) }
        var one: Int32 = 1
        setsockopt(
            connection, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        _ = fcntl(connection, F_SETFL, fcntl(connection, F_GETFL) | O_NONBLOCK)
        var framer = LaneLinkLineFramer()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            var entry = pollfd(fd: connection, events: Int16(POLLIN), revents: 0)
            guard poll(&entry, 1, 200) >= 0 || errno == EINTR else { return }
            while true {
                let count = buffer.withUnsafeMutableBytes {
                    recv(connection, $0.baseAddress, $0.count, 0)
                }
                if count == 0 { return }
                if count < 0 {
                    if errno == EINTR { continue }
                    if errno == EAGAIN { break }
                    return
                }
                for case .line(let line) in framer.feed(buffer[0..<count]) {
                    guard send(connection, line + [0x0A]) else { return }
                }
            }
        }
    }

    /// Sends all of `bytes`, waiting in `poll(2)` when the socket is full.
    private static func send(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 {
                guard errno == EINTR || errno == EAGAIN else { return false }
                var entry = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                _ = poll(&entry, 1, 200)
                continue
            }
            offset += sent
        }
        return true
    }
}
