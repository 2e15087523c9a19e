import DeviceIO
import Foundation

/// A loopback hop between a lane and its printer (a `VirtualPrinter`) that can keep what
/// the printer answers from reaching the lane: a printer that took and printed a job, but
/// whose completion reply never came back. The printer outlives every lane that connects
/// through the relay, so what it received and printed is one record across restarts.
actor PrinterRelay {
    private let listener: TCPListener
    private let printerPort: UInt16
    private var holding = false
    private var acceptTask: Task<Void, Never>?
    /// How many bytes from the printer were kept from the lane.
    private(set) var heldBytes = 0

    /// Listens on `127.0.0.1` at an ephemeral port; each lane connection gets a connection
    /// of its own to the printer at `printerPort`.
    init(printerPort: UInt16) throws {
        listener = try TCPListener(host: "127.0.0.1", port: 0)
        self.printerPort = printerPort
    }

    /// The port to put in the lane's config.
    nonisolated var port: UInt16 { listener.port }

    func start() {
        let connections = listener.connections()
        acceptTask = Task { [weak self] in
            for await lane in connections {
                guard let self else { return }
                Task { await self.carry(lane) }
            }
        }
    }

    func stop() async {
        await listener.close()
        acceptTask?.cancel()
    }

    /// From now on, what the printer sends is dropped (`true`) or passed on (`false`).
    func hold(_ on: Bool) {
        holding = on
    }

    /// Whether a chunk from the printer goes on to the lane.
    private func passes(_ chunk: [UInt8]) -> Bool {
        if holding { heldBytes += chunk.count }
        return !holding
    }

    /// Carries one lane connection until the lane hangs up (a kill closes its sockets).
    private func carry(_ lane: TCPConnection) async {
        guard
            let printer = try? await TCPConnection.connect(
                host: "127.0.0.1", port: printerPort, timeout: .seconds(5))
        else {
            await lane.close()
            return
        }
        let answers = printer.chunks()
        let back = Task {
            for await chunk in answers where self.passes(chunk) {
                try? await lane.write(chunk)
            }
        }
        for await chunk in lane.chunks() {
            try? await printer.write(chunk)
        }
        await printer.close()
        back.cancel()
        await lane.close()
    }
}
