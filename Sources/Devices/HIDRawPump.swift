import DeviceIO
import Foundation
import Glibc

/// The thread that waits on a hidraw node, reads its reports and decodes them, for
/// `HIDRawReader`.
///
/// `poll(2)` and `read(2)` block, so they run on a thread of their own rather than on
/// Swift's cooperative pool (two cores are shared with the rest of the lane). `stop()`
/// sets a flag the thread looks at after every `poll` timeout. The lock guards
/// `stopRequested` and `waiters`, the only state shared with the thread; that is what
/// `@unchecked Sendable` stands for.
final class HIDRawPump: @unchecked Sendable {
    /// The biggest report a hidraw read returns is the device's largest input report;
    /// 4096 (HID_MAX_BUFFER_SIZE) holds any.
    private static let readSize = 4096

    private let descriptor: Descriptor
    private let decoderAtStart: HIDPOSDecoder
    private let continuation: AsyncStream<HIDRawEvent>.Continuation
    private let pollMilliseconds: Int32
    private let lock = NSLock()
    private var stopRequested = false
    private var finished = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(
        descriptor: Descriptor, decoder: HIDPOSDecoder,
        continuation: AsyncStream<HIDRawEvent>.Continuation, pollMilliseconds: Int32
    ) {
        self.descriptor = descriptor
        self.decoderAtStart = decoder
        self.continuation = continuation
        self.pollMilliseconds = pollMilliseconds
    }

    func start() {
        let thread = Thread { [self] in
            run()
        }
        thread.name = "lanegate.hidraw.\(descriptor.path)"
        thread.start()
    }

    /// Asks the thread to stop; returns once the node is closed.
    func stop() async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            lock.lock()
            if finished {
                lock.unlock()
                waiter.resume()
                return
            }
            stopRequested = true
            waiters.append(waiter)
            lock.unlock()
        }
    }

    private var shouldStop: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopRequested
    }

    private func run() {
        var decoder = decoderAtStart
        var reason = "\(descriptor.path) closed: reader stopped"

        while !shouldStop {
            guard let gone = step(&decoder) else { continue }
            reason = gone.description
            break
        }

        // The node is closed before anyone hears of the loss.
        _ = descriptor.close()
        continuation.yield(
            .disconnected(reason: reason, partialScanDropped: decoder.reset()))
        continuation.finish()

        lock.lock()
        finished = true
        let waiting = waiters
        waiters.removeAll()
        lock.unlock()
        for waiter in waiting {
            waiter.resume()
        }
    }

    /// One `poll` and, when it says so, one `read`; returns why the device left, if it did.
    private func step(_ decoder: inout HIDPOSDecoder) -> DeviceGone? {
        let events: Int16
        do {
            events = try descriptor.perform("poll") {
                $0.poll(descriptor.fd, events: Int16(POLLIN), timeoutMilliseconds: pollMilliseconds)
            }
        } catch {
            return DeviceGone(path: descriptor.path, cause: .failed(error))
        }
        guard events != 0 else { return nil }

        // On unplug hidraw's poll reports POLLHUP | POLLERR and read fails with EIO, so
        // the read below tells the story in every case.
        do {
            switch try descriptor.read(upTo: Self.readSize) {
            case .done(let report):
                deliver(decoder.feed(report))
                return nil
            case .wouldBlock:
                let hungUp = events & Int16(POLLHUP | POLLERR) != 0
                return hungUp ? DeviceGone(path: descriptor.path, cause: .hangUp) : nil
            case .deviceGone(let gone):
                return gone
            }
        } catch {
            return DeviceGone(path: descriptor.path, cause: .failed(error))
        }
    }

    private func deliver(_ outcome: HIDPOSDecoder.Outcome) {
        switch outcome {
        case .scan(let scan): continuation.yield(.scan(scan))
        case .dropped(let error): continuation.yield(.dropped(error))
        case .needMore, .ignored: break
        }
    }
}
