import Dispatch
import Foundation

/// What the store alone must do for one sale: the statements `LedgerStore.commitSale` runs
/// for a member's sale with a print job, through plain SQLite with no lane code around
/// them, on a database of its own built like the lane's (the Ledger's schema and pragmas,
/// the same members and history).
///
/// One sample is `BEGIN IMMEDIATE`; the reads (a stored `txn`, the member, the balance);
/// the inserts (the transaction row with its canonical request, reply and lines, the
/// ledger entry, the print job with a receipt's bytes); the release of reservations; and
/// `COMMIT`, timed as a whole. The values are sized like a bench sale's (a 120-byte
/// canonical request, a 170-byte reply, a 211-byte print job). The member is picked at
/// random among all of them, as the bench's sales pick theirs, so the balance query and
/// the ledger index touch pages all over the file. Checkpoints run after a sample, untimed,
/// as the lane runs them after its print job.
///
/// The difference between this and `CommitFloor` is what the design's storage costs on
/// this disk (more b-trees, more WAL frames); what a `finalize` costs beyond this and
/// `LoopbackEcho` is the lane's own code.
final class SaleFloor: @unchecked Sendable {
    // @unchecked: `sqlite`, its statements and `generator` are used only on `queue`.
    private let sqlite: RawSQLite
    private let members: Int
    private let statements: [String: RawSQLite.Statement]
    private let queue = DispatchQueue(label: "lanegate-bench.sale-floor")
    private var generator: BenchGenerator
    private var next = 1

    private static let sql = [
        "begin": "BEGIN IMMEDIATE",
        "stored": "SELECT txn, kind, request_canonical, reply FROM transactions WHERE txn = ?",
        "member": "SELECT 1 FROM members WHERE id = ?",
        "balance": "SELECT COALESCE(SUM(points), 0) FROM ledger_entries WHERE member_id = ?",
        "transaction": """
        INSERT INTO transactions (txn, kind, request_canonical, reply, at_ms,
            member_id, total_minor, earned, lines)
        VALUES (?, 'sale', ?, ?, ?, ?, ?, ?, ?)
        """,
        "entry": """
        INSERT INTO ledger_entries (member_id, txn, kind, points, reference, at_ms)
        VALUES (?, ?, 'earn', ?, 'base', ?)
        """,
        "job": "INSERT INTO print_jobs (printer, txn, bytes, created_at_ms) VALUES (?, ?, ?, ?)",
        "release": """
        UPDATE vouchers SET reserved_txn = NULL, reserved_until_ms = NULL
        WHERE reserved_txn = ?
        """,
        "commit": "COMMIT",
        "checkpoint": "PRAGMA wal_checkpoint(PASSIVE)",
    ]

    /// Builds the database at `path` (which must not exist) with `members` members.
    init(path: String, members: Int, seed: UInt64) async throws {
        _ = try await BenchDatabase.create(path: path, members: members, seed: seed)
        sqlite = try RawSQLite(path: path)
        try sqlite.execute(
            """
            PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;
            PRAGMA wal_autocheckpoint = 0
            """)
        guard try sqlite.text("PRAGMA synchronous") == "2" else {
            throw BenchError("\(path): synchronous is not FULL (2)")
        }
        var prepared: [String: RawSQLite.Statement] = [:]
        for (name, text) in Self.sql { prepared[name] = try sqlite.prepare(text) }
        statements = prepared
        self.members = members
        generator = BenchGenerator(seed: seed ^ 0x5361_6c65)
    }

    /// Times `count` sales' commits, one after another; returns each one's duration.
    func measure(_ count: Int) async throws -> [Duration] {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try self.measureHere(count) })
            }
        }
    }

    /// Closes the database.
    func close() async {
        await withCheckedContinuation { continuation in
            queue.async {
                self.sqlite.close()
                continuation.resume()
            }
        }
    }

    private func measureHere(_ count: Int) throws -> [Duration] {
        let clock = ContinuousClock()
        var samples: [Duration] = []
        samples.reserveCapacity(count)
        for _ in 0..<count {
            let txn = "SALE-\(next)"
            next += 1
            let member = Int64(Int.random(in: 1...members, using: &generator))
            let cents = Int64.random(in: 500...3000, using: &generator)
            let at = Int64(Date().timeIntervalSince1970 * 1000)
            let canonical = String(repeating: "c", count: 120)
            let reply = String(repeating: "r", count: 170)
            let job = [UInt8](repeating: 0x41, count: 211)

            let start = clock.now
            try run("begin", [])
            try run("stored", [.text(txn)])
            try run("member", [.integer(member)])
            try run("balance", [.integer(member)])
            try run(
                "transaction",
                [
                    .text(txn), .text(canonical), .text(reply), .integer(at), .integer(member),
                    .integer(cents), .integer(cents / 100),
                    .text("1:113:87123456789061:14:\(cents)"),
                ])
            try run("entry", [.integer(member), .text(txn), .integer(cents / 100), .integer(at)])
            try run("job", [.text("printer"), .text(txn), .blob(job), .integer(at)])
            try run("release", [.text(txn)])
            try run("commit", [])
            samples.append(clock.now - start)
            // About 1000 WAL frames at 4 a sale: where the lane's own check would fire.
            if next % 250 == 0 { try run("checkpoint", []) }
        }
        return samples
    }

    private func run(_ name: String, _ values: [RawSQLite.Value]) throws(BenchError) {
        guard let statement = statements[name] else {
            throw BenchError("internal: no statement \(name)")
        }
        try statement.run(values)
    }
}
