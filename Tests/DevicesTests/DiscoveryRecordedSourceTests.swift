import Foundation
import Testing

@testable import Devices

/// `RecordedDeviceSource` plays `kind: udev` recordings as adds and removes.
@Suite struct DiscoveryRecordedSourceTests {
    static func source(_ name: String) throws -> RecordedDeviceSource {
        try RecordedDeviceSource(
            recording: Recording(contentsOf: "\(UdevPropertiesTests.fixtures)/\(name)"))
    }

    static func collect(_ source: some DeviceSource) async -> [HotplugEvent] {
        var events: [HotplugEvent] = []
        for await event in source.events() { events.append(event) }
        return events
    }

    @Test func aReplugInOrder() async throws {
        let events = await Self.collect(try Self.source("symbol-cdc-ttyacm-replug.replay"))
        #expect(events.map(\.action) == [.add, .remove, .add])
        #expect(events.map(\.identity.node) == ["/dev/ttyACM0", "/dev/ttyACM0", "/dev/ttyACM1"])
        #expect(Set(events.map(\.identity.stableKey)).count == 1)
    }

    /// The kernel's remove has no attributes; it gets the add's identity.
    @Test func aKernelRemoveIsGivenTheAddsIdentity() async throws {
        let events = await Self.collect(try Self.source("kernel-ttyacm-no-daemon.replay"))
        #expect(events.count == 2)
        #expect(events[1].action == .remove)
        #expect(events[1].identity == events[0].identity)
        #expect(events[1].identity.model == "Symbol Bar Code Scanner")
    }

    @Test func nodesNotWatchedAreLeftOut() async throws {
        let events = await Self.collect(try Self.source("builtin-ttys0.replay"))
        #expect(events.map(\.identity.node) == ["/dev/ttyS0"])
    }

    @Test func anotherKindIsRefused() throws {
        let recording = try Recording(
            parsing: "# lanegate recording v1\nkind: tty\n0.0 in 41\n", file: "t.replay")
        #expect(
            throws: RecordingError(
                file: "t.replay", line: 0,
                problem: "a tty recording is not a udev recording (valid: kind: udev, with add "
                    + "and remove blocks)")
        ) {
            try RecordedDeviceSource(recording: recording)
        }
    }
}
