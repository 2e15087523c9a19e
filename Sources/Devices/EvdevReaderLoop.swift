import CShim
import DeviceIO
import Foundation
import Glibc

/// The read loop of an `EvdevReader`, run on a thread of its own.
///
/// It owns the descriptor and the decoder from start to close, so nothing of them is
/// shared; only `Control` (a stop request and the waiters for the end) crosses threads,
/// under a lock.
struct EvdevReaderLoop: Sendable {
    /// The stop request and the end of the loop, shared with the actor.
    final class Control: @unchecked Sendable {
        private let lock = NSLock()
        private var stopRequested = false
        private var finished = false
        private var waiters: [CheckedContinuation<Void, Never>] = []

        var shouldStop: Bool { lock.withLock { stopRequested } }

        func requestStop() {
            lock.withLock { stopRequested = true }
        }

        func markFinished() {
            let waiting = lock.withLock {
                finished = true
                defer { waiters.removeAll() }
                return waiters
            }
            for waiter in waiting { waiter.resume() }
        }

        func waitUntilFinished() async {
            await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
                let done = lock.withLock {
                    if !finished { waiters.append(waiter) }
                    return finished
                }
                if done { waiter.resume() }
            }
        }
    }

    let descriptor: Descriptor
    let settings: KeyboardWedgeSettings
    let continuation: AsyncStream<ScannerEvent>.Continuation
    let control: Control

    /// How long one `poll(2)` waits with no message in progress, so a stop is seen soon.
    private static let pollSliceMilliseconds: Int32 = 100
    /// Events asked for per `read(2)`; the kernel returns whole events only.
    private static let eventsPerRead = 64

    func run() {
        var decoder = KeyboardWedgeDecoder(settings: settings)
        var pending: [UInt8] = []
        let reason = pump(&decoder, &pending)

        // Nothing typed before the loss may join a scan after it.
        decoder.reset()
        if !reason.deviceGone {
            _ = descriptor.system.ioctl(
                descriptor.fd, request: lanegate_ioctl_EVIOCGRAB(), value: 0)
        }
        _ = descriptor.close()
        continuation.yield(.disconnected(reason.text))
        continuation.finish()
        control.markFinished()
    }

    /// Reads until the device leaves or a stop is asked for; returns why it ended.
    private func pump(
        _ decoder: inout KeyboardWedgeDecoder, _ pending: inout [UInt8]
    ) -> (text: String, deviceGone: Bool) {
        let path = descriptor.path
        while !control.shouldStop {
            let waiting = decoder.hasPartialMessage && settings.idleGap != nil
            let timeout =
                waiting ? Self.milliseconds(settings.idleGap!) : Self.pollSliceMilliseconds
            let ready: Int16
            do {
                ready = try descriptor.perform("poll") {
                    $0.poll(descriptor.fd, events: Int16(POLLIN), timeoutMilliseconds: timeout)
                }
            } catch {
                return ("\(path) left: \(error)", true)
            }
            if ready == 0 {
                if waiting { deliver(decoder.idle()) }
                continue
            }

            let outcome: IOOutcome<[UInt8]>
            do {
                outcome = try descriptor.read(upTo: Self.eventsPerRead * EvdevEvent.wireSize)
            } catch {
                return ("\(path) left: \(error)", true)
            }
            switch outcome {
            case .done(let bytes):
                pending.append(contentsOf: bytes)
                feedWholeEvents(&pending, into: &decoder)
            case .wouldBlock:
                if ready & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                    return ("\(path) left: poll(2) reported a hang-up", true)
                }
            case .deviceGone(let gone):
                return (gone.description, true)
            }
        }
        return ("\(path) closed: reader stopped", false)
    }

    /// Decodes every whole `struct input_event` buffered; a partial one waits for the rest.
    private func feedWholeEvents(
        _ pending: inout [UInt8], into decoder: inout KeyboardWedgeDecoder
    ) {
        let size = EvdevEvent.wireSize
        var offset = 0
        while pending.count - offset >= size {
            if let event = EvdevEvent(wire: pending[offset..<(offset + size)]) {
                deliver(decoder.feed(event))
            }
            offset += size
        }
        pending.removeFirst(offset)
    }

    private func deliver(_ frames: [ScanFrame]) {
        for frame in frames {
            switch frame {
            case .message(let bytes): continuation.yield(.scan(bytes))
            case .dropped(let error): continuation.yield(.dropped(error))
            }
        }
    }

    private static func milliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        let total = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: max(total, 1))
    }
}
