import DeviceIO
import Foundation
import Glibc
import POSProtocols
import Testing

@testable import Lane

/// LaneLink over a serial line (a pseudo-terminal stands for the POS's COM port) and a
/// write-only printer device (a FIFO stands for /dev/usb/lp0).
@Suite(.serialized) struct SerialLinkTests {
    static func lane(posSerial: String, printer: String) async throws
        -> (host: LaneHost, running: Task<Void, Never>, folder: String)
    {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lanegate-serial-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let program = try Data(
            contentsOf: ExampleReplayTests.root
                .appendingPathComponent("examples/program.json"))
        try program.write(to: URL(fileURLWithPath: "\(folder)/program.json"))
        let config = """
            {
              "store": "S01", "lane": "L01", "timezone": "Europe/Amsterdam", "currency": "EUR",
              "database": "lane.sqlite", "program": "program.json",
              "pos": [{ "serial": "\(posSerial)", "baud": 19200 }],
              "devices": [
                { "role": "printer", "profile": "generic-58mm", "port": "\(printer)" }
              ]
            }
            """
        try Data(config.utf8).write(to: URL(fileURLWithPath: "\(folder)/lane.json"))
        let setup = try LaneSetup.load(configPath: "\(folder)/lane.json")
        var environment = LaneEnvironment.system
        environment.now = { RFC3339.parse("2026-12-03T10:15:00+01:00")! }
        let host = try await LaneHost(setup: setup, environment: environment)
        return (host, Task { await host.run() }, folder)
    }

    /// Lines from a descriptor's read events.
    static func lines(_ events: AsyncStream<ReadEvent>) -> AsyncStream<String> {
        AsyncStream { continuation in
            Task {
                var framer = LaneLinkLineFramer()
                for await case .data(let chunk) in events {
                    for case .line(let line) in framer.feed(chunk) {
                        continuation.yield(String(decoding: line, as: UTF8.self))
                    }
                }
                continuation.finish()
            }
        }
    }

    @Test func laneLinkOverASerialLineAndAPrinterFIFO() async throws {
        let pos = try PseudoTerminal()
        let fifo = FileManager.default.temporaryDirectory
            .appendingPathComponent("lanegate-lp-\(UUID().uuidString)").path
        #expect(mkfifo(fifo, 0o600) == 0)
        defer { unlink(fifo) }
        // The reader end is open first, as a spooler's would be.
        let readFD = open(fifo, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        #expect(readFD >= 0)
        let printerSide = DescriptorChannel(
            Descriptor(fd: readFD, path: fifo, system: LinuxSystemCalls()))
        let printed = printerSide.readEvents()

        let lane = try await Self.lane(posSerial: pos.peerPath, printer: fifo)
        var replies = Self.lines(pos.readEvents()).makeAsyncIterator()
        func request(_ line: String) async throws -> String? {
            try await pos.write(Array(line.utf8) + [0x0D, 0x0A])
            return await replies.next()
        }

        #expect(
            try await request(
                #"{"op":"open","id":1,"txn":"S1","at":"2026-12-03T10:15:00+01:00","cashier":"c1"}"#)
                == #"{"op":"opened","id":1,"txn":"S1"}"#)
        #expect(
            try await request(#"{"op":"identify","id":2,"txn":"S1","card":"2900000000056"}"#)
                == #"{"op":"member","id":2,"txn":"S1","member":{"id":"M1","card":"2900000000056","tier":"standard","balance":0}}"#
        )
        #expect(
            try await request(
                #"{"op":"finalize","id":3,"txn":"S1","total":"3.00","tenders":[{"type":"cash","amount":"3.00"}]}"#
            )
                == #"{"op":"finalized","id":3,"txn":"S1","member":{"id":"M1","card":"2900000000056","tier":"standard","balance":3},"earned":3,"balance":3,"redeemed":[],"vouchers":[]}"#
        )

        // The 58 mm profile: 32 columns, no cutter (four lines fed past the tear bar).
        func row(_ left: String, _ right: String) -> [UInt8] {
            Array(
                (left + String(repeating: " ", count: 32 - left.count - right.count) + right
                    + "\n").utf8)
        }
        let expected: [UInt8] =
            [0x1B, 0x40, 0x1B, 0x61, 0x01, 0x1B, 0x45, 0x01]
            + Array("Koffiekaart\n".utf8) + [0x1B, 0x45, 0x00, 0x1B, 0x61, 0x00]
            + row("Card", "*********0056") + row("Points earned", "+3") + row("Balance", "3")
            + row("Next reward in", "97 points") + [0x1B, 0x64, 0x04]
        let reading = Task {
            var received: [UInt8] = []
            for await case .data(let chunk) in printed {
                received += chunk
                if received.count >= expected.count { break }
            }
            return received
        }
        // A safety net, not a pause: the job normally arrives in milliseconds.
        let watchdog = Task {
            try await Task.sleep(for: .seconds(15))
            _ = await printerSide.close()
        }
        #expect(await reading.value == expected)
        watchdog.cancel()

        lane.host.stop()
        await lane.running.value
        _ = await printerSide.close()
        await pos.close()
        _ = readFD
        try? FileManager.default.removeItem(atPath: lane.folder)
    }
}
