import DeviceIO
import POSProtocols
import StrictJSON

/// A LaneLink client over a real TCP connection, as a POS would be: one request at a
/// time, each answered by the reply with the same `id`; events (lines without `id`) are
/// counted and skipped.
///
/// Not `Sendable`: the bench's one task owns it.
final class POSClient {
    private let connection: TCPConnection
    private var events: AsyncStream<ReadEvent>.Iterator
    private var framer = LaneLinkLineFramer()
    private var ready: [[UInt8]] = []
    private var nextID = 1
    private let clock = ContinuousClock()
    /// Unrequested lines seen so far (printer states).
    private(set) var eventCount = 0

    /// Connects to the lane's listener on loopback.
    init(port: UInt16) async throws {
        connection = try await TCPConnection.connect(
            host: "127.0.0.1", port: port, timeout: .seconds(3))
        // The read events directly, framed here: one hop fewer than `chunks()`.
        events = connection.readEvents().makeAsyncIterator()
    }

    /// Sends `fields` (without `id`, which is added) and returns the reply and the time
    /// from the request's first byte handed to `send(2)` to its reply line framed.
    func request(_ fields: String) async throws -> (reply: JSONNode, elapsed: Duration) {
        let id = nextID
        nextID += 1
        let line = Array("{\"id\":\(id),\(fields)}\n".utf8)

        let start = clock.now
        try await connection.write(line)
        while true {
            let bytes = try await nextLine()
            let node = try JSONParser.parse(bytes)
            guard let replyID = node["id"] else {
                eventCount += 1
                continue
            }
            let elapsed = clock.now - start
            guard case .number(let text) = replyID.value, text == String(id) else {
                throw BenchError(
                    "the lane answered id \(replyID.value) to request \(id): "
                        + String(decoding: bytes, as: UTF8.self))
            }
            return (node, elapsed)
        }
    }

    func close() async {
        await connection.close()
    }

    private func nextLine() async throws -> [UInt8] {
        while ready.isEmpty {
            guard let event = await events.next() else {
                throw BenchError("the lane closed the POS connection")
            }
            switch event {
            case .data(let bytes):
                for frame in framer.feed(bytes) {
                    guard case .line(let line) = frame else {
                        throw BenchError("the lane sent a line longer than 64 KiB")
                    }
                    ready.append(line)
                }
            case .gone(let why):
                throw BenchError("the POS connection ended: \(why)")
            }
        }
        return ready.removeFirst()
    }
}
