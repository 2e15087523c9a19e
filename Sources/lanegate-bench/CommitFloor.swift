import Dispatch
import Foundation

/// The disk's commit floor: one SQLite commit of one ledger row, in WAL mode with
/// `synchronous=FULL`, on a database of its own in the bench folder.
///
/// The pragmas are the Ledger's (`LedgerStore.configure`), the table has
/// `ledger_entries`' columns and index, and each sample is `BEGIN IMMEDIATE`, one
/// `INSERT`, `COMMIT`, timed as a whole with `ContinuousClock`. With
/// `synchronous=FULL` in WAL mode SQLite syncs the WAL file at every commit
/// (https://sqlite.org/pragma.html#pragma_synchronous), so a sample is mostly one
/// `fsync(2)` of the WAL. It runs on a serial queue of its own, as the Ledger runs on a
/// thread of its own.
final class CommitFloor: QueuedSampler, @unchecked Sendable {
    // @unchecked: `sqlite` and its statements are used only on `queue`.
    let sqlite: RawSQLite
    private let begin: RawSQLite.Statement
    private let insert: RawSQLite.Statement
    private let commit: RawSQLite.Statement
    let queue = DispatchQueue(label: "lanegate-bench.floor")
    private var nextMember: Int64 = 1

    /// Creates the floor database at `path` (which must not exist).
    init(path: String) throws(BenchError) {
        sqlite = try RawSQLite(path: path)
        let mode = try sqlite.text("PRAGMA journal_mode = WAL")
        guard mode == "wal" else {
            throw BenchError("\(path): journal_mode is \(mode ?? "?"), not wal")
        }
        try sqlite.execute("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON")
        guard try sqlite.text("PRAGMA synchronous") == "2" else {
            throw BenchError("\(path): synchronous is not FULL (2)")
        }
        try sqlite.execute(
            """
            CREATE TABLE ledger_entries (
                id INTEGER PRIMARY KEY,
                member_id INTEGER NOT NULL,
                txn TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind <> ''),
                points INTEGER NOT NULL,
                reference TEXT,
                at_ms INTEGER NOT NULL
            ) STRICT;
            CREATE INDEX ledger_entries_by_member ON ledger_entries(member_id, id);
            """)
        begin = try sqlite.prepare("BEGIN IMMEDIATE")
        insert = try sqlite.prepare(
            """
            INSERT INTO ledger_entries (member_id, txn, kind, points, reference, at_ms)
            VALUES (?, ?, 'earn', ?, 'base', ?)
            """)
        commit = try sqlite.prepare("COMMIT")
    }

    func measureHere(_ count: Int) throws(BenchError) -> [Duration] {
        let clock = ContinuousClock()
        var samples: [Duration] = []
        samples.reserveCapacity(count)
        for _ in 0..<count {
            let member = nextMember
            nextMember += 1
            let at = Int64(Date().timeIntervalSince1970 * 1000)
            let txn = "FLOOR-\(member)"

            let start = clock.now
            try begin.run([])
            try insert.run([.integer(member), .text(txn), .integer(member % 40), .integer(at)])
            try commit.run([])
            samples.append(clock.now - start)
        }
        return samples
    }
}
