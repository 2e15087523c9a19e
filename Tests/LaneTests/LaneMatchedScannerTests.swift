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
        if case .reader(_, .scan) = event { true } else { false }
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
            $0 == .reader(key: key, .connected(node: first.peerPath))
        }
        try await first.write(Array("4006381333931\r".utf8))
        _ = await Self.next(&events, seen: &seen, Self.isScan)

        var unplugged = plugged
        unplugged.action = .remove
        source.plug.yield(unplugged)
        _ = await Self.next(&events, seen: &seen) {
            $0 == .departed(key: key, node: first.peerPath)
        }

        // Back on another node, as a replug into another port's ttyACM number does.
        source.plug.yield(
            Self.scanner(node: second.peerPath, sysfs: "/devices/usb1/1-3/tty/ttyACM1"))
        _ = await Self.next(&events, seen: &seen) {
            $0 == .reader(key: key, .connected(node: second.peerPath))
        }
        try await second.write(Array("9780201379624\r".utf8))
        _ = await Self.next(&events, seen: &seen, Self.isScan)

        source.plug.finish()
        await following.value
        await follower.stop()
        while let event = await events.next() { seen.append(event) }

        let scans = seen.compactMap { event -> String? in
            guard case .reader(_, .scan(let bytes)) = event else { return nil }
            return String(decoding: bytes, as: UTF8.self)
        }
        #expect(scans == ["4006381333931", "9780201379624"])
        let taken = seen.compactMap { event -> String? in
            guard case .arrived(let taken, let node) = event else { return nil }
            return "\(taken) \(node)"
        }
        #expect(taken == ["\(key) \(first.peerPath)", "\(key) \(second.peerPath)"])
        #expect(seen.filter { if case .departed = $0 { true } else { false } }.count == 1)
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
        let key = "usb:0c2e:0b81:serial=17125B0123/if0"
        _ = await Self.next(&events, seen: &seen) {
            $0 == .reader(key: key, .connected(node: terminal.peerPath))
        }
        try await terminal.write(Array("4006381333931\r".utf8))
        let scan = await Self.next(&events, seen: &seen, Self.isScan)
        #expect(scan == .reader(key: key, .scan(Array("4006381333931".utf8))))
        #expect(seen.filter { if case .departed = $0 { true } else { false } }.count == 1)
        #expect(await follower.keys == [key])
        await follower.stop()
        await terminal.close()
    }

    // MARK: Every matching device

    /// Reads events into `seen` until every one of `wanted` is among them, in any order:
    /// two devices' readers report independently of each other.
    static func collect(
        _ wanted: [LaneMatchedScanner.Event],
        _ events: inout AsyncStream<LaneMatchedScanner.Event>.Iterator,
        seen: inout [LaneMatchedScanner.Event]
    ) async {
        while !wanted.allSatisfy(seen.contains), let event = await events.next() {
            seen.append(event)
        }
    }

    /// Two Zebra scanners in CDC mode with one USB id, told apart by serial number.
    static let zebras = ProfileMatch(
        usb: [ProfileMatch.USBID(vendor: 0x05e0, product: 0x1701)], subsystems: ["tty"])
    static let bioptic = "usb:05e0:1701:serial=S/N:21153010500456/if0"
    static let handheld = "usb:05e0:1701:serial=S/N:21187010502231/if0"

    /// The recording of the two scanners, each add's node replaced by the next of `nodes`
    /// (the test's pseudo-terminals stand for /dev/ttyACM0, 1 and 2).
    static func twoScanners(nodes: [String]) throws -> [HotplugEvent] {
        let path =
            URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().path + "/Fixtures/udev/two-symbol-cdc-ttyacm.replay"
        var nodes = nodes[...]
        return try RecordedDeviceSource(recording: Recording(contentsOf: path)).recorded.map {
            var event = $0
            if event.action == .add, let node = nodes.popFirst() { event.identity.node = node }
            return event
        }
    }

    /// A follower of the generic serial scanner profile whose idle gap is the longest a
    /// profile may have, so that only the CR ends a scan while the test writes its halves.
    static func zebraFollower() throws -> LaneMatchedScanner {
        var profile = try Resources.profile(named: "generic-serial-scanner", besides: nil)
        profile.scanner?.idleGapMilliseconds = 5000
        let entry = LaneConfig.DeviceEntry(
            role: .scanner, profile: "generic-serial-scanner", port: "", match: Self.zebras)
        return LaneMatchedScanner(entry: entry, profile: profile, match: Self.zebras)
    }

    /// Each scan with the key of the device it came from.
    static func scans(_ seen: [LaneMatchedScanner.Event]) -> [String] {
        seen.compactMap { event in
            guard case .reader(let key, .scan(let bytes)) = event else { return nil }
            return "\(key) \(String(decoding: bytes, as: UTF8.self))"
        }
    }

    @Test func twoMatchingDevicesAreBothReadAndNoScanIsGluedAcrossThem() async throws {
        let bioptic = try PseudoTerminal()
        let handheld = try PseudoTerminal()
        let events = try Self.twoScanners(nodes: [bioptic.peerPath, handheld.peerPath])
        let follower = try Self.zebraFollower()
        var stream = follower.events.makeAsyncIterator()
        var seen: [LaneMatchedScanner.Event] = []
        await follower.apply(events[0])
        await follower.apply(events[1])
        #expect(await follower.keys == [Self.bioptic, Self.handheld])
        let connected: [LaneMatchedScanner.Event] = [
            .reader(key: Self.bioptic, .connected(node: bioptic.peerPath)),
            .reader(key: Self.handheld, .connected(node: handheld.peerPath)),
        ]
        await Self.collect(connected, &stream, seen: &seen)

        // Half a scan on the bioptic, a whole one on the handheld, then the bioptic's rest:
        // each device's framer sees only its own bytes.
        try await bioptic.write(Array("400638".utf8))
        try await handheld.write(Array("9780201379624\r".utf8))
        _ = await Self.next(&stream, seen: &seen, Self.isScan)
        try await bioptic.write(Array("1333931\r".utf8))
        _ = await Self.next(&stream, seen: &seen, Self.isScan)

        await follower.stop()
        while let event = await stream.next() { seen.append(event) }
        #expect(
            Self.scans(seen) == [
                "\(Self.handheld) 9780201379624", "\(Self.bioptic) 4006381333931",
            ])
        let arrived = seen.filter { if case .arrived = $0 { true } else { false } }
        #expect(
            arrived == [
                .arrived(key: Self.bioptic, node: bioptic.peerPath),
                .arrived(key: Self.handheld, node: handheld.peerPath),
            ])
        #expect(!seen.contains { if case .departed = $0 { true } else { false } })
        await bioptic.close()
        await handheld.close()
    }

    @Test func oneUnpluggedWhileTheOtherGoesOnThenReplugsOnANewNode() async throws {
        let bioptic = try PseudoTerminal()
        let handheld = try PseudoTerminal()
        let replugged = try PseudoTerminal()
        let events = try Self.twoScanners(
            nodes: [bioptic.peerPath, handheld.peerPath, replugged.peerPath])
        let follower = try Self.zebraFollower()
        let source = HandSource(present: Array(events[0...1]))
        let following = Task { await follower.follow(source) }
        var stream = follower.events.makeAsyncIterator()
        var seen: [LaneMatchedScanner.Event] = []
        let connected: [LaneMatchedScanner.Event] = [
            .reader(key: Self.bioptic, .connected(node: bioptic.peerPath)),
            .reader(key: Self.handheld, .connected(node: handheld.peerPath)),
        ]
        await Self.collect(connected, &stream, seen: &seen)
        try await bioptic.write(Array("4006381333931\r".utf8))
        _ = await Self.next(&stream, seen: &seen, Self.isScan)

        // The bioptic is unplugged: its reader stops, the handheld's goes on.
        source.plug.yield(events[2])
        _ = await Self.next(&stream, seen: &seen) {
            $0 == .departed(key: Self.bioptic, node: bioptic.peerPath)
        }
        #expect(await follower.keys == [Self.handheld])
        try await handheld.write(Array("9780201379624\r".utf8))
        _ = await Self.next(&stream, seen: &seen, Self.isScan)

        // Plugged into another port, it is back as ttyACM2: a new reader on the new node.
        source.plug.yield(events[3])
        _ = await Self.next(&stream, seen: &seen) {
            $0 == .reader(key: Self.bioptic, .connected(node: replugged.peerPath))
        }
        try await replugged.write(Array("5012345678900\r".utf8))
        _ = await Self.next(&stream, seen: &seen, Self.isScan)
        try await handheld.write(Array("0012345678905\r".utf8))
        _ = await Self.next(&stream, seen: &seen, Self.isScan)

        source.plug.finish()
        await following.value
        await follower.stop()
        while let event = await stream.next() { seen.append(event) }
        #expect(
            Self.scans(seen) == [
                "\(Self.bioptic) 4006381333931", "\(Self.handheld) 9780201379624",
                "\(Self.bioptic) 5012345678900", "\(Self.handheld) 0012345678905",
            ])
        let comings = seen.filter {
            switch $0 {
            case .arrived, .departed: true
            default: false
            }
        }
        #expect(
            comings == [
                .arrived(key: Self.bioptic, node: bioptic.peerPath),
                .arrived(key: Self.handheld, node: handheld.peerPath),
                .departed(key: Self.bioptic, node: bioptic.peerPath),
                .arrived(key: Self.bioptic, node: replugged.peerPath),
            ])
        await bioptic.close()
        await handheld.close()
        await replugged.close()
    }

    /// One node and whether an entry with `match` and `profile` takes it.
    struct Taking: Sendable, CustomTestStringConvertible {
        var subsystem: String
        var vendor: UInt16?
        var match: ProfileMatch
        var profile: String
        var taken: Bool
        var testDescription: String { "\(subsystem) \(profile) taken: \(taken)" }
    }

    static let zebraVendor = ProfileMatch(usb: [ProfileMatch.USBID(vendor: 0x05e0, product: nil)])
    static let anyTTY = ProfileMatch(subsystems: ["tty"])
    static let honeywell = ProfileMatch(usb: [ProfileMatch.USBID(vendor: 0x0c2e, product: nil)])

    static let takings: [Taking] = [
        Taking(
            subsystem: "tty", vendor: 0x05e0, match: zebraVendor,
            profile: "generic-serial-scanner", taken: true),
        // A serial profile reads ttys only: the same scanner's HID or keyboard node is left.
        Taking(
            subsystem: "hidraw", vendor: 0x05e0, match: zebraVendor,
            profile: "generic-serial-scanner", taken: false),
        Taking(
            subsystem: "input", vendor: 0x05e0, match: zebraVendor,
            profile: "generic-serial-scanner", taken: false),
        Taking(
            subsystem: "tty", vendor: 0x0c2e, match: zebraVendor,
            profile: "generic-serial-scanner", taken: false),
        // A built-in port matches "any tty" but nothing identifies what hangs on it.
        Taking(
            subsystem: "tty", vendor: nil, match: anyTTY, profile: "generic-serial-scanner",
            taken: false),
        Taking(
            subsystem: "tty", vendor: 0x0c2e, match: anyTTY, profile: "generic-serial-scanner",
            taken: true),
        Taking(
            subsystem: "hidraw", vendor: 0x0c2e, match: honeywell,
            profile: "honeywell-xenon-1900-hidpos", taken: true),
        Taking(
            subsystem: "tty", vendor: 0x0c2e, match: honeywell,
            profile: "honeywell-xenon-1900-hidpos", taken: false),
    ]

    @Test(arguments: takings)
    func whichNodesAreTaken(_ case: Taking) throws {
        let profile = try Resources.profile(named: `case`.profile, besides: nil)
        let identity = DeviceIdentity(
            subsystem: `case`.subsystem, node: "/dev/node", vendorID: `case`.vendor,
            productID: 0x1701)
        #expect(
            LaneMatchedScanner.takes(identity, match: `case`.match, profile: profile)
                == `case`.taken)
    }
}
