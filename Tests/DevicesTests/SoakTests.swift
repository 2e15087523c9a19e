import DeviceIO
import Foundation
import Testing

@testable import Devices

/// 10,000 plug and unplug cycles of one scanner over pseudo-terminals and replayed udev
/// events, a scan in each: every scan delivered exactly once and in order, descriptors
/// and memory flat.
@Suite struct SoakTests {
    static let cycles = 10_000

    /// This process's open descriptors.
    static func descriptorCount() -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? -1
    }

    /// Resident memory in bytes, from the second field of /proc/self/statm (pages).
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8)
        else { return -1 }
        let fields = text.split(separator: " ")
        return (Int(fields.count > 1 ? fields[1] : "") ?? -1) * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    @Test func tenThousandReplugsLoseAndDuplicateNothing() async throws {
        let recorded = try DiscoveryRecordedSourceTests.source(
            "symbol-cdc-ttyacm-replug.replay"
        ).recorded
        let add = recorded[0]
        let remove = recorded[1]
        let registry = HotplugRegistryTests.registry()
        var iterator = registry.events.makeAsyncIterator()
        var skipped: [DeviceRegistry.Event] = []
        var delivered: [Int] = []

        // Other suites open and close descriptors while this one runs, so the checks allow
        // them a margin; a leak of one descriptor per cycle would be 1,000 at a checkpoint.
        let margin = 64
        let baseline = Self.descriptorCount()
        var memoryAfterWarmUp = 0
        for cycle in 0..<Self.cycles {
            let pty = try PseudoTerminal()
            var plugged = add
            plugged.identity.node = pty.peerPath
            await registry.apply(plugged)
            skipped = []
            guard
                await HotplugRegistryTests.next(
                    &iterator, skipped: &skipped, HotplugRegistryTests.isOpened) != nil
            else {
                Issue.record("cycle \(cycle): the reader never opened \(pty.peerPath)")
                return
            }
            try await pty.write(Array("SCAN\(cycle)\r".utf8))
            while let event = await HotplugRegistryTests.next(
                &iterator, skipped: &skipped, HotplugRegistryTests.isScan)
            {
                guard case .scan(_, let bytes) = event else { break }
                delivered.append(Int(String(decoding: bytes.dropFirst(4), as: UTF8.self)) ?? -1)
                break
            }
            await pty.close()
            var unplugged = remove
            unplugged.identity.node = pty.peerPath
            await registry.apply(unplugged)
            skipped = []
            _ = await HotplugRegistryTests.next(
                &iterator, skipped: &skipped, HotplugRegistryTests.isRemoved)
            let extra = skipped.filter(HotplugRegistryTests.isScan)
            guard extra.isEmpty else {
                Issue.record("cycle \(cycle): scans after the one expected: \(extra)")
                return
            }

            if cycle == 999 { memoryAfterWarmUp = Self.residentBytes() }
            if (cycle + 1).isMultiple(of: 1000) {
                let count = Self.descriptorCount()
                #expect(count <= baseline + margin, "cycle \(cycle + 1): \(count) descriptors")
            }
        }
        await registry.stop()

        #expect(delivered == Array(0..<Self.cycles))
        #expect(Self.descriptorCount() <= baseline + margin)
        let growth = Self.residentBytes() - memoryAfterWarmUp
        #expect(growth < 16 * 1024 * 1024, "resident memory grew by \(growth) bytes")
    }
}
