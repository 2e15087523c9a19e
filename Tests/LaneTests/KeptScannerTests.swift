import DeviceIO
import Devices
import Foundation
import Glibc
import Testing

@testable import Lane

/// An evdev scanner named by its port comes back after an unplug: the lane's reader opens
/// the node again when it returns, and each scan arrives once.
@Suite struct KeptScannerTests {
    /// An evdev node that is plugged in for a session of reads, then leaves (ENODEV), and
    /// is missing (ENOENT) until the test plugs it in again.
    final class FakeEvdevNode: SystemCalls, @unchecked Sendable {
        private let condition = NSCondition()
        private var waiting: [[[UInt8]]] = []
        private var current: [[UInt8]]?
        private(set) var opens = 0
        private(set) var closes = 0

        func plug(_ reads: [[UInt8]]) {
            condition.lock()
            waiting.append(reads)
            condition.broadcast()
            condition.unlock()
        }

        func open(_ path: String, flags: Int32, mode: mode_t) -> Result<Int32, Errno> {
            condition.lock()
            defer { condition.unlock() }
            guard !waiting.isEmpty else { return .failure(Errno(ENOENT)) }
            current = waiting.removeFirst()
            opens += 1
            return .success(Int32(900 + opens))
        }

        func read(_ fd: Int32, upTo count: Int) -> Result<[UInt8], Errno> {
            condition.lock()
            defer { condition.unlock() }
            guard var reads = current, !reads.isEmpty else { return .failure(Errno(ENODEV)) }
            let chunk = reads.removeFirst()
            current = reads
            return .success(chunk)
        }

        func poll(_ fd: Int32, events: Int16, timeoutMilliseconds: Int32) -> Result<Int16, Errno> {
            .success(Int16(POLLIN))
        }

        func close(_ fd: Int32) -> Result<Void, Errno> {
            condition.lock()
            closes += 1
            condition.unlock()
            return .success(())
        }

        func ioctl(_ fd: Int32, request: UInt, value: Int) -> Result<Int32, Errno> { .success(0) }
        func write(_ fd: Int32, _ bytes: ArraySlice<UInt8>) -> Result<Int, Errno> {
            .success(bytes.count)
        }
        func send(_ fd: Int32, _ bytes: ArraySlice<UInt8>) -> Result<Int, Errno> {
            .success(bytes.count)
        }
        func tcgetattr(_ fd: Int32) -> Result<termios, Errno> { .failure(Errno(ENOTTY)) }
        func tcsetattr(_ fd: Int32, action: Int32, _ attributes: termios) -> Result<Void, Errno> {
            .failure(Errno(ENOTTY))
        }
        func tcflush(_ fd: Int32, queue: Int32) -> Result<Void, Errno> { .success(()) }
        func ioctl(_ fd: Int32, request: UInt) -> Result<Void, Errno> { .success(()) }
        func flock(_ fd: Int32, operation: Int32) -> Result<Void, Errno> { .success(()) }
        func setNonBlocking(_ fd: Int32) -> Result<Void, Errno> { .success(()) }
        func fsync(_ fd: Int32) -> Result<Void, Errno> { .success(()) }
    }

    /// The key presses and releases of `codes`, each followed by a sync report.
    static func typing(_ codes: [UInt16]) -> [[UInt8]] {
        codes.flatMap { code in
            [
                EvdevEvent.key(code, 1).wire + EvdevEvent.report().wire,
                EvdevEvent.key(code, 0).wire + EvdevEvent.report().wire,
            ]
        }
    }

    @Test func anEvdevScannerIsBackAfterAnUnplug() async throws {
        let node = FakeEvdevNode()
        // KEY_1 KEY_2 KEY_3 ENTER, then the node leaves.
        node.plug(Self.typing([2, 3, 4, 28]))
        let plan = LaneScannerPlan.evdev(
            path: "/dev/input/event7",
            settings: try KeyboardWedgeSettings(layout: .unitedStates, idleGap: nil))
        let reader = await LaneScannerReader.kept(
            plan, system: node, backoff: (.milliseconds(5), .milliseconds(20)))
        var events = reader.events.makeAsyncIterator()

        var scans: [String] = []
        var sawUnavailable = false
        while scans.count < 2, let event = await events.next() {
            switch event {
            case .scan(let bytes):
                scans.append(String(decoding: bytes, as: UTF8.self))
            case .disconnected(let why) where why.hasPrefix("cannot open /dev/input/event7"):
                // The node is missing now: plug it in again, typing 456.
                sawUnavailable = true
                node.plug(Self.typing([5, 6, 7, 28]))
            default:
                continue
            }
        }
        await reader.stop()

        #expect(scans == ["123", "456"])
        #expect(sawUnavailable)
        #expect(node.opens == 2)
        #expect(node.closes == 2)
    }
}
