import DeviceIO

/// A printer on a serial port (RS-232, or USB CDC-ACM).
///
/// Opens on the first job; after a failure or an unplug the port is closed
/// and the next `send` opens it again through the same path.
public actor PrinterSerialTransport: PrinterTransport {
    /// The port path as configured.
    public nonisolated let path: String
    /// The line settings.
    public nonisolated let options: SerialOptions
    /// A serial printer answers status requests on the same line.
    public nonisolated var hasReturnChannel: Bool { true }

    private let system: any SystemCalls
    private let returnChannel = PrinterTransportReturnChannel()
    private var port: SerialPort?
    private var reader: Task<Void, Never>?
    private var opens = 0

    /// A transport on `path`; nothing opens until the first `send`.
    public init(
        path: String, options: SerialOptions = SerialOptions(),
        system: any SystemCalls = LinuxSystemCalls()
    ) {
        self.path = path
        self.options = options
        self.system = system
    }

    // TODO: a printer holding CTS low (RTS/CTS flow control, paper out on some
    // models) makes `send` wait for as long as it stays low, with no timeout:
    // the write queue in DeviceIO has no deadline yet. The job then waits
    // instead of failing; the lane's print queue should bound it.

    /// Opens the port when it is not open.
    public func open() async throws {
        _ = try opened()
    }

    /// Sends every byte, opening the port first when it is not open.
    public func send(_ bytes: [UInt8]) async throws {
        let port = try opened()
        do {
            try await port.write(bytes)
        } catch {
            await drop(port)
            throw error
        }
    }

    /// Up to `count` bytes the printer sent, waiting up to `timeout`.
    public func receive(upTo count: Int, timeout: Duration) async throws -> [UInt8] {
        await returnChannel.receive(upTo: count, timeout: timeout)
    }

    /// The number of the port's open, counted from 1; nil while it is closed.
    public var connectionNumber: Int? { port == nil ? nil : opens }

    /// Closes the port; a later `send` opens it again.
    public func close() async {
        if let port {
            await drop(port)
        }
    }

    private func opened() throws -> SerialPort {
        if let port {
            return port
        }
        let fresh = try SerialPort(opening: path, options: options, system: system)
        port = fresh
        opens += 1
        let returnChannel = self.returnChannel
        reader = Task {
            for await event in fresh.readEvents() {
                guard case .data(let bytes) = event else { break }
                await returnChannel.deliver(bytes)
            }
            await self.portEnded(fresh)
        }
        return fresh
    }

    private func portEnded(_ ended: SerialPort) async {
        if port === ended {
            await drop(ended)
        }
    }

    private func drop(_ old: SerialPort) async {
        if port === old {
            port = nil
            reader?.cancel()
            reader = nil
            await returnChannel.discard()
        }
        await old.close()
    }
}
