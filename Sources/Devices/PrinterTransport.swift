import DeviceIO

/// The way bytes reach a receipt printer, and its replies come back.
///
/// Three kinds: `PrinterSerialTransport` (a serial port), `PrinterTCPTransport`
/// (`tcp://HOST:9100`) and `PrinterFileTransport` (`file:PATH`, no way back).
public protocol PrinterTransport: AnyObject, Sendable {
    /// Whether the printer can answer (status, completion); false for `file:`.
    var hasReturnChannel: Bool { get }
    /// Opens the connection (the port, the file) now when none is open, sending nothing;
    /// throws what a `send` would throw for it. The lane calls it at start, so that a
    /// printer that is away is reported then and not at the first job.
    func open() async throws
    /// Sends every byte of a job or a request; throws when they could not all go.
    func send(_ bytes: [UInt8]) async throws
    /// Up to `count` bytes the printer sent, waiting up to `timeout` for the
    /// first; empty when nothing came (or there is no return channel). A receive that
    /// waits returns early, empty, when the connection ends.
    func receive(upTo count: Int, timeout: Duration) async throws -> [UInt8]
    /// Closes the connection or the file.
    func close() async
    /// A number for the connection (or open port) now in use, different for every new one;
    /// nil while none is open. Settings sent over an earlier connection (`GS a`) may be
    /// lost with it, since the printer may have been switched off in between.
    var connectionNumber: Int? { get async }
}

extension DevicePort {
    /// The printer transport for this port: serial settings apply to a device
    /// path, the connect timeout to `tcp://`.
    public func printerTransport(
        serial options: SerialOptions = SerialOptions(), connectTimeout: Duration = .seconds(3)
    ) -> any PrinterTransport {
        switch self {
        case .device(let path) where PrinterDeviceTransport.handles(path):
            return PrinterDeviceTransport(path: path)
        case .device(let path):
            return PrinterSerialTransport(path: path, options: options)
        case .tcp(let host, let port):
            return PrinterTCPTransport(host: host, port: port, connectTimeout: connectTimeout)
        case .file(let path):
            return PrinterFileTransport(path: path)
        }
    }
}
