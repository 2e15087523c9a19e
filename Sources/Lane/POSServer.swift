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
        tasks.append(Task { [weak self] in
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
        tasks.append(Task { [runtime] in
            await Self.serve(connection, runtime: runtime)
        })
    }

    private static func serve(_ connection: TCPConnection, runtime: LaneRuntime) async {
        let id = await runtime.connect { bytes in
            try? await connection.write(bytes)
        }
        Log.info("pos-connected", ["connection": "\(id)", "client": connection.remoteAddress])
        let reply: @Sendable ([UInt8]) async -> Void = { bytes in
            try? await connection.write(bytes)
        }
        var framer = LaneLinkLineFramer()
        // The read events themselves, not `chunks()`: one task hop fewer per request.
        for await event in connection.readEvents() {
            guard case .data(let chunk) = event else { break }
            for frame in framer.feed(chunk) {
                switch frame {
                case .line(let line):
                    runtime.submit(line, connection: id, done: reply)
                case .tooLong:
                    runtime.submit(
                        LaneLinkFailure(
                            code: .lineTooLong,
                            message: "the line is longer than 64 KiB and was discarded up to its "
                                + "end of line", id: .null),
                        connection: id, done: reply)
                }
            }
        }
        await runtime.disconnect(id)
        await connection.close()
        Log.info("pos-disconnected", ["connection": "\(id)"])
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
