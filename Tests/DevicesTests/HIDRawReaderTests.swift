import CShim
import DeviceIO
import Foundation
import Glibc
import Testing

@testable import Devices

// TODO: this is a minimal private reader of hidraw `.replay` recordings
// (docs/recordings.md), written because the shared parser in
// Sources/Devices/Recording.swift did not exist yet when HID POS support was written.
// It reads only what hidraw recordings hold (the header keys, `in`, `feature`, `gone`)
// and ignores time stamps, which hidraw replay does not need. Once Recording.swift is
// in main, these tests should load fixtures through it and this type should go, so
// that one parser decides what a recording means.

/// One hidraw recording: the descriptor and the events, in order.
struct HIDRawRecording {
    enum Event: Equatable {
        case input([UInt8])
        case feature([UInt8])
        case gone
    }

    var device = ""
    var descriptor: [UInt8] = []
    var events: [Event] = []

    var inputs: [[UInt8]] {
        events.compactMap { if case .input(let bytes) = $0 { bytes } else { nil } }
    }

    var features: [[UInt8]] {
        events.compactMap { if case .feature(let bytes) = $0 { bytes } else { nil } }
    }

    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/hidraw")

    static func load(_ name: String) throws -> HIDRawRecording {
        let text = try String(
            contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        return try HIDRawRecording(text: text)
    }

    struct FormatError: Error, CustomStringConvertible {
        var line: Int
        var text: String
        var description: String { "line \(line): cannot read \"\(text)\"" }
    }

    init() {}

    init(text: String) throws {
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated()
        {
            let line =
                raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                .first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            guard !line.isEmpty else { continue }
            let error = FormatError(line: index + 1, text: String(raw))
            if let colon = line.firstIndex(of: ":"), line[..<colon].allSatisfy(\.isLetter) {
                let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                switch line[..<colon] {
                case "kind": guard value == "hidraw" else { throw error }
                case "device": device = value
                case "descriptor": descriptor += try Self.hex(value, error)
                default: throw error
                }
                continue
            }
            let words = line.split(separator: " ", maxSplits: 2).map(String.init)
            guard words.count >= 2, Double(words[0]) != nil else { throw error }
            let rest = words.count > 2 ? words[2] : ""
            switch words[1] {
            case "in": events.append(.input(try Self.hex(rest, error)))
            case "feature": events.append(.feature(try Self.hex(rest, error)))
            case "gone": events.append(.gone)
            default: throw error
            }
        }
    }

    private static func hex(_ text: String, _ error: FormatError) throws -> [UInt8] {
        try text.split(separator: " ").map { word in
            guard word.count == 2, let byte = UInt8(word, radix: 16) else { throw error }
            return byte
        }
    }
}

/// A `SystemCalls` that plays a hidraw recording: answers the descriptor ioctls from
/// its `descriptor:`, delivers its `in` reports one per read, and fails reads with `EIO`
/// (poll saying `POLLHUP | POLLERR`, as hidraw does) at `gone`. Records every ioctl.
final class ReplaySystemCalls: SystemCalls, @unchecked Sendable {
    struct IOCtl: Equatable {
        var request: UInt
        var bytes: [UInt8]
    }

    static let fd: Int32 = 41

    private let lock = NSLock()
    private let wake = DispatchSemaphore(value: 0)
    private let descriptor: [UInt8]
    private let info: HIDRawDeviceInfo?
    private var pending: [HIDRawRecording.Event]
    private var recordedIOCtls: [IOCtl] = []
    private var closes = 0
    var descriptorSizeOverride: Int32?

    init(_ recording: HIDRawRecording, info: HIDRawDeviceInfo? = nil) {
        self.descriptor = recording.descriptor
        self.info = info
        // Feature lines are what the host sent; the reader must send them itself.
        self.pending = recording.events.filter { !Self.isFeature($0) }
    }

    private static func isFeature(_ event: HIDRawRecording.Event) -> Bool {
        if case .feature = event { true } else { false }
    }

    var ioctls: [IOCtl] { lock.withLock { recordedIOCtls } }
    var closeCount: Int { lock.withLock { closes } }

    func open(_ path: String, flags: Int32, mode: mode_t) -> Result<Int32, Errno> {
        path.hasPrefix("/dev/hidraw") ? .success(Self.fd) : .failure(Errno(ENOENT))
    }

    func ioctl(_ fd: Int32, request: UInt, buffer: inout [UInt8]) -> Result<Int32, Errno> {
        lock.lock()
        recordedIOCtls.append(IOCtl(request: request, bytes: buffer.count > 64 ? [] : buffer))
        lock.unlock()

        switch request {
        case lanegate_ioctl_HIDIOCGRDESCSIZE():
            let size = descriptorSizeOverride ?? Int32(descriptor.count)
            buffer = (0..<4).map { UInt8(truncatingIfNeeded: size >> (8 * $0)) }
            return .success(0)
        case lanegate_ioctl_HIDIOCGRDESC():
            let size = Int(buffer[0]) | Int(buffer[1]) << 8
            guard size <= descriptor.count else { return .failure(Errno(EINVAL)) }
            buffer.replaceSubrange(4..<(4 + size), with: descriptor[..<size])
            return .success(0)
        case lanegate_ioctl_HIDIOCGRAWINFO():
            guard let info else { return .failure(Errno(ENOTTY)) }
            buffer = [
                UInt8(info.bus & 0xFF), 0, 0, 0, UInt8(info.vendor & 0xFF),
                UInt8(info.vendor >> 8), UInt8(info.product & 0xFF), UInt8(info.product >> 8),
            ]
            return .success(0)
        case lanegate_ioctl_HIDIOCSFEATURE(buffer.count):
            return .success(Int32(buffer.count))
        default:
            return .failure(Errno(EINVAL))
        }
    }

    func poll(_ fd: Int32, events: Int16, timeoutMilliseconds: Int32) -> Result<Int16, Errno> {
        lock.lock()
        let next = pending.first
        lock.unlock()
        switch next {
        case .input?: return .success(Int16(POLLIN))
        case .gone?: return .success(Int16(POLLHUP | POLLERR))
        default:
            // Nothing left: wait as poll(2) would, until the timeout.
            _ = wake.wait(timeout: .now() + .milliseconds(Int(timeoutMilliseconds)))
            return .success(0)
        }
    }

    func read(_ fd: Int32, upTo count: Int) -> Result<[UInt8], Errno> {
        lock.lock()
        defer { lock.unlock() }
        guard let next = pending.first else { return .failure(Errno(EAGAIN)) }
        switch next {
        case .input(let bytes):
            pending.removeFirst()
            return .success(Array(bytes.prefix(count)))
        default:
            return .failure(Errno(EIO))
        }
    }

    func close(_ fd: Int32) -> Result<Void, Errno> {
        lock.withLock { closes += 1 }
        return .success(())
    }

    func write(_ fd: Int32, _ bytes: ArraySlice<UInt8>) -> Result<Int, Errno> {
        .failure(Errno(ENOTTY))
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

/// The first `count` events of `reader`.
private func take(_ count: Int, from iterator: inout AsyncStream<HIDRawEvent>.Iterator) async
    -> [HIDRawEvent]
{
    var events: [HIDRawEvent] = []
    while events.count < count, let event = await iterator.next() {
        events.append(event)
    }
    return events
}

@Suite struct HIDRawReaderTests {
    static let honeywellInfo = HIDRawDeviceInfo(bus: 3, vendor: 0x0C2E, product: 0x0B8F)

    @Test func ioctlRequestNumbersAreLinuxHidraw() {
        // linux/hidraw.h: _IOR('H', 0x01, int), _IOR('H', 0x02, struct
        // hidraw_report_descriptor) (4 + 4096 bytes), _IOR('H', 0x03, struct
        // hidraw_devinfo) (8 bytes), _IOC(_IOC_WRITE|_IOC_READ, 'H', 0x06, len).
        #expect(lanegate_ioctl_HIDIOCGRDESCSIZE() == 0x8004_4801)
        #expect(lanegate_ioctl_HIDIOCGRDESC() == 0x9004_4802)
        #expect(lanegate_ioctl_HIDIOCGRAWINFO() == 0x8008_4803)
        #expect(lanegate_ioctl_HIDIOCSFEATURE(2) == 0xC002_4806)
    }

    @Test func honeywellReplaySendsTheFeatureReportAndDeliversScans() async throws {
        let recording = try HIDRawRecording.load("honeywell-xenon-1900-hidpos.replay")
        let system = ReplaySystemCalls(recording, info: Self.honeywellInfo)
        let reader = HIDRawReader(
            path: "/dev/hidraw3",
            configuration: .init(enablingFeatureReport: [0xFE, 0x01]), system: system)

        try await reader.start()
        var iterator = reader.events.makeAsyncIterator()
        let events = await take(3, from: &iterator)
        await reader.stop()
        let rest = await take(5, from: &iterator)

        #expect(
            system.ioctls.map(\.request) == [
                lanegate_ioctl_HIDIOCGRDESCSIZE(), lanegate_ioctl_HIDIOCGRDESC(),
                lanegate_ioctl_HIDIOCGRAWINFO(), lanegate_ioctl_HIDIOCSFEATURE(2),
            ])
        #expect(system.ioctls.last?.bytes == [0xFE, 0x01])
        #expect(recording.features == [[0xFE, 0x01]])

        let layout = try HIDPOSLayout(
            descriptor: HIDReportDescriptor(parsing: recording.descriptor))
        let qr = Array(
            ("https://lanegate.example/v/9712345678901234567890?store=S01&lane=L03"
                + "&issued=2024-05-17T10:42:00%2B02:00&member=2900123456784&sig=7f3a9c1e").utf8)
        #expect(
            events == [
                .connected(path: "/dev/hidraw3", info: Self.honeywellInfo, layout: layout),
                .scan(
                    HIDPOSScan(
                        aim: "]E0", symbologyIdentifier: Array("]E0".utf8),
                        data: Array("4006381333931".utf8), reportCount: 1)),
                .scan(
                    HIDPOSScan(
                        aim: "]Q1", symbologyIdentifier: Array("]Q1".utf8), data: qr, reportCount: 3
                    )),
            ])
        #expect(
            rest == [
                .disconnected(
                    reason: "/dev/hidraw3 closed: reader stopped", partialScanDropped: false)
            ])
        #expect(system.closeCount == 1)
    }

    @Test func unplugMidScanDropsThePartialScanAndEndsTheStream() async throws {
        let recording = try HIDRawRecording.load("honeywell-xenon-1900-unplug.replay")
        let system = ReplaySystemCalls(recording)
        let reader = HIDRawReader(
            path: "/dev/hidraw3",
            configuration: .init(enablingFeatureReport: recording.features.first),
            system: system)

        try await reader.start()
        var events: [HIDRawEvent] = []
        for await event in reader.events {
            events.append(event)
        }

        #expect(events.count == 3)
        if case .connected(_, let info, _) = events.first {
            #expect(info == nil)
        } else {
            Issue.record("first event \(String(describing: events.first))")
        }
        #expect(
            events.dropFirst().first
                == .scan(
                    HIDPOSScan(
                        aim: "]E0", symbologyIdentifier: Array("]E0".utf8),
                        data: Array("4006381333931".utf8), reportCount: 1)))
        #expect(
            events.last
                == .disconnected(
                    reason: "/dev/hidraw3 left: read(/dev/hidraw3): Input/output error (EIO)",
                    partialScanDropped: true))
        #expect(system.closeCount == 1)
        #expect(system.ioctls.last?.bytes == [0xFE, 0x01])
    }

    @Test func noFeatureReportUnlessConfigured() async throws {
        let recording = try HIDRawRecording.load("newland-fm420-hidpos.replay")
        let system = ReplaySystemCalls(recording)
        let reader = HIDRawReader(path: "/dev/hidraw0", system: system)

        try await reader.start()
        var iterator = reader.events.makeAsyncIterator()
        let events = await take(3, from: &iterator)
        await reader.stop()

        #expect(
            system.ioctls.map(\.request) == [
                lanegate_ioctl_HIDIOCGRDESCSIZE(), lanegate_ioctl_HIDIOCGRDESC(),
                lanegate_ioctl_HIDIOCGRAWINFO(),
            ])
        #expect(
            events.dropFirst().map { event -> [UInt8] in
                if case .scan(let scan) = event { scan.bytes } else { [] }
            }.first == Array("4006381333931".utf8))
    }

    @Test func aKeyboardNodeIsRefusedWithTheReason() async throws {
        let recording = try HIDRawRecording.load("composite-keyboard-hidraw0.replay")
        let system = ReplaySystemCalls(recording)
        let reader = HIDRawReader(path: "/dev/hidraw0", system: system)

        await #expect(
            throws: HIDRawReaderError(
                path: "/dev/hidraw0", reason: .layout(HIDPOSDecoderError(.noScannedDataReport)))
        ) {
            try await reader.start()
        }
        #expect(system.closeCount == 1)
    }

    @Test func aDescriptorSizeOutOfRangeIsRefused() async throws {
        let recording = try HIDRawRecording.load("honeywell-xenon-1900-hidpos.replay")
        let system = ReplaySystemCalls(recording)
        system.descriptorSizeOverride = 0
        let reader = HIDRawReader(path: "/dev/hidraw3", system: system)

        do {
            try await reader.start()
            Issue.record("started on a zero-byte descriptor")
        } catch {
            #expect(
                error.description == "/dev/hidraw3: HIDIOCGRDESCSIZE gave 0 bytes, "
                    + "outside 1...4096; this is not a hidraw node")
        }
    }

    @Test func aMissingNodeNamesTheCallAndThePath() async throws {
        let system = ReplaySystemCalls(HIDRawRecording())
        let reader = HIDRawReader(path: "/dev/input/hidraw9", system: system)
        do {
            try await reader.start()
            Issue.record("opened a missing node")
        } catch {
            #expect(error.description.hasPrefix("/dev/input/hidraw9: open(/dev/input/hidraw9)"))
        }
    }
}
