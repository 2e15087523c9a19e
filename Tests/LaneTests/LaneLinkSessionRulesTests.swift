import Foundation
import POSProtocols
import Synchronization
import Testing

@testable import Lane

/// The session rules of protocols/lanelink-v1.md ("Transactions", "Events") against a lane
/// with no devices, its requests answered on the calling thread (`submit`).
@Suite struct LaneLinkSessionRulesTests {
    /// A lane whose clock the test sets, and what each connection received.
    final class Lane: Sendable {
        let host: LaneHost
        let folder: String
        let running: Task<Void, Never>
        let clock = Held(RFC3339.parse("2026-12-03T10:15:00+01:00")!)
        let received = Held<[Int: [String]]>([:])

        init() async throws {
            folder =
                FileManager.default.temporaryDirectory
                .appendingPathComponent("lanegate-rules-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true)
            let program = try Data(
                contentsOf: ExampleReplayTests.root.appendingPathComponent("examples/program.json"))
            try program.write(to: URL(fileURLWithPath: "\(folder)/program.json"))
            let config = """
                {
                  "store": "S01", "lane": "L01", "timezone": "Europe/Amsterdam",
                  "currency": "EUR", "database": "lane.sqlite", "program": "program.json",
                  "pos": [{ "listen": "tcp://127.0.0.1:0" }], "devices": []
                }
                """
            try Data(config.utf8).write(to: URL(fileURLWithPath: "\(folder)/lane.json"))
            let setup = try LaneSetup.load(configPath: "\(folder)/lane.json")
            let clock = self.clock
            var environment = LaneEnvironment.system
            environment.now = { clock.value.withLock { $0 } }
            environment.random = RandomSource(seed: 7)
            let host = try await LaneHost(setup: setup, environment: environment)
            self.host = host
            running = Task { await host.run() }
        }

        /// Registers a connection whose events (and replies) are kept under its id.
        func connect() async -> Int {
            let box = Held(0)
            let received = self.received
            let id = await host.runtime.connect { bytes in
                let line = String(decoding: bytes.dropLast(), as: UTF8.self)
                let owner = box.value.withLock { $0 }
                received.value.withLock { $0[owner, default: []].append(line) }
            }
            box.value.withLock { $0 = id }
            return id
        }

        /// Sends one line on `connection` and returns the reply.
        func send(_ text: String, on connection: Int = 1) -> String {
            let reply = Held("")
            host.runtime.submit(.line(Array(text.utf8)), connection: connection) { bytes in
                reply.value.withLock { $0 = String(decoding: bytes.dropLast(), as: UTF8.self) }
            }
            return reply.value.withLock { $0 }
        }

        /// A scan on the lane's scanner; returns once the lane has handled it.
        func scan(_ text: String) async {
            host.runtime.scanned(Array(text.utf8))
            // A quote is answered in its turn, after the queued scan.
            _ = send(#"{"op":"quote","id":0,"txn":"-"}"#, on: 0)
        }

        func events(_ connection: Int) -> [String] {
            received.value.withLock { $0[connection] ?? [] }
        }

        func stop() async {
            host.stop()
            await running.value
            try? FileManager.default.removeItem(atPath: folder)
        }
    }

    /// A value shared with the lane's closures.
    final class Held<Value: Sendable>: Sendable {
        let value: Mutex<Value>
        init(_ value: Value) { self.value = Mutex(value) }
    }

    static func open(_ txn: String, id: Int = 1) -> String {
        #"{"op":"open","id":\#(id),"txn":"\#(txn)","at":"2026-12-03T10:15:00+01:00","#
            + #""cashier":"c1"}"#
    }

    /// A refund stored under the txn of the sale still open would make that sale's own
    /// finalize a `conflict` and lose it; the refund is refused and the sale goes on.
    @Test func aRefundCannotTakeTheTxnOfTheOpenSale() async throws {
        let lane = try await Lane()
        #expect(lane.send(Self.open("T1")) == #"{"op":"opened","id":1,"txn":"T1"}"#)
        _ = lane.send(#"{"op":"item","id":2,"txn":"T1","line":1,"sku":"x","qty":"1","price":"4"}"#)
        _ = lane.send(#"{"op":"identify","id":3,"txn":"T1","card":"2900000000001"}"#)
        _ = lane.send(
            #"{"op":"finalize","id":4,"txn":"T1","total":"4.00","#
                + #""tenders":[{"type":"cash","amount":"4.00"}]}"#)

        _ = lane.send(Self.open("T2", id: 5))
        _ = lane.send(#"{"op":"item","id":6,"txn":"T2","line":1,"sku":"x","qty":"1","price":"2"}"#)
        #expect(
            lane.send(#"{"op":"refund","id":7,"txn":"T2","original":"T1","amount":"1.00"}"#)
                == #"{"op":"error","id":7,"txn":"T2","code":"conflict","message":"transaction "#
                + #"T2 is the sale open on this lane; a refund needs a txn of its own (valid: "#
                + #"a new txn id)"}"#)
        #expect(
            lane.send(
                #"{"op":"finalize","id":8,"txn":"T2","total":"2.00","#
                    + #""tenders":[{"type":"cash","amount":"2.00"}]}"#)
                == #"{"op":"finalized","id":8,"txn":"T2","member":null,"earned":0,"balance":0,"#
                + #""redeemed":[],"vouchers":[]}"#)
        // A txn a refund used cannot be opened as a sale, and the message says why.
        _ = lane.send(#"{"op":"refund","id":9,"txn":"R1","original":"T1","amount":"1.00"}"#)
        #expect(
            lane.send(Self.open("R1", id: 10))
                == #"{"op":"error","id":10,"txn":"R1","code":"conflict","message":"transaction "#
                + #"R1 was already used by a refund (valid: a new txn id)"}"#)
        await lane.stop()
    }

    /// A cancelled transaction leaves nothing behind: its txn may be opened again, and a
    /// repeated cancel finds no transaction (the spec says both).
    @Test func aCancelledTxnCanBeOpenedAgainAndACancelIsNotStored() async throws {
        let lane = try await Lane()
        _ = lane.send(Self.open("T1"))
        #expect(
            lane.send(#"{"op":"cancel","id":2,"txn":"T1"}"#)
                == #"{"op":"cancelled","id":2,"txn":"T1"}"#)
        #expect(
            lane.send(#"{"op":"cancel","id":3,"txn":"T1"}"#)
                == #"{"op":"error","id":3,"txn":"T1","code":"no-transaction","message":"#
                + #""transaction T1 is not open: no transaction is open (valid: send open "#
                + #"first)"}"#)
        #expect(lane.send(Self.open("T1", id: 4)) == #"{"op":"opened","id":4,"txn":"T1"}"#)
        await lane.stop()
    }

    /// Amount fields checked against the currency name their place as the codec does.
    @Test func aTenderAmountWithTooManyDecimalsNamesItsPlace() async throws {
        let lane = try await Lane()
        _ = lane.send(Self.open("T1"))
        #expect(
            lane.send(
                #"{"op":"finalize","id":2,"txn":"T1","total":"1.00","tenders":[{"type":"#
                    + #""cash","amount":"0.50"},{"type":"card","amount":"0.505"}]}"#)
                == #"{"op":"error","id":2,"txn":"T1","code":"bad-request","message":"#
                + #""\"tenders[1].amount\": \"0.505\" is not an amount in EUR (valid: a "#
                + #"decimal string with at most 2 decimals, e.g. \"12.50\")"}"#)
        await lane.stop()
    }

    /// A voucher: the same code twice in one transaction gives the same reply; once its
    /// `expires` has passed on the gateway's clock, `voucher-expired`.
    @Test func aVoucherPresentedTwiceThenAfterItsExpiry() async throws {
        let lane = try await Lane()
        _ = lane.send(Self.open("T1"))
        _ = lane.send(
            #"{"op":"item","id":2,"txn":"T1","line":1,"sku":"x","qty":"1","price":"100"}"#)
        _ = lane.send(#"{"op":"identify","id":3,"txn":"T1","card":"2900000000001"}"#)
        let sold = lane.send(
            #"{"op":"finalize","id":4,"txn":"T1","total":"100.00","#
                + #""tenders":[{"type":"cash","amount":"100.00"}]}"#)
        let node = try #require(
            try? LaneLinkReply.decode(Array(sold.utf8)).fields.first { $0.key == "vouchers" })
        guard case .array(let vouchers) = node.value, case .object(let fields)? = vouchers.first,
            case .string(let code)? = fields.first(where: { $0.key == "code" })?.value
        else {
            Issue.record("no voucher issued: \(sold)")
            return
        }
        // Issued 2026-12-03, 30 business days: valid through 2027-01-02.
        let voucher =
            #""code":"\#(code)","title":"5 euro off your next visit","amount":"5.00","#
            + #""expires":"2027-01-03T00:00:00+01:00""#
        _ = lane.send(Self.open("T2", id: 5))
        let present = #"{"op":"voucher","id":6,"txn":"T2","code":"\#(code)"}"#
        #expect(lane.send(present) == #"{"op":"voucher","id":6,"txn":"T2",\#(voucher)}"#)
        #expect(lane.send(present) == #"{"op":"voucher","id":6,"txn":"T2",\#(voucher)}"#)
        _ = lane.send(#"{"op":"cancel","id":7,"txn":"T2"}"#)

        lane.clock.value.withLock { $0 = RFC3339.parse("2027-01-03T00:00:00+01:00")! }
        _ = lane.send(Self.open("T3", id: 8))
        #expect(
            lane.send(#"{"op":"voucher","id":9,"txn":"T3","code":"\#(code)"}"#)
                == #"{"op":"error","id":9,"txn":"T3","code":"voucher-expired","message":"#
                + #""voucher \#(code) expired at 2027-01-03T00:00:00+01:00"}"#)
        await lane.stop()
    }

    /// Events go to every connection while no transaction is open, then only to the one
    /// that opened it, and follow an `open` repeated on another connection.
    @Test func eventsFollowTheConnectionThatOpenedTheTransaction() async throws {
        let lane = try await Lane()
        let first = await lane.connect()
        let second = await lane.connect()
        let product =
            #"{"op":"scan","kind":"product","data":"5901234123457","#
            + #""symbology":"ean-13","gtin14":"05901234123457"}"#
        await lane.scan("]E05901234123457")
        #expect(lane.events(first) == [product])
        #expect(lane.events(second) == [product])

        _ = lane.send(Self.open("T1"), on: first)
        await lane.scan("]E05901234123457")
        let withTxn =
            #"{"op":"scan","txn":"T1","kind":"product","data":"5901234123457","#
            + #""symbology":"ean-13","gtin14":"05901234123457"}"#
        #expect(lane.events(first) == [product, withTxn])
        #expect(lane.events(second) == [product])

        // The POS goes on from the other connection: open again there, events follow.
        _ = lane.send(Self.open("T1", id: 2), on: second)
        await lane.scan("2900000000001")
        let member =
            #"{"op":"member","txn":"T1","member":{"id":"M1","card":"2900000000001","#
            + #""tier":"standard","balance":0}}"#
        #expect(lane.events(first) == [product, withTxn])
        #expect(lane.events(second) == [product, member])
        await lane.stop()
    }
}
