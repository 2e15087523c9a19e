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
/// canonical request, a 170-byte reply, a 211-byte print job) and bound in place from
/// buffers made before the clock starts, so the time is SQLite's and the disk's, not
/// Swift's string bridging. The member is picked at random among all of them, as the
/// bench's sales pick theirs, so the balance query and the ledger index touch pages all
/// over the file. Checkpoints run after a sample, untimed, as the lane runs them after
/// its print job.
///
/// The difference between this and `CommitFloor` is what the design's storage costs on
/// this disk (four b-trees written instead of two, and the reads); what a `finalize` costs
/// beyond this and `LoopbackEcho` is the lane's own code.
final class SaleFloor: QueuedSampler, @unchecked Sendable {
    // @unchecked: `sqlite`, its statements, the buffers and `generator` are used only on
    // `queue`.
    let sqlite: RawSQLite
    private let members: Int
    private let begin, stored, member, balance, transaction, entry, job, release, commit,
        checkpoint: RawSQLite.Statement
    let queue = DispatchQueue(label: "lanegate-bench.sale-floor")
    private var generator: BenchGenerator
    private var next = 1
    /// The values bound in place: the canonical request, the reply, the receipt's bytes,
    /// the packed lines, the txn (rewritten for each sample), and the printer's name.
    private let canonical = Buffer(repeating: UInt8(ascii: "c"), count: 120)
    private let reply = Buffer(repeating: UInt8(ascii: "r"), count: 170)
    private let receipt = Buffer(repeating: 0x41, count: 211)
    private let lines = Buffer(Array("1:113:87123456789061:14:1750".utf8))
    private let txn = Buffer(repeating: 0, count: 32)
    private let printer = Buffer(Array("printer".utf8))

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
        begin = try sqlite.prepare("BEGIN IMMEDIATE")
        stored = try sqlite.prepare(
            "SELECT txn, kind, request_canonical, reply FROM transactions WHERE txn = ?")
        member = try sqlite.prepare("SELECT 1 FROM members WHERE id = ?")
        balance = try sqlite.prepare(
            "SELECT COALESCE(SUM(points), 0) FROM ledger_entries WHERE member_id = ?")
        transaction = try sqlite.prepare(
            """
            INSERT INTO transactions (txn, kind, request_canonical, reply, at_ms,
                member_id, total_minor, earned, lines)
            VALUES (?, 'sale', ?, ?, ?, ?, ?, ?, ?)
            """)
        entry = try sqlite.prepare(
            """
            INSERT INTO ledger_entries (member_id, txn, kind, points, reference, at_ms)
            VALUES (?, ?, 'earn', ?, 'base', ?)
            """)
        job = try sqlite.prepare(
            "INSERT INTO print_jobs (printer, txn, bytes, created_at_ms) VALUES (?, ?, ?, ?)")
        release = try sqlite.prepare(
            """
            UPDATE vouchers SET reserved_txn = NULL, reserved_until_ms = NULL
            WHERE reserved_txn = ?
            """)
        commit = try sqlite.prepare("COMMIT")
        checkpoint = try sqlite.prepare("PRAGMA wal_checkpoint(PASSIVE)")
        self.members = members
        generator = BenchGenerator(seed: seed ^ 0x5361_6c65)
    }

    func measureHere(_ count: Int) throws(BenchError) -> [Duration] {
        let clock = ContinuousClock()
        var samples: [Duration] = []
        samples.reserveCapacity(count)
        for _ in 0..<count {
            let name = Array("SALE-\(next)".utf8)
            next += 1
            txn.pointer.update(from: name, count: name.count)
            let id = Int64(Int.random(in: 1...members, using: &generator))
            let cents = Int64.random(in: 500...3000, using: &generator)
            let at = Int64(Date().timeIntervalSince1970 * 1000)
            let (t, n) = (txn.pointer, name.count)

            let start = clock.now
            try begin.runBound()
            try stored.bind(1, bytes: t, count: n)
            try stored.runBound()
            try member.bind(1, id)
            try member.runBound()
            try balance.bind(1, id)
            try balance.runBound()
            try transaction.bind(1, bytes: t, count: n)
            try transaction.bind(2, bytes: canonical.pointer, count: canonical.count)
            try transaction.bind(3, bytes: reply.pointer, count: reply.count)
            try transaction.bind(4, at)
            try transaction.bind(5, id)
            try transaction.bind(6, cents)
            try transaction.bind(7, cents / 100)
            try transaction.bind(8, bytes: lines.pointer, count: lines.count)
            try transaction.runBound()
            try entry.bind(1, id)
            try entry.bind(2, bytes: t, count: n)
            try entry.bind(3, cents / 100)
            try entry.bind(4, at)
            try entry.runBound()
            try job.bind(1, bytes: printer.pointer, count: printer.count)
            try job.bind(2, bytes: t, count: n)
            try job.bind(3, bytes: receipt.pointer, count: receipt.count, blob: true)
            try job.bind(4, at)
            try job.runBound()
            try release.bind(1, bytes: t, count: n)
            try release.runBound()
            try commit.runBound()
            samples.append(clock.now - start)
            // About 1000 WAL frames at 4 a sale: where the lane's own check would fire.
            if next % 250 == 0 { try checkpoint.runBound() }
        }
        return samples
    }

    /// Bytes at a fixed address for `SQLITE_STATIC` binding, freed with the floor.
    private final class Buffer {
        let pointer: UnsafeMutablePointer<UInt8>
        let count: Int

        init(repeating byte: UInt8, count: Int) {
            pointer = .allocate(capacity: count)
            pointer.initialize(repeating: byte, count: count)
            self.count = count
        }

        convenience init(_ bytes: [UInt8]) {
            self.init(repeating: 0, count: bytes.count)
            pointer.update(from: bytes, count: bytes.count)
        }

        deinit {
            pointer.deallocate()
        }
    }
}
