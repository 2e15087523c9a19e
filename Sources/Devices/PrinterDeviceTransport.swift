import DeviceIO
import Glibc

/// A printer reached through a write-only device node: the USB printer class device
/// (`/dev/usb/lp0`, Linux's usblp driver) or a FIFO a print spooler reads.
///
/// There is no way back: a job counts as done once every byte was handed to the driver.
/// Opening does not wait for a FIFO's reader: with none, `open(2)` fails with `ENXIO` and
/// the job waits in the queue; a full pipe or a busy printer is waited for with `poll(2)`,
/// up to `writeTimeout` per chunk.
// TODO: a usblp node is opened write-only, so a USB printer-class printer has no return
// channel here: no DLE EOT status, no process-ID completion and no Automatic Status Back,
// even for a profile saying `automaticStatusBack` (a TM-T88V on USB). The usblp driver can
// read from bidirectional interfaces (read(2) on the node), but opening it O_RDWR, a reader
// thread per node as DescriptorChannel has, and telling a unidirectional interface (where
// every confirmation would time out) from a bidirectional one are not done; until then a
// USB printer's jobs are confirmed by `written` and a paper-out is seen by nobody.
public actor PrinterDeviceTransport: PrinterTransport {
    public nonisolated let path: String
    public nonisolated var hasReturnChannel: Bool { false }

    private let system: any SystemCalls
    private let writeTimeout: Duration
    private var descriptor: Descriptor?

    public init(
        path: String, writeTimeout: Duration = .seconds(10),
        system: any SystemCalls = LinuxSystemCalls()
    ) {
        self.path = path
        self.writeTimeout = writeTimeout
        self.system = system
    }

    deinit {
        _ = descriptor?.close()
    }

    /// Whether `path` names a write-only printer device rather than a serial port: a
    /// usblp node, or a FIFO.
    public static func handles(_ path: String) -> Bool {
        if path.hasPrefix("/dev/usb/lp") { return true }
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO
    }

    /// Opens the node when it is not open (a FIFO with no reader fails with `ENXIO`).
    public func open() async throws {
        _ = try opened()
    }

    public func send(_ bytes: [UInt8]) async throws {
        let device = try opened()
        var offset = 0
        while offset < bytes.count {
            switch try device.write(bytes[offset...]) {
            case .done(let count):
                offset += count
            case .wouldBlock:
                let milliseconds = Int32(writeTimeout.components.seconds * 1000)
                let ready = try device.perform("poll") {
                    $0.poll(device.fd, events: Int16(POLLOUT), timeoutMilliseconds: milliseconds)
                }
                if ready == 0 {
                    throw SystemCallError(
                        call: "write", errno: Errno(ETIMEDOUT), path: path,
                        hint: "the printer took no data for \(writeTimeout)")
                }
            case .deviceGone(let gone):
                await close()
                throw gone
            }
        }
    }

    /// Always nil: with no way back there is no state to lose with a connection.
    public var connectionNumber: Int? { nil }

    /// Always empty at once: the device has no return channel.
    public func receive(upTo count: Int, timeout: Duration) async throws -> [UInt8] {
        []
    }

    public func close() async {
        _ = descriptor?.close()
        descriptor = nil
    }

    private func opened() throws(SystemCallError) -> Descriptor {
        if let descriptor { return descriptor }
        let flags = O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC
        let device = try Descriptor.open(path, flags: flags, system: system)
        descriptor = device
        return device
    }
}
