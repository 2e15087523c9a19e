import DeviceIO
import Glibc

/// A scanner on a serial port (USB CDC-ACM or RS-232), read, framed and kept
/// connected across unplugging.
///
/// When a read fails, the line hangs up or the node vanishes, the scanner
/// closes the descriptor at once, drops the partial message, and reopens
/// through the same configured path with backoff, so a
/// `/dev/serial/by-id/…` link that now points at another node is followed.
public actor SerialScanner {
    /// How long to wait between attempts to reopen the port.
    public struct Backoff: Hashable, Sendable {
        /// The first wait, after a loss or a failed open.
        public var initial: Duration
        /// The longest wait; each failure doubles the wait up to this.
        public var maximum: Duration

        /// A backoff from `initial` doubling up to `maximum`.
        public init(initial: Duration = .milliseconds(50), maximum: Duration = .seconds(2)) {
            self.initial = initial
            self.maximum = maximum
        }
    }

    /// The port path as configured.
    public nonisolated let path: String
    /// Everything the scanner reports; ends after `stop()`.
    public nonisolated let events: AsyncStream<ScannerEvent>

    private let options: SerialOptions
    private let framing: ScannerFraming
    private let backoff: Backoff
    private let system: any SystemCalls
    private let continuation: AsyncStream<ScannerEvent>.Continuation
    private var framer: ScanFramer
    private var runTask: Task<Void, Never>?
    private var idleTask: Task<Void, Never>?
    private var idleGeneration = 0

    /// Why the last attempt to open the port failed; nil while connected.
    public private(set) var lastError: SystemCallError?

    /// A scanner on `path`; call `start()` to open it.
    public init(
        path: String, options: SerialOptions = SerialOptions(),
        framing: ScannerFraming = .standard, backoff: Backoff = Backoff(),
        system: any SystemCalls = LinuxSystemCalls()
    ) {
        self.path = path
        self.options = options
        self.framing = framing
        self.backoff = backoff
        self.system = system
        self.framer = ScanFramer(framing: framing)
        (events, continuation) = AsyncStream<ScannerEvent>.makeStream()
    }

    /// Opens the port (retrying with backoff) and starts delivering events.
    public func start() {
        guard runTask == nil else { return }
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            Task { await self.stop() }
        }
        runTask = Task { await self.run() }
    }

    /// Closes the port and ends `events`.
    public func stop() async {
        let task = runTask
        task?.cancel()
        await task?.value
        continuation.finish()
    }

    private func run() async {
        var delay = backoff.initial
        while !Task.isCancelled {
            let port: SerialPort
            do {
                port = try SerialPort(opening: path, options: options, system: system)
            } catch {
                // Said once when the port becomes unavailable, not at every retry.
                if lastError == nil {
                    continuation.yield(.disconnected("cannot open the port: \(error)"))
                }
                lastError = error
                try? await Task.sleep(for: delay)
                delay = min(delay * 2, backoff.maximum)
                continue
            }

            lastError = nil
            delay = backoff.initial
            continuation.yield(.connected(path: path, resolved: Self.resolve(path)))
            let reason = await pump(port)

            // The descriptor is closed before anyone hears of the loss, and
            // no byte from before it can join a scan after it.
            await port.close()
            cancelIdleTimer()
            framer.reset()
            continuation.yield(.disconnected(reason))

            try? await Task.sleep(for: delay)
        }
    }

    /// Reads until the device leaves or the scanner stops; returns why it ended.
    private func pump(_ port: SerialPort) async -> String {
        for await event in port.readEvents() {
            switch event {
            case .data(let bytes):
                deliver(framer.feed(bytes))
                if framer.hasPartialMessage, framing.idleGap != nil {
                    restartIdleTimer()
                } else {
                    cancelIdleTimer()
                }
            case .gone(let gone):
                return gone.description
            }
        }
        return "\(path) closed: scanner stopped"
    }

    private func deliver(_ frames: [ScanFrame]) {
        for frame in frames {
            switch frame {
            case .message(let bytes): continuation.yield(.scan(bytes))
            case .dropped(let error): continuation.yield(.dropped(error))
            }
        }
    }

    private func restartIdleTimer() {
        guard let gap = framing.idleGap else { return }
        idleTask?.cancel()
        idleGeneration += 1
        let generation = idleGeneration
        idleTask = Task {
            guard (try? await Task.sleep(for: gap)) != nil else { return }
            self.idleElapsed(generation)
        }
    }

    private func cancelIdleTimer() {
        idleTask?.cancel()
        idleTask = nil
        idleGeneration += 1
    }

    private func idleElapsed(_ generation: Int) {
        // A timer that lost the race with newer bytes or a loss does nothing.
        guard generation == idleGeneration else { return }
        idleTask = nil
        deliver(framer.idle())
    }

    /// The node a path leads to, through `realpath(3)`; the path itself when
    /// it cannot be resolved.
    private static func resolve(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
