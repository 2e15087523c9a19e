import Foundation
import POSProtocols
import Synchronization
import Testing

@testable import Lane

/// A POS line answered on the caller's thread, and lines that come while the lane stops.
@Suite struct LaneRuntimeTurnTests {
    static func host() async throws -> (host: LaneHost, folder: String) {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lanegate-turn-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let program = try Data(
            contentsOf: ExampleReplayTests.root.appendingPathComponent("examples/program.json"))
        try program.write(to: URL(fileURLWithPath: "\(folder)/program.json"))
        let config = """
            {
              "store": "S01", "lane": "L01", "timezone": "Europe/Amsterdam", "currency": "EUR",
              "database": "lane.sqlite", "program": "program.json",
              "pos": [{ "listen": "tcp://127.0.0.1:0" }], "devices": []
            }
            """
        try Data(config.utf8).write(to: URL(fileURLWithPath: "\(folder)/lane.json"))
        let setup = try LaneSetup.load(configPath: "\(folder)/lane.json")
        return (try await LaneHost(setup: setup, environment: .system), folder)
    }

    static func line(_ text: String) -> LaneLinkLineFramer.Output {
        .line(Array(text.utf8))
    }

    @Test func aLineIsAnsweredBeforeSubmitReturnsAndRefusedOnceTheLaneStops() async throws {
        let (host, folder) = try await Self.host()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let running = Task { await host.run() }

        let replies = Mutex<[String]>([])
        let keep: @Sendable ([UInt8]) -> Void = { bytes in
            replies.withLock { $0.append(String(decoding: bytes, as: UTF8.self)) }
        }
        host.runtime.submit(
            Self.line(
                #"{"op":"open","id":1,"txn":"T1","at":"2026-12-03T10:15:00+01:00","cashier":"c1"}"#
            ), connection: 1, done: keep)
        // Answered on this thread, in its turn: the reply is there when submit returns.
        #expect(replies.withLock { $0 } == [#"{"op":"opened","id":1,"txn":"T1"}"# + "\n"])

        host.stop()
        await running.value
        host.runtime.submit(
            Self.line(#"{"op":"cancel","id":2,"txn":"T1"}"#), connection: 1, done: keep)
        let refused: String =
            #"{"op":"error","id":2,"txn":"T1","code":"busy","message":"the gateway is "#
            + #"stopping; nothing was changed (valid: send it again once the gateway is "#
            + #"back)"}"# + "\n"
        #expect(replies.withLock { $0.last } == refused)
    }

    @Test func aCardNumberInAnyFieldIsRefusedAndNeverStored() async throws {
        let (host, folder) = try await Self.host()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let running = Task { await host.run() }
        let replies = Mutex<[String]>([])
        func send(_ text: String) -> String {
            host.runtime.submit(Self.line(text), connection: 1) { bytes in
                replies.withLock { $0.append(String(decoding: bytes, as: UTF8.self)) }
            }
            return replies.withLock { $0.last ?? "" }
        }
        let pan = "4111111111111111"
        let opened = send(
            #"{"op":"open","id":1,"txn":"T1","at":"2026-12-03T10:15:00+01:00","cashier":"\#(pan)"}"#
        )
        #expect(
            opened
                == #"{"op":"error","id":1,"txn":"T1","code":"payment-card","message":"\"cashier\" "#
                + #"holds a payment card number (411111******1111); nothing was stored (valid: "#
                + #"send the POS's own ids and codes, never a card number)"}"# + "\n")
        _ = send(
            #"{"op":"open","id":2,"txn":"T1","at":"2026-12-03T10:15:00+01:00","cashier":"c1"}"#)
        let item = send(
            #"{"op":"item","id":3,"txn":"T1","line":"1","sku":"4111-1111-1111-1111","qty":"1","price":"1.00"}"#
        )
        #expect(item.contains(#""code":"payment-card""#))
        let identified = send(#"{"op":"identify","id":4,"txn":"T1","card":";\#(pan)=2512101?"}"#)
        #expect(identified.contains(#""code":"payment-card""#))
        let refund = send(
            #"{"op":"refund","id":5,"txn":"R-\#(pan)","original":"T0","amount":"1.00"}"#)
        #expect(refund.contains(#""txn":"R-411111******1111","code":"payment-card""#))
        #expect(!replies.withLock { $0.joined() }.contains(pan))

        host.stop()
        await running.value
        let stored = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/lane.sqlite"))
        let wal =
            (try? Data(contentsOf: URL(fileURLWithPath: "\(folder)/lane.sqlite-wal"))) ?? Data()
        #expect(stored.range(of: Data(pan.utf8)) == nil)
        #expect(wal.range(of: Data(pan.utf8)) == nil)
    }
}

@Suite struct LaneLinkDecimalTests {
    @Test(arguments: [
        ("00001", "1"), ("007.50", "7.50"), ("0.50", "0.50"), ("0", "0"), ("-0012.5", "-12.5"),
        ("10", "10"),
    ])
    func leadingZerosAreDropped(_ text: String, _ expected: String) {
        #expect(LaneRuntime.withoutLeadingZeros(text) == expected)
    }
}
