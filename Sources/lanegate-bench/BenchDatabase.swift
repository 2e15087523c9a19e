import Foundation
import Ledger

/// The lane database the bench sells against: the Ledger's own schema, `members` members
/// with card numbers in the program's range, and a history of past sales so that balances
/// are spread over 0 to 99 points (the reward threshold is 100, so some bench sales cross
/// it and issue a voucher).
enum BenchDatabase {
    /// The card of member number `serial` (1-based): `2900`, the serial in 8 digits, and
    /// the EAN-13 check digit (GS1 General Specifications, 7.9.1), as the program's range
    /// `{"prefix": "2900", "length": 13, "check": "ean"}` wants.
    static func card(serial: Int) -> String {
        let body =
            "2900" + String(repeating: "0", count: 8 - String(serial).count)
            + String(serial)
        var sum = 0
        for (position, character) in body.enumerated() {
            let digit = Int(character.asciiValue! - 48)
            sum += position % 2 == 0 ? digit : 3 * digit
        }
        return body + String((10 - sum % 10) % 10)
    }

    /// What the history holds, for the report.
    struct Summary: Sendable {
        let members: Int
        let pastSales: Int
        let ledgerEntries: Int
        let bytes: Int64
    }

    /// Creates the database at `path` (which must not exist). The Ledger opens it once so
    /// its migrations make the schema; the rows then go in with plain SQLite, in one
    /// transaction, because 100,000 members through the store's API would take minutes.
    static func create(path: String, members: Int, seed: UInt64) async throws -> Summary {
        let store = try LedgerStore(path: path)
        await store.close()

        let sqlite = try RawSQLite(path: path)
        defer { sqlite.close() }
        try sqlite.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL")
        try sqlite.execute("BEGIN IMMEDIATE")
        let addMember = try sqlite.prepare(
            "INSERT INTO members (id, card, tier, enrolled_at_ms) VALUES (?, ?, 'standard', ?)")
        let addSale = try sqlite.prepare(
            """
            INSERT INTO transactions (txn, kind, request_canonical, reply, at_ms,
                member_id, total_minor, earned, lines)
            VALUES (?, 'sale', '{}', '{}', ?, ?, ?, ?, ?)
            """)
        let addEntry = try sqlite.prepare(
            """
            INSERT INTO ledger_entries (member_id, txn, kind, points, reference, at_ms)
            VALUES (?, ?, 'earn', ?, 'base', ?)
            """)

        // A year of history before now: members enrolled over it, sales after enrolment.
        var generator = BenchGenerator(seed: seed ^ 0x4C65_6467_6572)
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let year: Int64 = 365 * 24 * 3600 * 1000
        var pastSales = 0
        for serial in 1...members {
            let id = Int64(serial)
            let enrolled = now - Int64.random(in: (year / 2)...year, using: &generator)
            try addMember.run([.integer(id), .text(card(serial: serial)), .integer(enrolled)])

            // Two members in three have one or two past sales; their points add up to a
            // balance of 0 to 99.
            let visits = serial % 3
            var left = Int64.random(in: 0...99, using: &generator)
            for visit in 0..<visits {
                let points =
                    visit == visits - 1 ? left : Int64.random(in: 0...left, using: &generator)
                left -= points
                pastSales += 1
                let txn = "HIST-\(serial)-\(visit)"
                let at = enrolled + Int64(visit + 1) * 3_600_000
                // One line of `points` euros, packed as the Ledger packs it.
                let amount = String(points * 100)
                try addSale.run([
                    .text(txn), .integer(at), .integer(id), .integer(points * 100),
                    .integer(points),
                    .text("1:113:87123456789061:1\(amount.utf8.count):\(amount)"),
                ])
                try addEntry.run([.integer(id), .text(txn), .integer(points), .integer(at)])
            }
        }
        try sqlite.execute("COMMIT")
        try sqlite.execute("PRAGMA wal_checkpoint(TRUNCATE)")

        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let size = (attributes?[.size] as? NSNumber)?.int64Value ?? 0
        return Summary(
            members: members, pastSales: pastSales, ledgerEntries: pastSales, bytes: size)
    }
}
