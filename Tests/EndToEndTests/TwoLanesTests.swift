import CSQLite
import Foundation
import Testing

/// Case L01: one voucher presented on two lanes at the same moment, two `lanegate run`
/// processes on one database file. The test holds the database's write lock while both
/// lanes present the voucher, and lets go once both are waiting for it.
@Suite(.serialized) struct TwoLanesTests {
    static func config(lane: String, folder: URL) throws -> URL {
        let text = """
            {
              "store": "S01", "lane": "\(lane)", "timezone": "Europe/Amsterdam",
              "currency": "EUR", "database": "store.sqlite", "program": "program.json",
              "pos": [{ "listen": "tcp://127.0.0.1:0" }],
              "devices": [
                { "role": "printer", "profile": "generic-58mm", "port": "file:\(lane).prn" }
              ]
            }
            """
        let url = folder.appendingPathComponent("\(lane).json")
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test func oneVoucherTwoLanes() async throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lanegate-l01-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(LaneDayTests.program.utf8).write(to: folder.appendingPathComponent("program.json"))
        let environment = [
            "LANEGATE_CLOCK": "2026-12-03T10:15:00+01:00", "LANEGATE_SEED": "11",
            "LANEGATE_LOG": "debug",
        ]
        let laneA = try LaneProcess(
            config: try Self.config(lane: "L01", folder: folder), environment: environment)
        let laneB = try LaneProcess(
            config: try Self.config(lane: "L02", folder: folder), environment: environment)
        let posA = try await POSClient(port: laneA.posPort)
        let posB = try await POSClient(port: laneB.posPort)

        // A member earns a voucher on lane A.
        _ = try await posA.request(
            #"{"op":"open","id":1,"txn":"A1","at":"2026-12-03T10:15:00+01:00","cashier":"c1"}"#)
        _ = try await posA.request(#"{"op":"identify","id":2,"txn":"A1","card":"2900000000049"}"#)
        let issued = try await posA.request(
            #"{"op":"finalize","id":3,"txn":"A1","total":"100.00","tenders":[{"type":"cash","amount":"100.00"}]}"#
        )
        let code = try #require(LaneDayTests.voucherCode(in: issued))

        // Both lanes open a sale.
        for (pos, txn) in [(posA, "A2"), (posB, "B1")] {
            #expect(
                try await pos.request(
                    """
                    {"op":"open","id":4,"txn":"\(txn)","at":"2026-12-04T09:00:00+01:00","cashier":"c1"}
                    """) == #"{"op":"opened","id":4,"txn":"\#(txn)"}"#)
        }

        // Lane A's print queue has confirmed its job (its last write), so the lock waits
        // counted below are the voucher requests' own.
        #expect(laneA.waitForLog(containing: "event=printed"))

        // The test takes the write lock; both lanes present the voucher and wait for it.
        let lock = try SQLiteLock(folder.appendingPathComponent("store.sqlite").path)
        let waitsBefore = (
            laneA.logLines.filter { $0.contains("event=store-lock-wait") }.count,
            laneB.logLines.filter { $0.contains("event=store-lock-wait") }.count
        )
        try await posA.send(#"{"op":"voucher","id":5,"txn":"A2","code":"\#(code)"}"#)
        try await posB.send(#"{"op":"voucher","id":5,"txn":"B1","code":"\#(code)"}"#)
        #expect(laneA.waitForLog(containing: "event=store-lock-wait", count: waitsBefore.0 + 1))
        #expect(laneB.waitForLog(containing: "event=store-lock-wait", count: waitsBefore.1 + 1))
        lock.release()

        // Exactly one gets it; the other is refused before its customer pays.
        let answers = [try await posA.next(), try await posB.next()]
        let won = answers.filter { $0.hasPrefix(#"{"op":"voucher""#) }
        let refused = answers.filter {
            $0.contains(#""code":"voucher-reserved""#) || $0.contains(#""code":"voucher-used""#)
        }
        #expect(won.count == 1)
        #expect(refused.count == 1)
        let (winner, txn) =
            won.first?.contains(#""txn":"A2""#) == true
            ? (posA, "A2") : (posB, "B1")

        // The winner pays; a retry of the same request uses nothing more.
        let finalize = """
            {"op":"finalize","id":6,"txn":"\(txn)","total":"0.00","tenders":[{"type":"cash","amount":"0.00"}]}
            """
        let paid = try await winner.request(finalize)
        #expect(paid.contains(#""redeemed":["\#(code)"]"#))
        #expect(try await winner.request(finalize) == paid)

        await posA.close()
        await posB.close()
        #expect(laneA.stop() == 0)
        #expect(laneB.stop() == 0)

        let database = try SQLiteFile(folder.appendingPathComponent("store.sqlite").path)
        #expect(try database.integers("SELECT COUNT(*) FROM voucher_uses") == [1])
        #expect(
            try database.integers(
                "SELECT use_count FROM vouchers WHERE code = '\(code)'") == [1])
    }
}

/// Holds a database's write lock (`BEGIN IMMEDIATE`) until released.
final class SQLiteLock {
    private var handle: OpaquePointer?

    init(_ path: String) throws {
        // A lane may be committing its print queue's state (the last receipt) at this
        // moment; wait for that write to end rather than fail at once.
        guard sqlite3_open(path, &handle) == SQLITE_OK,
            sqlite3_busy_timeout(handle, 10_000) == SQLITE_OK,
            sqlite3_exec(handle, "BEGIN IMMEDIATE", nil, nil, nil) == SQLITE_OK
        else { throw HarnessError("cannot lock \(path)") }
    }

    func release() {
        sqlite3_exec(handle, "ROLLBACK", nil, nil, nil)
        sqlite3_close(handle)
        handle = nil
    }

    deinit { if handle != nil { release() } }
}
