import DeviceIO

/// A network printer on a raw TCP port (9100, JetDirect style).
///
/// Connects on the first job; after a failure the connection is dropped and
/// the next `send` connects again, so a printer that was switched off is
/// picked up without a restart.
public actor PrinterTCPTransport: PrinterTransport {
    /// The printer's host name or address.
    public nonisolated let host: String
    /// The TCP port.
    public nonisolated let port: UInt16
    /// How long a connect may take.
    public nonisolated let connectTimeout: Duration
    /// A TCP printer answers over the same connection.
    public nonisolated var hasReturnChannel: Bool { true }

    private let returnChannel = PrinterTransportReturnChannel()
    private var connection: TCPConnection?
    private var reader: Task<Void, Never>?
    private var connections = 0

    /// A transport to `host:port`; nothing connects until the first `send`.
    public init(host: String, port: UInt16 = 9100, connectTimeout: Duration = .seconds(3)) {
        self.host = host
        self.port = port
        self.connectTimeout = connectTimeout
    }

    /// Connects when there is no connection.
    public func open() async throws {
        _ = try await connected()
    }

    /// Sends every byte, connecting first when there is no connection.
    public func send(_ bytes: [UInt8]) async throws {
        let connection = try await connected()
        do {
            try await connection.write(bytes)
        } catch {
            await drop(connection)
            throw error
        }
    }

    /// Up to `count` bytes the printer sent, waiting up to `timeout`.
    public func receive(upTo count: Int, timeout: Duration) async throws -> [UInt8] {
        await returnChannel.receive(upTo: count, timeout: timeout)
    }

    /// The number of the open connection, counted from 1; nil while none is open.
    public var connectionNumber: Int? { connection == nil ? nil : connections }

    /// Closes the connection; a later `send` opens a new one.
    public func close() async {
        if let connection {
            await drop(connection)
        }
    }

    private func connected() async throws -> TCPConnection {
        if let connection {
            return connection
        }
        let fresh = try await TCPConnection.connect(host: host, port: port, timeout: connectTimeout)
        if let raced = connection {
            // Another job connected while this one waited; keep the first.
            await fresh.close()
            return raced
        }
        connection = fresh
        connections += 1
        await returnChannel.discard()
        let returnChannel = self.returnChannel
        reader = Task {
            for await chunk in fresh.chunks() {
                await returnChannel.deliver(chunk)
            }
            await self.peerClosed(fresh)
        }
        return fresh
    }

    private func peerClosed(_ closed: TCPConnection) async {
        if connection === closed {
            await drop(closed)
        }
    }

    private func drop(_ old: TCPConnection) async {
        if connection === old {
            connection = nil
            reader?.cancel()
            reader = nil
            await returnChannel.discard()
        }
        await old.close()
    }
}
