import CShim
import DeviceIO
import Devices
import Foundation
import Glibc
import Testing

@testable import Lane

/// A MagTek HID card reader on a lane: the profile picks the MagTek decoder, and the
/// recorded swipes reach the POS as keyboard swipes do (member card found, payment card
/// refused with only its masked number, nothing of it stored).
@Suite(.serialized) struct MagTekHIDLaneTests {
    static let fixture = ExampleReplayTests.root.appendingPathComponent(
        "Tests/Fixtures/hidraw/magtek-usb-hid-swipe-reader.replay"
    ).path

    /// A hidraw node playing the recording's reports one by one as the test releases
    /// them; after the recording's `gone` the node is gone (`open` fails with `ENOENT`).
    final class HeldReplay: SystemCalls, @unchecked Sendable {
        static let fd: Int32 = 43

        private let lock = NSLock()
        private let wake = DispatchSemaphore(value: 0)
        private let descriptor: [UInt8]
        private var reports: [[UInt8]]
        private var released = 0
        private var unplugged = false

        init(_ recording: Recording) {
            descriptor = recording.descriptor
            reports = recording.inputs
        }

        /// Lets the next report be read.
        func releaseNext() {
            lock.withLock { released += 1 }
            wake.signal()
        }

        func open(_ path: String, flags: Int32, mode: mode_t) -> Result<Int32, Errno> {
            lock.withLock { unplugged } ? .failure(Errno(ENOENT)) : .success(Self.fd)
        }

        func ioctl(_ fd: Int32, request: UInt, buffer: inout [UInt8]) -> Result<Int32, Errno> {
            switch request {
            case lanegate_ioctl_HIDIOCGRDESCSIZE():
                let size = Int32(descriptor.count)
                buffer = (0..<4).map { UInt8(truncatingIfNeeded: size >> (8 * $0)) }
                return .success(0)
            case lanegate_ioctl_HIDIOCGRDESC():
                buffer.replaceSubrange(4..<(4 + descriptor.count), with: descriptor)
                return .success(0)
            default:
                return .failure(Errno(ENOTTY))
            }
        }

        func poll(_ fd: Int32, events: Int16, timeoutMilliseconds: Int32) -> Result<Int16, Errno> {
            if lock.withLock({ released > 0 }) { return .success(Int16(POLLIN)) }
            _ = wake.wait(timeout: .now() + .milliseconds(Int(timeoutMilliseconds)))
            return .success(0)
        }

        func read(_ fd: Int32, upTo count: Int) -> Result<[UInt8], Errno> {
            lock.lock()
            defer { lock.unlock() }
            guard released > 0 else { return .failure(Errno(EAGAIN)) }
            released -= 1
            guard !reports.isEmpty else {
                unplugged = true
                return .failure(Errno(EIO))
            }
            return .success(reports.removeFirst())
        }

        func close(_ fd: Int32) -> Result<Void, Errno> { .success(()) }
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

    @Test func theProfilePicksTheMagTekDecoder() throws {
        let entry = LaneConfig.DeviceEntry(
            role: .cardReader, profile: "magtek-dynamag-hid", port: "/dev/hidraw4")
        let profile = try Resources.profile(named: entry.profile, besides: nil)
        let plan = try LaneScannerPlan(entry: entry, profile: profile)
        #expect(
            plan
                == .hidraw(
                    path: "/dev/hidraw4",
                    configuration: HIDRawReader.Configuration(reportFormat: .magTekMSR)))
        #expect(plan.reading == "MagTek HID card reader (hidraw)")
        #expect(LaneSetup.mismatch(entry, profile) == nil)
    }

    @Test func recordedSwipesReachThePOS() async throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lanegate-magtek-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let program = try Data(
            contentsOf: ExampleReplayTests.root.appendingPathComponent("examples/program.json"))
        try program.write(to: URL(fileURLWithPath: "\(folder)/program.json"))
        let printer = try VirtualPrinter()
        await printer.start()
        let config = """
            {
              "store": "S01", "lane": "L01", "timezone": "Europe/Amsterdam", "currency": "EUR",
              "database": "lane.sqlite", "program": "program.json",
              "pos": [{ "listen": "tcp://127.0.0.1:0" }],
              "devices": [
                { "role": "card-reader", "profile": "magtek-dynamag-hid", "port": "/dev/hidraw4" },
                { "role": "printer", "profile": "epson-tm-t88v", "port": "tcp://127.0.0.1:\(printer.port)" }
              ]
            }
            """
        try Data(config.utf8).write(to: URL(fileURLWithPath: "\(folder)/lane.json"))
        let node = HeldReplay(try Recording(contentsOf: Self.fixture))
        let host = try await LaneHost(
            setup: try LaneSetup.load(configPath: "\(folder)/lane.json"),
            environment: .system, system: node)
        let running = Task { await host.run() }

        let pos = try await LaneLinkConnectionTests.Client(port: host.posPorts[0])
        #expect(
            try await pos.request(
                #"{"op":"open","id":1,"txn":"M1","at":"2026-12-03T10:00:00+01:00","cashier":"c1"}"#)
                == #"{"op":"opened","id":1,"txn":"M1"}"#)
        func nextEvent() async -> String? {
            await pos.iterator.next().map { String(decoding: $0, as: UTF8.self) }
        }
        let member =
            #"{"op":"member","txn":"M1","member":{"id":"M1","card":"2900000000063","#
            + #""tier":"standard","balance":0}}"#

        // 1. The member card's track 2.
        node.releaseNext()
        #expect(await nextEvent() == member)

        // 2. The payment card: refused, its number only masked.
        node.releaseNext()
        let refused = await nextEvent()
        #expect(
            refused
                == #"{"op":"error","txn":"M1","code":"payment-card","#
                + #""message":"payment card refused: 411111******1111"}"#)

        // 3. Track 1 unreadable, track 2 read: the member is found all the same.
        node.releaseNext()
        #expect(await nextEvent() == member)

        // 4. The blank card gives no event; then the reader leaves.
        node.releaseNext()
        node.releaseNext()
        #expect(
            try await pos.request(#"{"op":"cancel","id":2,"txn":"M1"}"#)
                == #"{"op":"cancelled","id":2,"txn":"M1"}"#)

        await pos.connection.close()
        host.stop()
        await running.value
        await printer.stop()
        let stored = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/lane.sqlite"))
        #expect(stored.range(of: Data("4111111111111111".utf8)) == nil)
        #expect(stored.range(of: Data("DOE/JOHN".utf8)) == nil)
    }
}
