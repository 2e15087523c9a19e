import DeviceIO
import Devices
import Foundation
import Testing

@testable import Lane

/// A scanner named by match keys: found on a device source, read on its node (a
/// pseudo-terminal stands for /dev/ttyACM0), and read again on its new node after a replug.
@Suite(.serialized) struct LaneMatchedScannerTests {
    /// A device source the test plugs and unplugs devices on.
    struct HandSource: DeviceSource {
        let present: [HotplugEvent]
        let changes: AsyncStream<HotplugEvent>
        let plug: AsyncStream<HotplugEvent>.Continuation

        init(present: [HotplugEvent]) {
            self.present = present
            (changes, plug) = AsyncStream<HotplugEvent>.makeStream()
        }

        func enumerate() -> [HotplugEvent] { present }
        func events() -> AsyncStream<HotplugEvent> { changes }
    }

    static let match = ProfileMatch(
        usb: [ProfileMatch.USBID(vendor: 0x0c2e, product: 0x0b81)], subsystems: ["tty"])

    static func scanner(node: String, sysfs: String) -> HotplugEvent {
        HotplugEvent(
            action: .add, devicePath: sysfs,
            identity: DeviceIdentity(
                subsystem: "tty", node: node, vendorID: 0x0c2e, productID: 0x0b81,
                serialNumber: "17125B0123", model: "Xenon 1900", interfaceNumber: 0))
    }

    static func isScan(_ event: LaneMatchedScanner.Event) -> Bool {
        if case .reader(.scan) = event { true } else { false }
    }

    /// The next event that `wanted` accepts; the ones before it are kept in `seen`.
    static func next(
        _ events: inout AsyncStream<LaneMatchedScanner.Event>.Iterator,
        seen: inout [LaneMatchedScanner.Event],
        _ wanted: (LaneMatchedScanner.Event) -> Bool
    ) async -> LaneMatchedScanner.Event? {
        while let event = await events.next() {
            seen.append(event)
            if wanted(event) { return event }
        }
        return nil
    }

    @Test func aScanBeforeAndAfterAReplugEachArriveOnce() async throws {
        let first = try PseudoTerminal()
        let second = try PseudoTerminal()
        let profile = try Resources.profile(named: "generic-serial-scanner", besides: nil)
        let entry = LaneConfig.DeviceEntry(
            role: .scanner, profile: "generic-serial-scanner", port: "", match: Self.match)
        let follower = LaneMatchedScanner(entry: entry, profile: profile, match: Self.match)
        // A keyboard is present too; it does not match and is never opened.
        let keyboard = HotplugEvent(
            action: .add, devicePath: "/devices/usb1/1-2/input/input3/event3",
            identity: DeviceIdentity(
                subsystem: "input", node: "/dev/input/event3", vendorID: 0x046d,
                productID: 0xc31c, portPath: "1-2"))
        let plugged = Self.scanner(node: first.peerPath, sysfs: "/devices/usb1/1-1/tty/ttyACM0")
        let source = HandSource(present: [keyboard, plugged])
        let following = Task { await follower.follow(source) }
        var events = follower.events.makeAsyncIterator()
        var seen: [LaneMatchedScanner.Event] = []
        let key = "usb:0c2e:0b81:serial=17125B0123/if0"

        _ = await Self.next(&events, seen: &seen) {
            $0 == .reader(.connected(node: first.peerPath))
        }
        try await first.write(Array("4006381333931\r".utf8))
        _ = await Self.next(&events, seen: &seen, Self.isScan)

        var unplugged = plugged
        unplugged.action = .remove
        source.plug.yield(unplugged)
        _ = await Self.next(&events, seen: &seen) { $0 == .removed(key: key) }

        // Back on another node, as a replug into another port's ttyACM number does.
        source.plug.yield(
            Self.scanner(node: second.peerPath, sysfs: "/devices/usb1/1-3/tty/ttyACM1"))
        _ = await Self.next(&events, seen: &seen) {
            $0 == .reader(.connected(node: second.peerPath))
        }
        try await second.write(Array("9780201379624\r".utf8))
        _ = await Self.next(&events, seen: &seen, Self.isScan)

        source.plug.finish()
        await following.value
        await follower.stop()
        while let event = await events.next() { seen.append(event) }

        let scans = seen.compactMap { event -> String? in
            guard case .reader(.scan(let bytes)) = event else { return nil }
            return String(decoding: bytes, as: UTF8.self)
        }
        #expect(scans == ["4006381333931", "9780201379624"])
        let taken = seen.compactMap { event -> String? in
            guard case .reading(let taken, let node) = event else { return nil }
            return "\(taken) \(node)"
        }
        #expect(taken == ["\(key) \(first.peerPath)", "\(key) \(second.peerPath)"])
        #expect(seen.filter { $0 == .removed(key: key) }.count == 1)
        await first.close()
        await second.close()
    }

    /// A remove of the old node heard after the new node's add leaves the new reader alone.
    @Test func aLateRemoveOfTheOldNodeIsIgnored() async throws {
        let terminal = try PseudoTerminal()
        let profile = try Resources.profile(named: "generic-serial-scanner", besides: nil)
        let entry = LaneConfig.DeviceEntry(
            role: .scanner, profile: "generic-serial-scanner", port: "", match: Self.match)
        let follower = LaneMatchedScanner(entry: entry, profile: profile, match: Self.match)
        let old = Self.scanner(node: "/dev/ttyACM0", sysfs: "/devices/usb1/1-1/tty/ttyACM0")
        let new = Self.scanner(node: terminal.peerPath, sysfs: "/devices/usb1/1-1/tty/ttyACM1")
        var events = follower.events.makeAsyncIterator()
        var seen: [LaneMatchedScanner.Event] = []
        await follower.apply(old)
        await follower.apply(new)
        var lateRemove = old
        lateRemove.action = .remove
        await follower.apply(lateRemove)
        _ = await Self.next(&events, seen: &seen) {
            $0 == .reader(.connected(node: terminal.peerPath))
        }
        try await terminal.write(Array("4006381333931\r".utf8))
        let scan = await Self.next(&events, seen: &seen, Self.isScan)
        #expect(scan == .reader(.scan(Array("4006381333931".utf8))))
        let key = "usb:0c2e:0b81:serial=17125B0123/if0"
        #expect(seen.filter { $0 == .removed(key: key) }.count == 1)
        await follower.stop()
        await terminal.close()
    }
}
