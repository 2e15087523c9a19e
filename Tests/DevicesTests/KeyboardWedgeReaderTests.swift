import CShim
import DeviceIO
import Foundation
import Glibc
import Testing

@testable import Devices

/// `EvdevReader` over recordings replayed through a fake `SystemCalls`.
@Suite struct KeyboardWedgeReaderTests {
    static let node = "/dev/input/by-id/usb-ACME_Wedge_Scanner-event-kbd"

    /// Runs a recording through a reader; returns every event and the fake.
    static func replay(
        _ file: String, readSize: Int? = nil
    ) async throws -> ([ScannerEvent], EvdevReplaySystemCalls) {
        let recording = try KeyboardWedgeFixture.load(file)
        let layout = try KeyLayout.named(try #require(recording.layout))
        let system = EvdevReplaySystemCalls(recording, readSize: readSize)
        let reader = EvdevReader(
            path: node, settings: try KeyboardWedgeSettings(layout: layout), system: system)
        try await reader.start()
        if !recording.endsGone {
            for await _ in system.drained {}
            await reader.stop()
        }
        var events: [ScannerEvent] = []
        for await event in reader.events { events.append(event) }
        return (events, system)
    }

    @Test(arguments: [nil, 7, 24, 100])
    func k01IsOneScanWithTheGrabTakenAndReleased(readSize: Int?) async throws {
        let (events, system) = try await Self.replay("k01-badge-us.replay", readSize: readSize)
        #expect(
            events == [
                .connected(path: Self.node, resolved: Self.node),
                .scan(Array("0013748911".utf8)),
                .disconnected("\(Self.node) closed: reader stopped"),
            ])
        let grab = lanegate_ioctl_EVIOCGRAB()
        #expect(
            system.calls == [
                .open(Self.node, flags: O_RDONLY | O_NONBLOCK | O_CLOEXEC),
                .ioctl(100, request: grab, value: 1),
                .ioctl(100, request: grab, value: 0),
                .close(100),
            ])
    }

    @Test func idleGapEndsScansWithoutASuffix() async throws {
        let (events, _) = try await Self.replay("idle-gap-us.replay")
        #expect(events.compactMap(Self.scanText) == ["4006381333931", "96385074", "0012345678"])
    }

    @Test func gs1WithAltCodeKeepsTheGroupSeparator() async throws {
        let (events, _) = try await Self.replay("gs1-altcode-us.replay")
        #expect(
            events.contains(
                .scan(
                    Array("]C1010400638133393110ABC123".utf8) + [0x1D] + Array("2112345".utf8))))
    }

    @Test func unplugDropsThePartialScanAndEndsTheStream() async throws {
        let (events, system) = try await Self.replay("unplug-us.replay")
        #expect(
            events == [
                .connected(path: Self.node, resolved: Self.node),
                .scan(Array("4006381333931".utf8)),
                .disconnected(
                    "\(Self.node) left: read(\(Self.node)): No such device (ENODEV)"),
            ])
        // A device that is gone cannot be ungrabbed; it is only closed.
        #expect(system.calls.last == .close(100))
        #expect(
            !system.calls.contains(
                .ioctl(100, request: lanegate_ioctl_EVIOCGRAB(), value: 0)))
    }

    @Test func aGrabHeldElsewhereIsRefusedAndNothingStaysOpen() async throws {
        let recording = try KeyboardWedgeFixture.load("k01-badge-us.replay")
        let system = EvdevReplaySystemCalls(recording, grabError: Errno(EBUSY))
        let reader = EvdevReader(
            path: Self.node, settings: try KeyboardWedgeSettings(layout: .unitedStates),
            system: system)
        await #expect(throws: SystemCallError.self) { try await reader.start() }
        do {
            try await reader.start()
        } catch {
            #expect(error.description.contains("ioctl(EVIOCGRAB)"))
            #expect(error.description.contains("EBUSY"))
            #expect(error.description.contains("another program holds the device"))
        }
        // Each failed start opened the node once and closed it once.
        let opens = system.calls.filter { if case .open = $0 { true } else { false } }
        #expect(opens.count == 2)
        #expect(system.calls.filter { $0 == .close(100) }.count == 2)
        await reader.stop()
    }

    static func scanText(_ event: ScannerEvent) -> String? {
        if case .scan(let bytes) = event { return String(decoding: bytes, as: UTF8.self) }
        return nil
    }
}

/// A fake evdev node that plays a recording: `poll` is its clock (a packet is ready when
/// the recording's next time falls within the timeout, else the timeout passes on the
/// recording's time line), `read` returns the packet's `struct input_event`s as the kernel
/// encodes them, and `gone` makes `poll` report a hang-up and `read` fail with `ENODEV`.
final class EvdevReplaySystemCalls: SystemCalls, @unchecked Sendable {
    enum Call: Equatable {
        case open(String, flags: Int32)
        case ioctl(Int32, request: UInt, value: Int)
        case close(Int32)
    }

    /// Ends when the whole recording was delivered and the reader polled twice more.
    let drained: AsyncStream<Void>

    private let lock = NSLock()
    private let events: [Recording.Event]
    private let readSize: Int?
    private let grabError: Errno?
    private let drainedContinuation: AsyncStream<Void>.Continuation
    private var recorded: [Call] = []
    private var index = 0
    private var now: Duration = .zero
    private var buffer: [UInt8] = []
    private var gone = false
    private var emptyPolls = 0
    /// The kernel stamps events with the wall clock; the recording's times start here.
    private let epoch: Duration = .seconds(1_700_000_000)

    init(_ recording: Recording, readSize: Int? = nil, grabError: Errno? = nil) {
        self.events = recording.events
        self.readSize = readSize
        self.grabError = grabError
        (drained, drainedContinuation) = AsyncStream<Void>.makeStream()
    }

    var calls: [Call] { lock.withLock { recorded } }

    func open(_ path: String, flags: Int32, mode: mode_t) -> Result<Int32, Errno> {
        lock.withLock { recorded.append(.open(path, flags: flags)) }
        return .success(100)
    }

    func ioctl(_ fd: Int32, request: UInt, value: Int) -> Result<Int32, Errno> {
        lock.withLock { recorded.append(.ioctl(fd, request: request, value: value)) }
        if let grabError, value == 1 { return .failure(grabError) }
        return .success(0)
    }

    func close(_ fd: Int32) -> Result<Void, Errno> {
        lock.withLock { recorded.append(.close(fd)) }
        return .success(())
    }

    func poll(_ fd: Int32, events wanted: Int16, timeoutMilliseconds: Int32)
        -> Result<Int16, Errno>
    {
        let (revents, exhausted) = lock.withLock { () -> (Int16, Bool) in
            if !buffer.isEmpty { return (Int16(POLLIN), false) }
            if gone { return (Int16(POLLHUP | POLLERR), false) }
            guard index < events.count else {
                emptyPolls += 1
                return (0, true)
            }
            let next = events[index]
            let timeout = Duration.milliseconds(Int64(timeoutMilliseconds))
            if timeoutMilliseconds >= 0, next.time > now + timeout {
                now += timeout
                return (0, false)
            }
            now = max(now, next.time)
            if next.action == .gone {
                gone = true
                index += 1
                return (Int16(POLLHUP | POLLERR), false)
            }
            loadPacket()
            return (Int16(POLLIN), false)
        }
        if exhausted {
            // The first empty poll lets the reader end a scan on its idle gap; by the
            // second, everything it was going to deliver has been delivered.
            if lock.withLock({ emptyPolls }) == 2 { drainedContinuation.finish() }
            usleep(1000)  // A real poll(2) would wait out its timeout; do not spin.
        }
        return .success(revents)
    }

    /// Moves the events up to and including the next `SYN_REPORT` into the read buffer.
    private func loadPacket() {
        while index < events.count, case .event(var event) = events[index].action {
            index += 1
            event.time += epoch
            buffer += event.wire
            if event.type == EvdevCode.synchronization { return }
        }
    }

    func read(_ fd: Int32, upTo count: Int) -> Result<[UInt8], Errno> {
        lock.withLock {
            if buffer.isEmpty { return .failure(gone ? Errno(ENODEV) : Errno(EAGAIN)) }
            let size = min(count, readSize ?? count, buffer.count)
            defer { buffer.removeFirst(size) }
            return .success(Array(buffer.prefix(size)))
        }
    }

    func write(_ fd: Int32, _ bytes: ArraySlice<UInt8>) -> Result<Int, Errno> {
        .failure(Errno(EBADF))
    }
    func send(_ fd: Int32, _ bytes: ArraySlice<UInt8>) -> Result<Int, Errno> {
        .failure(Errno(ENOTSOCK))
    }
    func tcgetattr(_ fd: Int32) -> Result<termios, Errno> { .failure(Errno(ENOTTY)) }
    func tcsetattr(_ fd: Int32, action: Int32, _ attributes: termios) -> Result<Void, Errno> {
        .failure(Errno(ENOTTY))
    }
    func tcflush(_ fd: Int32, queue: Int32) -> Result<Void, Errno> { .failure(Errno(ENOTTY)) }
    func ioctl(_ fd: Int32, request: UInt) -> Result<Void, Errno> { .failure(Errno(ENOTTY)) }
    func flock(_ fd: Int32, operation: Int32) -> Result<Void, Errno> { .success(()) }
    func setNonBlocking(_ fd: Int32) -> Result<Void, Errno> { .success(()) }
    func fsync(_ fd: Int32) -> Result<Void, Errno> { .failure(Errno(EINVAL)) }
}
