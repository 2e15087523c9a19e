import CShim
import Glibc

/// An open serial port (a USB CDC-ACM scanner, an RS-232 printer), owned
/// exclusively, in raw mode, non-blocking.
///
/// Opening takes `TIOCEXCL` and an advisory `flock(2)`: as root a second
/// `open` succeeds despite `TIOCEXCL`, but the lock still tells a second
/// lanegate (or a test) that the port is taken.
public actor SerialPort {
    /// The path as given (a `/dev/serial/by-id/…` link stays a link).
    public nonisolated let path: String
    /// The line settings in effect.
    public nonisolated let options: SerialOptions

    private let channel: DescriptorChannel

    /// Opens `path` with `O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC`, takes it
    /// exclusively and sets raw mode with `options` (`tcsetattr(3)`, `TCSANOW`;
    /// then, for a rate without a `B` constant, termios2 `TCSETS2` and a check
    /// of what `TCGETS2` reads back), then drops whatever the driver buffered
    /// before.
    ///
    /// Throws a `SystemCallError` naming the call that failed; a port another
    /// process holds fails with the hint "in use by another process", a driver
    /// without custom rates fails `ioctl(TCSETS2)`.
    public init(
        opening path: String, options: SerialOptions = SerialOptions(),
        system: any SystemCalls = LinuxSystemCalls()
    ) throws(SystemCallError) {
        let flags = O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC
        let descriptor = try Descriptor.open(path, flags: flags, system: system)
        do {
            try SerialPort.configure(descriptor, options: options)
        } catch {
            _ = descriptor.close()
            throw error
        }
        self.path = path
        self.options = options
        self.channel = DescriptorChannel(descriptor)
    }

    deinit {
        channel.closeSoon()
    }

    private static func configure(
        _ descriptor: Descriptor, options: SerialOptions
    ) throws(SystemCallError) {
        let inUse = "in use by another process; stop the program holding it or pick another port"

        try descriptor.perform("ioctl(TIOCEXCL)", hint: inUse) {
            $0.ioctl(descriptor.fd, request: lanegate_ioctl_TIOCEXCL())
        }
        try descriptor.perform("flock", hint: inUse) {
            $0.flock(descriptor.fd, operation: LOCK_EX | LOCK_NB)
        }

        let current = try descriptor.perform("tcgetattr", hint: "not a serial port?") {
            $0.tcgetattr(descriptor.fd)
        }
        // TODO: tcsetattr(3) succeeds when any one change took, and a driver drops
        // what its hardware lacks (CMSPAR on many USB adapters, CRTSCTS on 3-wire
        // ports) without an error, so a port can run with other framing than asked
        // and read garbage. Reading the attributes back and comparing would catch it,
        // but a pseudo-terminal (tests, the demo) forces CS8 and clears PARENB by
        // design, so the check needs a way to tell a pty from a UART first.
        let raw = rawAttributes(from: current, options: options)
        try descriptor.perform("tcsetattr") {
            $0.tcsetattr(descriptor.fd, action: TCSANOW, raw)
        }
        if !options.isStandard {
            try setCustomSpeed(descriptor, baud: options.baud)
        }

        // Bytes the driver took before raw mode was set were read in cooked
        // mode and belong to no scan of ours.
        try descriptor.perform("tcflush") { $0.tcflush(descriptor.fd, queue: TCIFLUSH) }
    }

    /// The bytes as they arrive, then `.gone` when the device leaves (the
    /// port is then closed). Start it once; ending the iteration stops reading.
    public nonisolated func readEvents() -> AsyncStream<ReadEvent> {
        channel.readEvents()
    }

    /// Writes every byte; waits while the output buffer is full (flow control).
    public func write(_ bytes: [UInt8]) async throws {
        try await channel.write(bytes)
    }

    /// Writes `bytes` at once from the caller's thread with a non-blocking `write(2)`,
    /// without waiting; what the driver cannot take now is queued behind earlier writes
    /// and written as the output buffer drains. Writes keep their order; failures are not
    /// reported (the port's end shows on the read side).
    public nonisolated func send(_ bytes: [UInt8]) {
        channel.send(bytes)
    }

    /// Which queue `flush(_:)` discards.
    public enum FlushQueue: Sendable {
        /// Received but not read (`TCIFLUSH`).
        case input
        /// Written but not sent (`TCOFLUSH`).
        case output
        /// Both (`TCIOFLUSH`).
        case both
    }

    /// Discards queued data. Wraps `tcflush(3)`.
    public func flush(_ queue: FlushQueue) throws(SystemCallError) {
        let selector: Int32
        switch queue {
        case .input: selector = TCIFLUSH
        case .output: selector = TCOFLUSH
        case .both: selector = TCIOFLUSH
        }
        let descriptor = channel.descriptor
        try descriptor.perform("tcflush") { $0.tcflush(descriptor.fd, queue: selector) }
    }

    /// Closes the port (once; later calls return at once). Wraps `close(2)`.
    public func close() async {
        await channel.close()
    }
}
