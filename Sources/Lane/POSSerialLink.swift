import DeviceIO
import Foundation
import POSProtocols

/// LaneLink over a serial line, for POS systems that have only a COM port.
///
/// The framing is the same as over TCP: one JSON object per line, UTF-8, LF-terminated (a
/// CR before the LF is ignored), at most 64 KiB a line. The line is 8N1 with no flow
/// control at the configured rate. The link counts as one POS connection; when the port
/// goes away (a USB-serial adapter unplugged) it is reopened through the same path with
/// backoff, and a partial line from before the loss is dropped, never glued to the next.
actor POSSerialLink {
    private let runtime: LaneRuntime
    private let path: String
    private let options: SerialOptions
    private var task: Task<Void, Never>?

    init(runtime: LaneRuntime, path: String, baud: Int) throws {
        do {
            options = try SerialOptions(baud: baud)
        } catch {
            throw LaneError("POS serial link \(path): \(error)")
        }
        self.runtime = runtime
        self.path = path
    }

    /// Opens the port once now, so the link is up when the lane reports ready, then keeps
    /// it open (reopening after a loss) on a task of its own.
    func start() {
        var first: SerialPort?
        do {
            first = try SerialPort(opening: path, options: options)
        } catch {
            Log.warning("pos-serial-unavailable", ["port": path, "error": "\(error)"])
        }
        task = Task { [runtime, path, options, first] in
            var delay = Duration.milliseconds(50)
            var opened = first
            while !Task.isCancelled {
                let next = opened ?? (try? SerialPort(opening: path, options: options))
                opened = nil
                guard let port = next else {
                    try? await Task.sleep(for: delay)
                    delay = min(delay * 2, .seconds(2))
                    continue
                }
                delay = .milliseconds(50)
                Log.info("pos-serial-open", ["port": path, "settings": options.description])
                await Self.serve(port, runtime: runtime)
                await port.close()
                Log.warning("pos-serial-lost", ["port": path])
                try? await Task.sleep(for: delay)
            }
        }
    }

    func stop() async {
        task?.cancel()
        await task?.value
    }

    private static func serve(_ port: SerialPort, runtime: LaneRuntime) async {
        // Sent at once from the lane's thread; queued in order only when the port is full.
        let send: @Sendable ([UInt8]) -> Void = { bytes in
            port.send(bytes)
        }
        let id = await runtime.connect(send: send)
        var framer = LaneLinkLineFramer()
        for await event in port.readEvents() {
            guard case .data(let chunk) = event else { break }
            for frame in framer.feed(chunk) {
                // Queued, not answered here: this loop runs on the cooperative pool.
                runtime.enqueue(frame, connection: id, done: send)
            }
            if Task.isCancelled { break }
        }
        await runtime.disconnect(id)
    }
}
