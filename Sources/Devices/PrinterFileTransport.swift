import DeviceIO
import Glibc

/// A "printer" that appends every byte to a file (`file:PATH`), for tests and
/// dry runs. There is no way back: a job counts as done once written and
/// flushed with `fsync(2)`.
public actor PrinterFileTransport: PrinterTransport {
    /// The file path.
    public nonisolated let path: String
    /// A file never answers.
    public nonisolated var hasReturnChannel: Bool { false }

    private let system: any SystemCalls
    private var descriptor: Descriptor?

    /// A transport appending to `path`, created (mode 0644) on the first `send`.
    public init(path: String, system: any SystemCalls = LinuxSystemCalls()) {
        self.path = path
        self.system = system
    }

    deinit {
        _ = descriptor?.close()
    }

    /// Opens (creating) the file when it is not open.
    public func open() async throws {
        _ = try opened()
    }

    /// Appends every byte, then `fsync(2)`s so a job counts only once on disk.
    public func send(_ bytes: [UInt8]) async throws {
        let file = try opened()
        var offset = 0
        while offset < bytes.count {
            switch try file.write(bytes[offset...]) {
            case .done(let count):
                offset += count
            case .wouldBlock:
                // Not on a descriptor opened blocking, as this one is.
                continue
            case .deviceGone(let gone):
                throw gone
            }
        }
        try file.perform("fsync") { $0.fsync(file.fd) }
    }

    /// Always nil: a file keeps no printer settings.
    public var connectionNumber: Int? { nil }

    /// Always empty at once: a file has no return channel.
    public func receive(upTo count: Int, timeout: Duration) async throws -> [UInt8] {
        []
    }

    /// Closes the file; a later `send` opens it again.
    public func close() async {
        _ = descriptor?.close()
        descriptor = nil
    }

    private func opened() throws(SystemCallError) -> Descriptor {
        if let descriptor {
            return descriptor
        }
        let flags = O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC
        let file = try Descriptor.open(path, flags: flags, mode: 0o644, system: system)
        descriptor = file
        return file
    }
}
