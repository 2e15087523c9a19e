import CSQLite
import DeviceIO
import Foundation
import Lane
import Testing

/// A whole day on one lane, with `lanegate run` as its own process: a pseudo-terminal as
/// the scanner, a loopback printer that parses what it receives, and a TCP POS.
@Suite(.serialized) struct LaneDayTests {
    static let clock = "2026-12-03T10:15:00+01:00"
    static let card = "2900000000032"
    static let title = "5 euro off your next visit"

    static let program = """
        {
          "name": "Koffiekaart",
          "members": { "cards": [{ "prefix": "2900", "length": 13, "check": "ean" }] },
          "earn": [
            { "id": "base", "priority": 100,
              "points": { "per": "1.00", "award": 1, "rounding": "floor" } }
          ],
          "rewards": [
            { "id": "five-off", "title": "5 euro off your next visit",
              "threshold": 100, "value": { "amountOff": "5.00" }, "validDays": 30 }
          ]
        }
        """

    /// A folder with the lane's config, program and database.
    static func laneFolder(scanner: String, printerPort: UInt16) throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lanegate-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(program.utf8).write(to: folder.appendingPathComponent("program.json"))
        let config = """
            {
              "store": "S01", "lane": "L01", "timezone": "Europe/Amsterdam", "currency": "EUR",
              "database": "lane.sqlite", "program": "program.json",
              "pos": [{ "listen": "tcp://127.0.0.1:0" }],
              "devices": [
                { "role": "scanner", "profile": "generic-serial-scanner", "port": "\(scanner)" },
                { "role": "printer", "profile": "epson-tm-t88v",
                  "port": "tcp://127.0.0.1:\(printerPort)" }
              ],
              "printConfirmTimeoutMs": 300,
              "printerStatusIntervalMs": 100
            }
            """
        try Data(config.utf8).write(to: folder.appendingPathComponent("lane.json"))
        return folder
    }

    @Test func aFullDay() async throws {
        let printer = try VirtualPrinter()
        await printer.start()
        let scanner = try PseudoTerminal()
        let folder = try Self.laneFolder(scanner: scanner.peerPath, printerPort: printer.port)
        defer { try? FileManager.default.removeItem(at: folder) }
        let lane = try LaneProcess(
            config: folder.appendingPathComponent("lane.json"),
            environment: ["LANEGATE_CLOCK": Self.clock, "LANEGATE_SEED": "7"])
        let pos = try await POSClient(port: lane.posPort)
        let card = Self.card

        // A malformed line gets an error with a null id; the connection goes on.
        #expect(
            try await pos.request(#"{"op":"open","id":1,"#)
                .hasPrefix(#"{"op":"error","id":null,"code":"bad-request","message":"#))

        // Sale 1: a new card scanned on the lane's scanner enrolls a member; 80.00 earns 80.
        #expect(
            try await pos.request(
                #"{"op":"open","id":2,"txn":"T1","at":"2026-12-03T10:15:00+01:00","cashier":"c1"}"#)
                == #"{"op":"opened","id":2,"txn":"T1"}"#)
        #expect(
            try await pos.request(
                #"{"op":"item","id":3,"txn":"T1","line":"1","sku":"8712345678906","qty":"2","price":"30.00"}"#
            )
                == #"{"op":"ok","id":3,"txn":"T1"}"#)
        #expect(
            try await pos.request(
                #"{"op":"item","id":4,"txn":"T1","line":"2","sku":"8712345000014","qty":"1","price":"20.00"}"#
            )
                == #"{"op":"ok","id":4,"txn":"T1"}"#)
        try await scanner.write(Array("\(card)\r".utf8))
        #expect(
            try await pos.next() == """
                {"op":"member","txn":"T1","member":{"id":"M1","card":"\(card)","tier":"standard","balance":0}}
                """)
        let receipt1: [UInt8] = [0x1B, 0x40] + Array("SHOP 80.00".utf8) + [0x0A]
        #expect(
            try await pos.request(
                """
                {"op":"finalize","id":5,"txn":"T1","total":"80.00","tenders":[{"type":"cash","amount":"80.00"}],"receipt":"\(Data(receipt1).base64EncodedString())"}
                """) == """
                    {"op":"finalized","id":5,"txn":"T1","member":{"id":"M1","card":"\(card)","tier":"standard","balance":80},"earned":80,"balance":80,"redeemed":[],"vouchers":[]}
                    """)
        await printer.waitForJobs(1)
        let job1 =
            receipt1 + Paper.initialize
            + Paper.slip(card: card, earned: 80, balance: 80, nextReward: 20) + Paper.partialCut
        #expect(Paper.hex(await printer.printedJobs[0]) == Paper.hex(job1))
        // The lane enabled Automatic Status Back the moment it connected, before any job.
        let connectBytes = Array(await printer.receivedBytes.prefix(3))
        #expect(Paper.hex(connectBytes) == Paper.hex(Paper.enableAutomaticStatus))

        // Sale 2: the member identified at the POS reaches the threshold: 100 points become
        // a voucher, printed after the POS's own receipt.
        _ = try await pos.request(
            #"{"op":"open","id":6,"txn":"T2","at":"2026-12-03T11:00:00+01:00","cashier":"c1"}"#)
        _ = try await pos.request(
            #"{"op":"item","id":7,"txn":"T2","line":"1","sku":"8712345000021","qty":"1","price":"25.99"}"#
        )
        #expect(
            try await pos.request(#"{"op":"identify","id":8,"txn":"T2","card":"\#(card)"}"#)
                == """
                {"op":"member","id":8,"txn":"T2","member":{"id":"M1","card":"\(card)","tier":"standard","balance":80}}
                """)
        let receipt2: [UInt8] = [0x1B, 0x40, 0x1B, 0x61, 0x01] + Array("Bakkerij".utf8) + [0x0A]
        let finalized2 = try await pos.request(
            """
            {"op":"finalize","id":9,"txn":"T2","total":"25.99","tenders":[{"type":"card","amount":"25.99"}],"receipt":"\(Data(receipt2).base64EncodedString())"}
            """)
        let code = try #require(Self.voucherCode(in: finalized2))
        #expect(code.count == 24 && code.hasPrefix("994"))
        #expect(Paper.checkDigit(code.prefix(23)) == Int(String(code.last!)))
        #expect(
            finalized2 == """
                {"op":"finalized","id":9,"txn":"T2","member":{"id":"M1","card":"\(card)","tier":"standard","balance":5},"earned":25,"balance":5,"redeemed":[],"vouchers":[{"code":"\(code)","title":"\(Self.title)","amount":"5.00","expires":"2027-01-03T00:00:00+01:00"}]}
                """)
        await printer.waitForJobs(2)
        let job2 =
            receipt2 + Paper.initialize
            + Paper.slip(card: card, earned: 25, balance: 5, nextReward: 95)
            + Paper.voucher(code: code, validThrough: "2027-01-02") + Paper.partialCut
        #expect(Paper.hex(await printer.printedJobs[1]) == Paper.hex(job2))

        // Sale 3: the voucher scanned off the paper is reserved and redeemed; the printer
        // runs out of paper and says so by itself (ASB), so the POS hears of it at once and
        // the job is held, never sent, and printed once (not as a reprint) when paper is back.
        _ = try await pos.request(
            #"{"op":"open","id":10,"txn":"T3","at":"2026-12-04T09:00:00+01:00","cashier":"c2"}"#)
        _ = try await pos.request(
            #"{"op":"item","id":11,"txn":"T3","line":"1","sku":"8712345678906","qty":"1","price":"12.00"}"#
        )
        try await scanner.write(Array("\(card)\r".utf8))
        #expect(
            try await pos.next().contains(
                #""member":{"id":"M1","card":"\#(card)","tier":"standard","balance":5}"#))
        try await scanner.write(Array("\(code)\r".utf8))
        #expect(
            try await pos.next() == """
                {"op":"voucher","txn":"T3","code":"\(code)","title":"\(Self.title)","amount":"5.00","expires":"2027-01-03T00:00:00+01:00"}
                """)
        #expect(
            try await pos.request(#"{"op":"quote","id":12,"txn":"T3"}"#) == """
                {"op":"quote","id":12,"txn":"T3","member":{"id":"M1","card":"\(card)","tier":"standard","balance":5},"earn":7,"balance":5,"discounts":[{"code":"\(code)","title":"\(Self.title)","amount":"5.00"}]}
                """)
        await printer.setPaperOut(true)
        // The sale is open, so the event names it.
        let paperOutEvent = try await pos.next()
        #expect(paperOutEvent == #"{"op":"printer","txn":"T3","state":"paper-out"}"#)
        let finalize3 =
            #"{"op":"finalize","id":13,"txn":"T3","total":"7.00","tenders":[{"type":"cash","amount":"7.00"}]}"#
        let finalized3 = """
            {"op":"finalized","id":13,"txn":"T3","member":{"id":"M1","card":"\(card)","tier":"standard","balance":12},"earned":7,"balance":12,"redeemed":["\(code)"],"vouchers":[]}
            """
        #expect(try await pos.request(finalize3) == finalized3)
        #expect(await printer.printedJobs.count == 2)
        await printer.setPaperOut(false)
        #expect(try await pos.next() == #"{"op":"printer","state":"ready"}"#)
        await printer.waitForJobs(3)
        let job3 =
            Paper.initialize
            + Paper.slip(card: card, earned: 7, balance: 12, nextReward: 88) + Paper.partialCut
        #expect(Paper.hex(await printer.printedJobs[2]) == Paper.hex(job3))

        // The POS lost the reply and retries: same payload (7.0 is 7.00), new id. The
        // stored reply comes back and nothing is printed again (sale 4's job is next).
        #expect(
            try await pos.request(
                #"{"op":"finalize","id":"retry","txn":"T3","total":"7.0","tenders":[{"type":"cash","amount":"7.00"}]}"#
            )
                == finalized3.replacingOccurrences(of: #""id":13"#, with: #""id":"retry""#))
        #expect(
            try await pos.request(
                #"{"op":"finalize","id":14,"txn":"T3","total":"8.00","tenders":[{"type":"cash","amount":"8.00"}]}"#
            )
            .hasPrefix(#"{"op":"error","id":14,"txn":"T3","code":"conflict","#))

        // A refund by lines: one of sale 1's two 30.00 items. Sale 1 earned 80; the 50.00
        // still paid would earn 50, so 30 points go back and the balance goes negative.
        #expect(
            try await pos.request(
                #"{"op":"refund","id":15,"txn":"R1","original":"T1","lines":[{"line":"1","qty":"1"}]}"#
            )
                == #"{"op":"refunded","id":15,"txn":"R1","reversed":30,"balance":-18}"#)
        #expect(
            try await pos.request(
                #"{"op":"refund","id":16,"txn":"R2","original":"T1","lines":[{"line":"1","qty":"2"}]}"#
            )
            .hasPrefix(#"{"op":"error","id":16,"txn":"R2","code":"refund-exceeds-sale","#))

        // Sale 4: later earnings settle the negative balance; its job is the fourth.
        _ = try await pos.request(
            #"{"op":"open","id":17,"txn":"T4","at":"2026-12-04T10:00:00+01:00","cashier":"c2"}"#)
        _ = try await pos.request(
            #"{"op":"item","id":18,"txn":"T4","line":"1","sku":"8712345678906","qty":"1","price":"4.00"}"#
        )
        _ = try await pos.request(#"{"op":"identify","id":19,"txn":"T4","card":"\#(card)"}"#)
        #expect(
            try await pos.request(
                #"{"op":"finalize","id":20,"txn":"T4","total":"4.00","tenders":[{"type":"cash","amount":"4.00"}]}"#
            )
            .contains(#""earned":4,"balance":-14,"redeemed":[],"vouchers":[]"#))
        await printer.waitForJobs(4)
        let jobs = await printer.printedJobs
        #expect(jobs.count == 4)
        let job4 =
            Paper.initialize
            + Paper.slip(card: card, earned: 4, balance: -14, nextReward: 114) + Paper.partialCut
        #expect(Paper.hex(jobs[3]) == Paper.hex(job4))

        // The voucher is single use.
        _ = try await pos.request(
            #"{"op":"open","id":21,"txn":"T5","at":"2026-12-04T10:05:00+01:00","cashier":"c2"}"#)
        #expect(
            try await pos.request(#"{"op":"voucher","id":22,"txn":"T5","code":"\#(code)"}"#)
                .hasPrefix(#"{"op":"error","id":22,"txn":"T5","code":"voucher-used","#))
        #expect(
            try await pos.request(#"{"op":"cancel","id":23,"txn":"T5"}"#)
                == #"{"op":"cancelled","id":23,"txn":"T5"}"#)

        await pos.close()
        #expect(lane.stop() == 0)
        await printer.stop()
        await scanner.close()

        // The ledger: every change an entry; the balance is their sum.
        let database = try SQLiteFile(folder.appendingPathComponent("lane.sqlite").path)
        #expect(
            try database.integers("SELECT points FROM ledger_entries ORDER BY id")
                == [80, 25, -100, 7, -30, 4])
        #expect(try database.integers("SELECT SUM(points) FROM ledger_entries") == [-14])
        #expect(try database.integers("SELECT COUNT(*) FROM voucher_uses") == [1])
        #expect(!lane.logText.contains(card), "a whole card number reached the log")
    }

    /// The code of the first voucher in a `finalized` line.
    static func voucherCode(in line: String) -> String? {
        guard let range = line.range(of: #""vouchers":[{"code":""#) else { return nil }
        return String(line[range.upperBound...].prefix(24))
    }
}

/// A read-only look at a lane's database, through SQLite itself.
final class SQLiteFile {
    private var handle: OpaquePointer?

    init(_ path: String) throws {
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY, nil) == SQLITE_OK else {
            throw HarnessError("cannot open \(path)")
        }
    }

    deinit { sqlite3_close(handle) }

    func integers(_ sql: String) throws -> [Int64] {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK else {
            throw HarnessError(String(cString: sqlite3_errmsg(handle)))
        }
        defer { sqlite3_finalize(statement) }
        var values: [Int64] = []
        while sqlite3_step(statement) == SQLITE_ROW {
            values.append(sqlite3_column_int64(statement, 0))
        }
        return values
    }
}
