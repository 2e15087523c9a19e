import Dispatch
import Glibc
import Synchronization

/// Owns one non-blocking descriptor: reads on a thread of its own waiting in `poll(2)`,
/// writes queued and drained as the kernel takes them, and a close that
/// happens exactly once.
///
/// Every mutable property is read and written only on `queue`, a serial
/// queue; that confinement is what `@unchecked Sendable` stands for. The one
/// exception is `gate`, a lock: `send(_:)` writes from the caller's thread
/// through it (no hop to `queue` when the kernel takes the bytes at once). Dispatch
/// forbids closing a descriptor while a source still watches it, so the close
/// waits for every source's cancel handler. The public owners (`SerialPort`,
/// `TCPConnection`, `PseudoTerminal`) are actors holding one channel each.
package final class DescriptorChannel: @unchecked Sendable {
    /// The descriptor this channel owns.
    package let descriptor: Descriptor

    private let isSocket: Bool
    private let queue: DispatchQueue
    private let readChunkSize = 4096
    private let readsPerWakeUp = 64

    private enum State { case open, closing, closed }

    private struct PendingWrite {
        var bytes: [UInt8]
        var offset: Int
        /// Nil for the rest of a `send(_:)`, which nobody waits for.
        let done: CheckedContinuation<Void, any Error>?
    }

    /// Where read events go: an `AsyncStream` (`readEvents()`) or a handler
    /// called on `queue` (`read(handler:)`).
    private struct ReadSink {
        let deliver: (ReadEvent) -> Void
        /// The end: the device left (`gone`) or the channel closed (nil).
        let finish: (_ gone: DeviceGone?) -> Void
    }

    /// What `send(_:)` on another thread must know, under one lock: whether
    /// writes are queued (a direct send would overtake them) and whether the
    /// descriptor may still be written (a closed number may be reused).
    private struct SendGate {
        var queued = 0
        var writable = true
        /// Whether the reader thread (`read(handler:)`) should go on.
        var reading = false
    }

    private let gate = Mutex(SendGate())

    private var state = State.open
    private var readSink: ReadSink?
    private var readStarted = false
    /// Whether a reader thread (`read(handler:)`) is still using the descriptor.
    private var readerRunning = false
    /// The wake-up pipe of the reader thread (-1 when none).
    private var wakeRead: Int32 = -1
    private var wakeWrite: Int32 = -1
    private var writeSource: DispatchSourceWrite?
    private var writeSourceRunning = false
    private var pendingWrites: [PendingWrite] = []
    private var closeWaiters: [CheckedContinuation<SystemCallError?, Never>] = []
    private var closeError: SystemCallError?

    // TODO: reads run on a reader thread per channel (see `startReaderThread`), away
    // from Dispatch sources, because of a libdispatch bug on Linux (swift-corelibs-
    // libdispatch issue 949, a use-after-free of an epoll "muxnote" when sources are set
    // up and torn down at a high rate) that crashed a 10,000-replug soak about one run in
    // four. Writes that find the kernel buffer full still wait on a Dispatch write
    // source, and every channel's queue targets this one serial queue so that those
    // sources are created and cancelled one at a time. A small epoll loop of our own for
    // writes too would retire the last Dispatch sources; at a lane's rates a full send
    // buffer is rare.
    /// The serial queue all descriptor sources run on.
    package static let sourceQueue = DispatchQueue(label: "lanegate.deviceio.sources")

    /// Takes ownership of `descriptor`, which must already be non-blocking.
    package init(_ descriptor: Descriptor, isSocket: Bool = false) {
        self.descriptor = descriptor
        self.isSocket = isSocket
        self.queue = DispatchQueue(
            label: "lanegate.fd.\(descriptor.fd)", target: DescriptorChannel.sourceQueue)
    }

    // MARK: Reading

    /// The bytes as they arrive, then `.gone` when the device leaves. Only the
    /// first call starts a reader; later calls get a stream that ends at once.
    /// Ending the iteration stops reading but leaves the descriptor open.
    package func readEvents() -> AsyncStream<ReadEvent> {
        let (stream, continuation) = AsyncStream<ReadEvent>.makeStream()
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            self.queue.async { self.stopReaderThread() }
        }
        queue.async {
            guard self.state == .open, !self.readStarted else {
                continuation.finish()
                return
            }
            self.startReaderThread(
                deliver: { continuation.yield($0) },
                finished: { gone in
                    if let gone { continuation.yield(.gone(gone)) }
                    continuation.finish()
                })
        }
        return stream
    }

    /// Calls `handler` with the bytes as they arrive, then `.gone` once (the device
    /// left, or the channel closed), all on a thread of this channel's own that waits in
    /// `poll(2)`: one wake-up from the kernel to the handler, no Dispatch source, worker
    /// thread, stream or task in between. The handler must not block. A second call,
    /// or one on a closed channel, gets `.gone` at once.
    package func read(handler: @escaping @Sendable (ReadEvent) -> Void) {
        queue.async {
            let path = self.descriptor.path
            guard self.state == .open, !self.readStarted else {
                handler(.gone(DeviceGone(path: path, cause: .hangUp)))
                return
            }
            self.startReaderThread(
                deliver: handler,
                finished: { gone in
                    handler(.gone(gone ?? DeviceGone(path: path, cause: .hangUp)))
                })
        }
    }

    // Reading runs on a thread of the channel's own, waiting in poll(2) on the descriptor
    // and on a wake-up pipe, rather than on a Dispatch read source: libdispatch on Linux
    // has a use-after-free when sources are registered and unregistered at a high rate
    // (swift-corelibs-libdispatch issue 949), which a replug soak hit about one run in
    // four. The pipe makes a stop or a close take effect at once.

    /// Starts the reader thread (on `queue`); `finished` is called once, after the last
    /// data: with the loss when the device left, with nil when reading was stopped.
    private func startReaderThread(
        deliver: @escaping @Sendable (ReadEvent) -> Void,
        finished: @escaping @Sendable (DeviceGone?) -> Void
    ) {
        readStarted = true
        readerRunning = true
        var ends: [Int32] = [-1, -1]
        if Glibc.pipe(&ends) == 0 {
            for end in ends {
                _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
                _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            }
            wakeRead = ends[0]
            wakeWrite = ends[1]
        }
        let wake = wakeRead
        gate.withLock { $0.reading = true }
        // The reader thread itself tells of the end, after its last data.
        readSink = ReadSink(deliver: deliver, finish: { _ in })
        ReaderThread.start { self.readLoop(deliver, finished: finished, wake: wake) }
    }

    /// Stops the reader thread without closing the descriptor.
    private func stopReaderThread() {
        gate.withLock { $0.reading = false }
        wakeReader()
    }

    private func wakeReader() {
        guard wakeWrite >= 0 else { return }
        var byte: UInt8 = 1
        _ = Glibc.write(wakeWrite, &byte, 1)
    }

    /// The reader thread's loop: `poll(2)` (with a timeout as a last resort), then read
    /// until `EAGAIN`.
    private func readLoop(
        _ handler: @Sendable (ReadEvent) -> Void, finished: @Sendable (DeviceGone?) -> Void,
        wake: Int32
    ) {
        var gone: DeviceGone?
        reading: while gate.withLock({ $0.reading }) {
            let polled = descriptor.system.retryingInterrupts {
                wake >= 0
                    ? descriptor.system.poll(
                        descriptor.fd, wake: wake, events: Int16(POLLIN),
                        timeoutMilliseconds: 200)
                    : descriptor.system.poll(
                        descriptor.fd, events: Int16(POLLIN), timeoutMilliseconds: 200)
            }
            switch polled {
            case .success(0):
                continue
            case .success:
                break
            case .failure(let errno):
                gone = DeviceGone(
                    path: descriptor.path,
                    cause: .failed(
                        SystemCallError(
                            call: "poll", errno: errno,
                            path: descriptor.path)))
                break reading
            }
            for _ in 0..<readsPerWakeUp {
                guard gate.withLock({ $0.reading }) else { break reading }
                do {
                    switch try descriptor.read(upTo: readChunkSize) {
                    case .done(let bytes):
                        handler(.data(bytes))
                        continue
                    case .wouldBlock:
                        break
                    case .deviceGone(let left):
                        gone = left
                        break reading
                    }
                } catch {
                    gone = DeviceGone(path: descriptor.path, cause: .failed(error))
                    break reading
                }
                break
            }
        }
        let left = gone
        // Closed before anyone hears of the end: a device that left has no descriptor
        // open by the time its reader learns it is gone.
        queue.sync {
            self.readerRunning = false
            if self.wakeRead >= 0 {
                _ = Glibc.close(self.wakeRead)
                _ = Glibc.close(self.wakeWrite)
                self.wakeRead = -1
                self.wakeWrite = -1
            }
            if let left, self.state == .open {
                // The reader knows already; this fails the writers and closes.
                self.readSink = nil
                self.deviceLeft(left)
            } else {
                self.finishCloseIfIdle()
            }
        }
        finished(left)
    }

    /// The device is gone: tell the reader, fail the writers, close at once.
    private func deviceLeft(_ gone: DeviceGone) {
        readSink?.finish(gone)
        readSink = nil
        failPendingWrites(gone)
        beginClose()
    }

    // MARK: Writing

    /// Writes every byte, waiting (without blocking a thread) while the kernel
    /// buffer is full. Writes from concurrent callers go out whole, in order.
    package func write(_ bytes: [UInt8]) async throws {
        guard !bytes.isEmpty else { return }
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            gate.withLock { gate in
                gate.queued += 1
                enqueue(PendingWrite(bytes: bytes, offset: 0, done: done))
            }
        }
    }

    /// Sends `bytes` now from the caller's thread with one non-blocking `send(2)`
    /// (or `write(2)`), without waiting: what the kernel does not take at once
    /// (`EAGAIN`, a partial send) is queued and drained like `write(_:)`, and so
    /// is everything while earlier writes are still queued, so the order of
    /// writes holds. Failures are not reported (the device's end shows on the
    /// read side); bytes sent after the channel began closing are dropped.
    package func send(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        gate.withLock { gate in
            guard gate.writable else { return }
            var offset = 0
            if gate.queued == 0 {
                while offset < bytes.count {
                    guard
                        case .done(let count)? = try? descriptor.write(
                            bytes[offset...], socket: isSocket), count > 0
                    else { break }
                    offset += count
                }
                if offset >= bytes.count { return }
            }
            // EAGAIN, a failure or earlier writes waiting: the queue takes the
            // rest and meets the failure (or the hang-up) itself.
            gate.queued += 1
            enqueue(PendingWrite(bytes: bytes, offset: offset, done: nil))
        }
    }

    /// Hands `write` to the queue; called with the gate held, so writes reach
    /// the queue in the order they passed the gate.
    private func enqueue(_ write: PendingWrite) {
        queue.async {
            guard self.state == .open else {
                self.gate.withLock { $0.queued -= 1 }
                write.done?.resume(throwing: self.closedError(call: self.writeCallName))
                return
            }
            self.pendingWrites.append(write)
            if self.pendingWrites.count == 1 {
                self.flushWrites()
            }
        }
    }

    private var writeCallName: String { isSocket ? "send" : "write" }

    private func flushWrites() {
        while state == .open, var first = pendingWrites.first {
            do {
                switch try descriptor.write(first.bytes[first.offset...], socket: isSocket) {
                case .done(let count) where count > 0:
                    first.offset += count
                    if first.offset >= first.bytes.count {
                        pendingWrites.removeFirst()
                        gate.withLock { $0.queued -= 1 }
                        first.done?.resume()
                    } else {
                        pendingWrites[0] = first
                    }
                case .done, .wouldBlock:
                    armWriteSource()
                    return
                case .deviceGone(let gone):
                    deviceLeft(gone)
                    return
                }
            } catch {
                // A failure that does not end the device (EINVAL, ENOSPC...)
                // fails this write only; the next one may still go through.
                pendingWrites.removeFirst()
                gate.withLock { $0.queued -= 1 }
                first.done?.resume(throwing: error)
            }
        }
        disarmWriteSource()
    }

    private func armWriteSource() {
        if let writeSource {
            if !writeSourceRunning {
                writeSourceRunning = true
                writeSource.resume()
            }
            return
        }
        let source = DispatchSource.makeWriteSource(fileDescriptor: descriptor.fd, queue: queue)
        source.setEventHandler { self.flushWrites() }
        source.setCancelHandler {
            self.writeSource = nil
            self.finishCloseIfIdle()
        }
        writeSource = source
        writeSourceRunning = true
        source.activate()
    }

    private func disarmWriteSource() {
        if let writeSource, writeSourceRunning {
            writeSourceRunning = false
            writeSource.suspend()
        }
    }

    private func failPendingWrites(_ error: any Error) {
        let failed = pendingWrites
        pendingWrites.removeAll()
        gate.withLock { $0.queued -= failed.count }
        for write in failed {
            write.done?.resume(throwing: error)
        }
    }

    private func closedError(call: String) -> SystemCallError {
        SystemCallError(
            call: call, errno: Errno(EBADF), path: descriptor.path,
            hint: "the descriptor was already closed")
    }

    // MARK: Closing

    /// Stops the sources and closes the descriptor, once; returns when it is closed.
    /// Returns the `close(2)` failure, if any (the number is freed regardless).
    @discardableResult
    package func close() async -> SystemCallError? {
        await withCheckedContinuation { (waiter: CheckedContinuation<SystemCallError?, Never>) in
            queue.async {
                if self.state == .closed {
                    waiter.resume(returning: self.closeError)
                    return
                }
                self.closeWaiters.append(waiter)
                self.beginClose()
            }
        }
    }

    /// Starts closing without waiting, for an owner's `deinit`.
    package func closeSoon() {
        queue.async { self.beginClose() }
    }

    private func beginClose() {
        guard state == .open else { return }
        state = .closing
        // From here on no `send(_:)` touches the descriptor; one in progress
        // finishes first (it holds the gate).
        let stopReader = gate.withLock { gate in
            gate.writable = false
            defer { gate.reading = false }
            return gate.reading
        }
        if stopReader {
            wakeReader()
        }

        readSink?.finish(nil)
        readSink = nil
        failPendingWrites(closedError(call: writeCallName))

        if let writeSource {
            // A suspended source never runs its cancel handler.
            if !writeSourceRunning {
                writeSourceRunning = true
                writeSource.resume()
            }
            writeSource.cancel()
        }
        finishCloseIfIdle()
    }

    private func finishCloseIfIdle() {
        guard state == .closing, writeSource == nil, !readerRunning
        else { return }
        state = .closed
        closeError = descriptor.close()
        let waiters = closeWaiters
        closeWaiters.removeAll()
        for waiter in waiters {
            waiter.resume(returning: closeError)
        }
    }
}

/// Starts a detached POSIX thread for a channel's reader (`pthread_create(3)`): DeviceIO
/// does not use Foundation's `Thread`.
private enum ReaderThread {
    private final class Body: Sendable {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    static func start(_ run: @escaping @Sendable () -> Void) {
        let body = Unmanaged.passRetained(Body(run)).toOpaque()
        var thread = pthread_t()
        let rc = pthread_create(
            &thread, nil,
            { context in
                let body = Unmanaged<Body>.fromOpaque(context!).takeRetainedValue()
                body.run()
                return nil
            }, body)
        if rc == 0 {
            pthread_detach(thread)
        } else {
            // No thread: run the loop on a Dispatch thread instead of not reading at all.
            Unmanaged<Body>.fromOpaque(body).release()
            DispatchQueue.global().async(execute: run)
        }
    }
}
