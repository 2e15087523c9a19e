import DeviceIO
import Foundation
import Testing

@testable import Devices

/// `DeviceRegistry` over replayed udev events, with pseudo-terminals standing in for the
/// tty nodes the events name: the test is the device.
@Suite struct HotplugRegistryTests {
    /// The recorded events of `name`, each add's node replaced by the next of `nodes`.
    static func events(_ name: String, nodes: [String]) throws -> [HotplugEvent] {
        var nodes = nodes[...]
        return try DiscoveryRecordedSourceTests.source(name).recorded.map { event in
            var event = event
            if event.action == .add, let node = nodes.popFirst() { event.identity.node = node }
            return event
        }
    }

    static let backoff = SerialScanner.Backoff(
        initial: .milliseconds(20), maximum: .milliseconds(200))

    static func registry(_ readers: HotplugReaderFactory? = nil) -> DeviceRegistry {
        DeviceRegistry(
            binder: ProfileBinder(candidates: ProfileBinderTests.candidates),
            readers: readers ?? .standard(backoff: backoff))
    }

    /// The first event `matching` returns true for; the ones before it go to `skipped`.
    static func next(
        _ iterator: inout AsyncStream<DeviceRegistry.Event>.Iterator,
        skipped: inout [DeviceRegistry.Event],
        _ matching: (DeviceRegistry.Event) -> Bool
    ) async -> DeviceRegistry.Event? {
        while let event = await iterator.next() {
            if matching(event) { return event }
            skipped.append(event)
        }
        return nil
    }

    static func isOpened(_ event: DeviceRegistry.Event) -> Bool {
        if case .opened = event { return true } else { return false }
    }

    static func isScan(_ event: DeviceRegistry.Event) -> Bool {
        if case .scan = event { return true } else { return false }
    }

    static func isRemoved(_ event: DeviceRegistry.Event) -> Bool {
        if case .removed = event { return true } else { return false }
    }

    @Test func scansBeforeAndAfterAReplugAreEachDeliveredOnceAndNothingIsGlued()
        async throws
    {
        let first = try PseudoTerminal()
        // Kept open by the test so that no other pty can take the old number meanwhile.
        let witness = open(first.peerPath, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        defer { close(witness) }
        let second = try PseudoTerminal()
        let events = try Self.events(
            "symbol-cdc-ttyacm-replug.replay", nodes: [first.peerPath, second.peerPath])
        let registry = Self.registry()
        var iterator = registry.events.makeAsyncIterator()
        var skipped: [DeviceRegistry.Event] = []

        await registry.apply(events[0])
        let opened = await Self.next(&iterator, skipped: &skipped, Self.isOpened)
        #expect(opened == .opened(events[0].identity, node: first.peerPath))
        #expect(
            skipped == [
                .added(events[0].identity),
                .bound(
                    events[0].identity,
                    ProfileBinder.Binding(
                        profile: nil, score: nil,
                        reason:
                            "no profile matches USB id 05e0:1701, model \"Symbol Bar Code Scanner\"",
                        isBuiltInSerialPort: false)),
            ])
        try await first.write(Array("4006381333931\r".utf8))
        #expect(
            await Self.next(&iterator, skipped: &skipped, Self.isScan)
                == .scan(events[0].identity, Array("4006381333931".utf8)))

        // Half a scan, then the unplug: the half never reaches anyone.
        try await first.write(Array("9780".utf8))
        await first.close()
        await registry.apply(events[1])
        skipped = []
        #expect(
            await Self.next(&iterator, skipped: &skipped, Self.isRemoved)
                == .removed(events[0].identity))
        #expect(!skipped.contains(where: Self.isScan))
        #expect(descriptorCount(pointingAtNodeOrDeleted: first.peerPath) == 1)  // the witness

        await registry.apply(events[2])
        skipped = []
        #expect(
            await Self.next(&iterator, skipped: &skipped, Self.isOpened)
                == .opened(events[2].identity, node: second.peerPath))
        try await second.write(Array("5012345678900\r".utf8))
        #expect(
            await Self.next(&iterator, skipped: &skipped, Self.isScan)
                == .scan(events[2].identity, Array("5012345678900".utf8)))
        #expect(await registry.devices().map(\.state) == [.reading])

        await registry.stop()
        var rest: [DeviceRegistry.Event] = []
        while let event = await iterator.next() { rest.append(event) }
        #expect(
            rest == [
                .closed(events[2].identity, "\(second.peerPath) closed: scanner stopped")
            ])
        #expect(descriptorCount(pointingAtNodeOrDeleted: second.peerPath) == 0)
        await second.close()
    }

    /// A remove of the old device path that comes after the new node's add must not take
    /// the returned device away.
    @Test func aLateRemoveOfTheOldNodeIsIgnored() async throws {
        let events = try Self.events("symbol-cdc-ttyacm-replug.replay", nodes: [])
        let registry = Self.registry()
        await registry.apply(events[0])
        await registry.apply(events[2])
        await registry.apply(events[1])
        let devices = await registry.devices()
        #expect(devices.map(\.identity.node) == ["/dev/ttyACM1"])
        #expect(
            devices.map(\.devicePath)
                == ["/devices/pci0000:00/0000:00:14.0/usb1/1-3/1-3:1.0/tty/ttyACM1"])
        await registry.stop()
    }

    @Test func aBuiltInPortIsListedAndNeverOpened() async throws {
        let registry = Self.registry()
        await registry.follow(try DiscoveryRecordedSourceTests.source("builtin-ttys0.replay"))
        let devices = await registry.devices()
        #expect(devices.count == 1)
        #expect(devices.first?.identity.node == "/dev/ttyS0")
        #expect(devices.first?.binding.isBuiltInSerialPort == true)
        #expect(devices.first?.state == .listed("never opened unless probed by name"))
        await registry.stop()
    }

    @Test func aPrinterIsBoundButLeftToThePrintQueue() async throws {
        let registry = Self.registry()
        await registry.follow(
            try DiscoveryRecordedSourceTests.source("epson-tm-t88v-usblp.replay"))
        let device = try #require(await registry.devices().first)
        #expect(device.binding.profile == "epson-tm-t88v")
        #expect(device.state == .listed("a printer: opened by the print queue"))
        await registry.stop()
    }

    /// A HID POS node that cannot be opened is reported, not retried blindly.
    @Test func aReaderThatCannotStartIsReported() async throws {
        let events = try DiscoveryRecordedSourceTests.source(
            "honeywell-xenon-1900-hidraw-replug.replay"
        ).recorded
        var add = events[0]
        add.identity.node = "/nonexistent/hidraw0"
        let registry = Self.registry()
        var iterator = registry.events.makeAsyncIterator()
        await registry.apply(add)
        var skipped: [DeviceRegistry.Event] = []
        let problem = await Self.next(&iterator, skipped: &skipped) {
            if case .problem = $0 { return true } else { return false }
        }
        guard case .problem(_, let text)? = problem else {
            Issue.record("expected a problem, got \(String(describing: problem))")
            return
        }
        #expect(text.contains("/nonexistent/hidraw0"))
        guard case .failed? = await registry.devices().first?.state else {
            Issue.record("expected the device to be failed")
            return
        }
        #expect(await registry.devices().first?.binding.profile == "honeywell-xenon-1900")
        await registry.stop()
    }
}
