import Dispatch
import Glibc
import POSProtocols
import StrictJSON

/// A lean LaneLink client, as a POS would be: one blocking TCP socket (`TCP_NODELAY`)
/// used on one thread of its own, one request at a time, each answered by the reply with
/// the same `id`; events (lines without `id`) are counted and skipped.
///
/// The request is sent and its reply read on that one thread with blocking `send(2)` and
/// `recv(2)`, so the time measured holds no thread hop of the client's: only the lane's
/// own path and the loopback. The bench's task waits for each request's result outside
/// the timed part.
final class POSClient: @unchecked Sendable {
    // @unchecked: `fd`, `framer`, `ready`, `nextID` and `eventCount` are used only on
    // `queue`, one request at a time.
    private let fd: Int32
    private let queue = DispatchQueue(label: "lanegate-bench.pos")
    private var framer = LaneLinkLineFramer()
    private var ready: [[UInt8]] = []
    private var nextID = 1
    private var events = 0

    /// Connects to the lane's listener on loopback.
    init(port: UInt16) throws(BenchError) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw BenchError("socket(2) failed: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let code = errno
            Glibc.close(fd)
            throw BenchError("connect(2) to 127.0.0.1:\(port) failed: errno \(code)")
        }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        self.fd = fd
    }

    /// Unrequested lines seen so far (printer states).
    var eventCount: Int {
        queue.sync { events }
    }

    /// Sends `fields` (without `id`, which is added) and returns the reply and the time
    /// from just before the request is handed to `send(2)` to its reply line framed.
    func request(_ fields: String) async throws -> (reply: JSONNode, elapsed: Duration) {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(
                    with: Result { () throws(BenchError) in
                        try self.requestHere(fields)
                    })
            }
        }
    }

    func close() async {
        await withCheckedContinuation { continuation in
            queue.async {
                Glibc.close(self.fd)
                continuation.resume()
            }
        }
    }

    private func requestHere(_ fields: String) throws(BenchError)
        -> (reply: JSONNode, elapsed: Duration)
    {
        let id = nextID
        nextID += 1
        let line = Array("{\"id\":\(id),\(fields)}\n".utf8)
        let clock = ContinuousClock()

        let start = clock.now
        try sendAll(line)
        while true {
            let bytes = try nextLine()
            let elapsed = clock.now - start
            let node: JSONNode
            do {
                node = try JSONParser.parse(bytes)
            } catch {
                throw BenchError("the lane sent a line that is not JSON: \(error)")
            }
            guard let replyID = node["id"] else {
                events += 1
                continue
            }
            guard case .number(let text) = replyID.value, text == String(id) else {
                throw BenchError(
                    "the lane answered id \(replyID.value) to request \(id): "
                        + String(decoding: bytes, as: UTF8.self))
            }
            return (node, elapsed)
        }
    }

    private func sendAll(_ bytes: [UInt8]) throws(BenchError) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes {
                Glibc.send(
                    fd, $0.baseAddress! + offset, bytes.count - offset,
                    Int32(MSG_NOSIGNAL))
            }
            if sent < 0 {
                if errno == EINTR { continue }
                throw BenchError("send(2) to the lane failed: errno \(errno)")
            }
            offset += sent
        }
    }

    private func nextLine() throws(BenchError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while ready.isEmpty {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 {
                if errno == EINTR { continue }
                throw BenchError("recv(2) from the lane failed: errno \(errno)")
            }
            if count == 0 {
                throw BenchError("the lane closed the POS connection")
            }
            for frame in framer.feed(buffer[0..<count]) {
                guard case .line(let line) = frame else {
                    throw BenchError("the lane sent a line longer than 64 KiB")
                }
                ready.append(line)
            }
        }
        return ready.removeFirst()
    }
}
