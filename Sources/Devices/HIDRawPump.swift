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
    private let decoderAtStart: HIDRawDecoder
    private let continuation: AsyncStream<HIDRawEvent>.Continuation
    private let pollMilliseconds: Int32
    private let lock = NSLock()
    private var stopRequested = false
    private var finished = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(
        descriptor: Descriptor, decoder: HIDRawDecoder,
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
    private func step(_ decoder: inout HIDRawDecoder) -> DeviceGone? {
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
                if let event = decoder.feed(report) {
                    continuation.yield(event)
                }
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
}

/// The decoder a `HIDRawReader` feeds its reports to, as its configuration's report
/// format says.
enum HIDRawDecoder: Sendable {
    case hidPOS(HIDPOSDecoder)
    case magTek(MagTekHIDDecoder)

    /// The Scanned Data Report's layout, for a HID POS decoder.
    var hidPOSLayout: HIDPOSLayout? {
        if case .hidPOS(let decoder) = self { decoder.layout } else { nil }
    }

    /// Decodes one report; nil when it gives nothing to deliver (part of a scan, a report
    /// of no interest).
    ///
    /// A MagTek swipe is delivered as a scan of its tracks' text with no AIM identifier:
    /// what a keyboard-emulation reader types, which the lane's classifier reads.
    mutating func feed(_ report: [UInt8]) -> HIDRawEvent? {
        switch self {
        case .hidPOS(var decoder):
            let outcome = decoder.feed(report)
            self = .hidPOS(decoder)
            switch outcome {
            case .scan(let scan): return .scan(scan)
            case .dropped(let error): return .dropped(error)
            case .needMore, .ignored: return nil
            }
        case .magTek(let decoder):
            switch decoder.decode(report) {
            case .swipe(let swipe):
                return .scan(
                    HIDPOSScan(
                        aim: nil, symbologyIdentifier: [], data: swipe.bytes, reportCount: 1))
            case .dropped(let error):
                // TODO: HIDRawEvent.dropped carries a HIDPOSDecoderError, so a short
                // MagTek report is passed on as HID POS's shortReport, whose text names
                // the "Scanned Data Report" rather than the card reader's swipe report
                // (MagTekHIDError's own text is lost). A short report is the only way a
                // MagTek report is dropped; giving HIDRawEvent.dropped an error of either
                // decoder changes a type other readers of HIDRawEvent switch on.
                guard case .shortReport(let length, let expected) = error.reason else {
                    return nil
                }
                return .dropped(
                    HIDPOSDecoderError(.shortReport(length: length, expected: expected)))
            case .ignored:
                return nil
            }
        }
    }

    /// Forgets a partial scan (the device left); returns whether there was one. A MagTek
    /// reader sends one report per swipe, so it never has one.
    mutating func reset() -> Bool {
        guard case .hidPOS(var decoder) = self else { return false }
        let had = decoder.reset()
        self = .hidPOS(decoder)
        return had
    }
}
