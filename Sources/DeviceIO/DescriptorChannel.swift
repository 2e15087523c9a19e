import Dispatch
import Glibc

/// Owns one non-blocking descriptor: reads driven by a `DispatchSourceRead`,
/// writes queued and drained as the kernel takes them, and a close that
/// happens exactly once.
///
/// Every mutable property is read and written only on `queue`, a serial
/// queue; that confinement is what `@unchecked Sendable` stands for. Dispatch
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
        let done: CheckedContinuation<Void, any Error>
    }

    private var state = State.open
    private var readSource: DispatchSourceRead?
    private var readContinuation: AsyncStream<ReadEvent>.Continuation?
    private var readStarted = false
    private var writeSource: DispatchSourceWrite?
    private var writeSourceRunning = false
    private var pendingWrites: [PendingWrite] = []
    private var closeWaiters: [CheckedContinuation<SystemCallError?, Never>] = []
    private var closeError: SystemCallError?

    // TODO: every channel's queue targets this one serial queue, so sources
    // are created, cancelled and handled one at a time process-wide. The
    // reason is a libdispatch bug on Linux (swift-corelibs-libdispatch issue
    // 949: a use-after-free of an epoll "muxnote" when sources on different
    // descriptors are set up and torn down concurrently) that crashed the
    // test run about one time in ten before this. The cost is that all
    // device I/O handlers share one thread at a time, which is far more than
    // a lane's few devices need; moving to a small epoll loop of our own
    // (as swift-subprocess did) removes both the bug and the bottleneck.
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
            self.queue.async { self.stopReading() }
        }
        queue.async { self.startReading(continuation) }
        return stream
    }

    private func startReading(_ continuation: AsyncStream<ReadEvent>.Continuation) {
        guard state == .open, !readStarted else {
            continuation.finish()
            return
        }
        readStarted = true
        readContinuation = continuation

        let source = DispatchSource.makeReadSource(fileDescriptor: descriptor.fd, queue: queue)
        source.setEventHandler { self.handleReadable() }
        source.setCancelHandler {
            self.readSource = nil
            self.finishCloseIfIdle()
        }
        readSource = source
        source.activate()
    }

    private func handleReadable() {
        for _ in 0..<readsPerWakeUp {
            guard state == .open, readContinuation != nil else { return }
            do {
                switch try descriptor.read(upTo: readChunkSize) {
                case .done(let bytes):
                    readContinuation?.yield(.data(bytes))
                case .wouldBlock:
                    return
                case .deviceGone(let gone):
                    deviceLeft(gone)
                    return
                }
            } catch {
                deviceLeft(DeviceGone(path: descriptor.path, cause: .failed(error)))
                return
            }
        }
    }

    private func stopReading() {
        readContinuation = nil
        readSource?.cancel()
    }

    /// The device is gone: tell the reader, fail the writers, close at once.
    private func deviceLeft(_ gone: DeviceGone) {
        readContinuation?.yield(.gone(gone))
        readContinuation?.finish()
        readContinuation = nil
        failPendingWrites(gone)
        beginClose()
    }

    // MARK: Writing

    /// Writes every byte, waiting (without blocking a thread) while the kernel
    /// buffer is full. Writes from concurrent callers go out whole, in order.
    package func write(_ bytes: [UInt8]) async throws {
        guard !bytes.isEmpty else { return }
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            queue.async {
                guard self.state == .open else {
                    done.resume(throwing: self.closedError(call: self.writeCallName))
                    return
                }
                self.pendingWrites.append(PendingWrite(bytes: bytes, offset: 0, done: done))
                if self.pendingWrites.count == 1 {
                    self.flushWrites()
                }
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
                        first.done.resume()
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
                first.done.resume(throwing: error)
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
        for write in failed {
            write.done.resume(throwing: error)
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

        readContinuation?.finish()
        readContinuation = nil
        failPendingWrites(closedError(call: writeCallName))

        readSource?.cancel()
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
        guard state == .closing, readSource == nil, writeSource == nil else { return }
        state = .closed
        closeError = descriptor.close()
        let waiters = closeWaiters
        closeWaiters.removeAll()
        for waiter in waiters {
            waiter.resume(returning: closeError)
        }
    }
}
