import DeviceIO
import Foundation
import POSProtocols

/// Accepts LaneLink connections on one TCP listener and feeds their lines to the lane.
///
/// Each connection's lines are framed (at most 64 KiB a line; a longer one gets a
/// `line-too-long` error and the connection goes on) and queued in order; replies go back
/// on the connection in the same order. A client whose address is not in `allow` (when the
/// listener is not on loopback) is closed at once and logged.
actor POSServer {
    private let runtime: LaneRuntime
    private let listener: TCPListener
    private let allow: [String]
    private var tasks: [Task<Void, Never>] = []

    init(runtime: LaneRuntime, host: String, port: Int, allow: [String]) throws {
        self.runtime = runtime
        self.allow = allow
        listener = try TCPListener(host: host, port: UInt16(port))
        Log.info("pos-listening", ["address": "tcp://\(host):\(listener.port)"])
    }

    /// The port the listener is bound to (the kernel's pick when the config said 0).
    nonisolated var port: UInt16 { listener.port }

    func start() {
        let connections = listener.connections()
        tasks.append(
            Task { [weak self] in
                for await connection in connections {
                    guard let self else { return }
                    await self.accept(connection)
                }
            })
    }

    func stop() async {
        await listener.close()
        for task in tasks { task.cancel() }
    }

    private func accept(_ connection: TCPConnection) {
        let host = Self.host(of: connection.remoteAddress)
        if !allow.isEmpty && !allow.contains(host) {
            Log.warning("pos-refused", ["client": host, "reason": "not in allow list"])
            Task { await connection.close() }
            return
        }
        tasks.append(
            Task { [runtime] in
                await Self.serve(connection, runtime: runtime)
            })
    }

    private static func serve(_ connection: TCPConnection, runtime: LaneRuntime) async {
        // Replies and events go out with a direct non-blocking send(2) from the lane's
        // thread; only what the kernel cannot take at once is queued (in order).
        let id = await runtime.connect { bytes in
            connection.send(bytes)
        }
        Log.info("pos-connected", ["connection": "\(id)", "client": connection.remoteAddress])
        let reply: @Sendable ([UInt8]) -> Void = { bytes in
            connection.send(bytes)
        }
        // Framed on the connection's reader thread and handed straight to the lane's queue:
        // one wake-up from the socket to the reader, one to the lane; no stream, no task.
        let framer = ConnectionFramer()
        // The server's stop cancels this task: closing the connection ends its reads.
        await withTaskCancellationHandler {
            await read(connection, framer: framer, runtime: runtime, id: id, reply: reply)
        } onCancel: {
            Task { await connection.close() }
        }
        await runtime.disconnect(id)
        await connection.close()
        Log.info("pos-disconnected", ["connection": "\(id)"])
    }

    /// Feeds the connection's lines to the runtime until it ends.
    private static func read(
        _ connection: TCPConnection, framer: ConnectionFramer, runtime: LaneRuntime, id: Int,
        reply: @escaping @Sendable ([UInt8]) -> Void
    ) async {
        await withCheckedContinuation { (ended: CheckedContinuation<Void, Never>) in
            connection.read { event in
                guard case .data(let chunk) = event else {
                    ended.resume()
                    return
                }
                for frame in framer.feed(chunk) {
                    runtime.submit(frame, connection: id, done: reply)
                }
            }
        }
    }

    /// The host part of `1.2.3.4:5678` or `[::1]:5678`.
    static func host(of address: String) -> String {
        if address.hasPrefix("["), let end = address.firstIndex(of: "]") {
            return String(address[address.index(after: address.startIndex)..<end])
        }
        guard let colon = address.lastIndex(of: ":") else { return address }
        return String(address[..<colon])
    }
}

/// One connection's line framer, fed only from that connection's read handler, which
/// DeviceIO calls on the connection's one reader thread, one chunk after another: that
/// confinement is what `@unchecked Sendable` stands for.
private final class ConnectionFramer: @unchecked Sendable {
    private var framer = LaneLinkLineFramer()

    func feed(_ chunk: [UInt8]) -> [LaneLinkLineFramer.Output] {
        framer.feed(chunk)
    }
}
