import DeviceIO
import Foundation
import Testing

@testable import Devices

/// The scanner over real pseudo-terminals: the test is the device.
@Suite struct SerialScannerTests {
    /// D01: the device is unplugged and comes back as another node, the by-id
    /// link following it.
    @Test func d01RenamedAfterReplugIsFollowedThroughTheLink() async throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lanegate-d01-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let link = "\(folder)/usb-ACME_Scanner_SN0001-if00"

        let first = try PseudoTerminal()
        try FileManager.default.createSymbolicLink(
            atPath: link, withDestinationPath: first.peerPath)
        let scanner = SerialScanner(
            path: link, backoff: .init(initial: .milliseconds(20), maximum: .milliseconds(200)))
        var events = scanner.events.makeAsyncIterator()
        await scanner.start()

        #expect(await events.next() == .connected(path: link, resolved: first.peerPath))
        let scan = Array("4006381333931\r".utf8)
        try await first.write(scan)
        #expect(await events.next() == .scan(Array("4006381333931".utf8)))

        // Half a scan, then the unplug; the node comes back as another one.
        try await first.write(Array("4006".utf8))
        // A descriptor of the test's own keeps the old pts number taken, so a
        // pty another test opens meanwhile cannot reuse its path.
        let witness = open(first.peerPath, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        defer { close(witness) }
        let second = try PseudoTerminal()
        try repoint(link, to: second.peerPath)
        await first.close()

        let lost = await events.next()
        guard case .disconnected(let reason)? = lost else {
            Issue.record("expected a disconnect, got \(String(describing: lost))")
            return
        }
        #expect(reason == "\(link) left: hang-up (read returned 0 bytes)")
        #expect(descriptorCount(pointingAtNodeOrDeleted: first.peerPath) == 1)

        #expect(await events.next() == .connected(path: link, resolved: second.peerPath))
        try await second.write(scan)
        #expect(await events.next() == .scan(Array("4006381333931".utf8)))

        await scanner.stop()
        var after: [ScannerEvent] = []
        while let event = await events.next() {
            after.append(event)
        }
        #expect(after.allSatisfy { if case .scan = $0 { false } else { true } })
        #expect(descriptorCount(pointingAt: second.peerPath) == 0)
        await second.close()
    }

    /// K05 end to end: the idle timer in the actor ends the burst.
    @Test func idleGapEndsABurstWithACarriageReturnInside() async throws {
        let device = try PseudoTerminal()
        let framing = try ScannerFraming(
            suffixes: [
                ScannerFraming.carriageReturn, ScannerFraming.lineFeed,
                ScannerFraming.crlf,
            ],
            idleGap: .milliseconds(30), endsOn: .suffixThenIdle)
        let scanner = SerialScanner(path: device.peerPath, framing: framing)
        var events = scanner.events.makeAsyncIterator()
        await scanner.start()
        #expect(await events.next() == .connected(path: device.peerPath, resolved: device.peerPath))

        try await device.write(Array("]Q1Some line\r breaks\nin here.\r".utf8))
        #expect(await events.next() == .scan(Array("]Q1Some line\r breaks\nin here.".utf8)))

        await scanner.stop()
        await device.close()
    }

    /// A port that is not there yet is retried until it appears.
    @Test func missingPortIsRetriedUntilItAppears() async throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lanegate-late-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let link = "\(folder)/usb-ACME_Scanner_SN0002-if00"

        let scanner = SerialScanner(
            path: link, backoff: .init(initial: .milliseconds(10), maximum: .milliseconds(40)))
        var events = scanner.events.makeAsyncIterator()
        await scanner.start()

        // The port's absence is said once, however many retries it takes; then it appears.
        let first = await events.next()
        guard case .disconnected(let why)? = first else {
            Issue.record("expected the port's absence first, got \(String(describing: first))")
            return
        }
        #expect(why.hasPrefix("cannot open the port: open(\(link)): No such file or directory"))
        let device = try PseudoTerminal()
        try FileManager.default.createSymbolicLink(
            atPath: link, withDestinationPath: device.peerPath)

        #expect(await events.next() == .connected(path: link, resolved: device.peerPath))
        await scanner.stop()
        await device.close()
    }
}

/// Points `link` at `target` atomically, as udev does (`rename(2)` over it).
private func repoint(_ link: String, to target: String) throws {
    let temporary = link + ".new"
    try FileManager.default.createSymbolicLink(atPath: temporary, withDestinationPath: target)
    guard rename(temporary, link) == 0 else {
        throw SystemCallError(call: "rename", errno: Errno(errno), path: link)
    }
}

/// How many of this process's descriptors point at `target` (`/proc/self/fd`).
func descriptorCount(pointingAt target: String) -> Int {
    let folder = "/proc/self/fd"
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.filter {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "\(folder)/\($0)")) == target
    }.count
}

/// Like `descriptorCount(pointingAt:)`, counting also descriptors whose node
/// was removed meanwhile (the kernel shows them as `PATH (deleted)`, as a
/// pts node after its controller closed).
func descriptorCount(pointingAtNodeOrDeleted target: String) -> Int {
    descriptorCount(pointingAt: target) + descriptorCount(pointingAt: target + " (deleted)")
}
