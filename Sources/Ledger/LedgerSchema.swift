/// The ledger's schema, as an append-only list of migrations.
///
/// Each migration runs in its own transaction and sets `PRAGMA user_version` to its
/// version (https://sqlite.org/pragma.html#pragma_user_version), so a database is always
/// at one version and a crash mid-migration leaves the previous one. A shipped migration
/// is never edited: a change to the schema is a new migration at the end.
enum LedgerSchema {
    /// One step from version `version - 1` to `version`.
    struct Migration {
        let version: Int
        let name: String
        let sql: String
    }

    /// The version this code writes; a database with a higher one is refused.
    static var latestVersion: Int { migrations.last?.version ?? 0 }

    /// Every migration, in order, versions 1, 2, 3, … without gaps.
    ///
    /// Version 1 was last changed before any database was deployed (the sale's record and
    /// lines in its `transactions` row, `WITHOUT ROWID` for the text-keyed tables, so that
    /// a sale touches fewer b-trees: see docs/performance.md); from the first release on
    /// it is frozen like every other.
    static let migrations: [Migration] = [
        Migration(
            version: 1, name: "members, ledger, transactions, vouchers, print jobs",
            sql: version1)
    ]

    // Times are Unix milliseconds (INTEGER), money is minor units (INTEGER), points are
    // INTEGER (64-bit). STRICT tables refuse a value of the wrong type
    // (https://sqlite.org/stricttables.html).
    private static let version1 = """
        CREATE TABLE members (
            id INTEGER PRIMARY KEY,
            card TEXT NOT NULL UNIQUE,
            tier TEXT NOT NULL,
            enrolled_at_ms INTEGER NOT NULL
        ) STRICT;

        -- One row per finalized sale or refund: the idempotency record.
        -- WITHOUT ROWID where the key is text: one b-tree per table, not a table and
        -- its key's index (https://sqlite.org/withoutrowid.html).
        -- A sale's own record is in its idempotency row (one row, one b-tree page per
        -- sale): member_id, total_minor, earned and lines, the basket lines packed in one
        -- text (SaleLine.packed). They are NULL in a refund's row; lines is NOT NULL
        -- exactly in a sale's.
        CREATE TABLE transactions (
            txn TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            request_canonical TEXT NOT NULL,
            reply TEXT NOT NULL,
            at_ms INTEGER NOT NULL,
            member_id INTEGER REFERENCES members(id),
            total_minor INTEGER,
            earned INTEGER,
            lines TEXT,
            CHECK ((total_minor IS NULL) = (lines IS NULL)
                AND (earned IS NULL) = (lines IS NULL)
                AND (member_id IS NULL OR lines IS NOT NULL))
        ) STRICT, WITHOUT ROWID;

        -- lines: per refunded line, the quantity and amount given back, packed likewise.
        CREATE TABLE refunds (
            id INTEGER PRIMARY KEY,
            txn TEXT NOT NULL UNIQUE REFERENCES transactions(txn),
            original_txn TEXT NOT NULL REFERENCES transactions(txn),
            refunded_minor INTEGER NOT NULL CHECK (refunded_minor >= 0),
            reversed_points INTEGER NOT NULL CHECK (reversed_points >= 0),
            lines TEXT NOT NULL
        ) STRICT;
        CREATE INDEX refunds_by_original ON refunds(original_txn, id);

        -- Append-only: a balance is the SUM of a member's entries.
        CREATE TABLE ledger_entries (
            id INTEGER PRIMARY KEY,
            member_id INTEGER NOT NULL REFERENCES members(id),
            txn TEXT NOT NULL REFERENCES transactions(txn),
            kind TEXT NOT NULL CHECK (kind <> ''),
            points INTEGER NOT NULL,
            reference TEXT,
            at_ms INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX ledger_entries_by_member ON ledger_entries(member_id, id);

        CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
        BEGIN
            SELECT RAISE(ABORT,
                'ledger_entries is append-only: insert a reversing entry instead');
        END;
        CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
        BEGIN
            SELECT RAISE(ABORT,
                'ledger_entries is append-only: insert a reversing entry instead');
        END;

        CREATE TABLE vouchers (
            code TEXT PRIMARY KEY,
            member_id INTEGER REFERENCES members(id),
            reward_id TEXT NOT NULL,
            title TEXT NOT NULL,
            amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
            issued_txn TEXT REFERENCES transactions(txn),
            issued_at_ms INTEGER NOT NULL,
            expires_at_ms INTEGER NOT NULL,
            usage_limit INTEGER NOT NULL CHECK (usage_limit >= 1),
            use_count INTEGER NOT NULL DEFAULT 0
                CHECK (use_count >= 0 AND use_count <= usage_limit),
            reserved_txn TEXT,
            reserved_until_ms INTEGER,
            used_txn TEXT,
            CHECK ((reserved_txn IS NULL) = (reserved_until_ms IS NULL))
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX vouchers_by_reservation ON vouchers(reserved_txn)
            WHERE reserved_txn IS NOT NULL;

        -- Every use of a voucher, append-only; vouchers.use_count counts them.
        CREATE TABLE voucher_uses (
            code TEXT NOT NULL REFERENCES vouchers(code),
            txn TEXT NOT NULL REFERENCES transactions(txn),
            at_ms INTEGER NOT NULL,
            PRIMARY KEY (code, txn)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE print_jobs (
            id INTEGER PRIMARY KEY,
            printer TEXT NOT NULL,
            txn TEXT REFERENCES transactions(txn),
            bytes BLOB NOT NULL,
            created_at_ms INTEGER NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            last_attempt_at_ms INTEGER,
            confirmed_at_ms INTEGER,
            evidence TEXT
        ) STRICT;
        -- Jobs are never deleted, so ids only grow and a mark below stays true.
        CREATE TRIGGER print_jobs_no_delete BEFORE DELETE ON print_jobs
        BEGIN
            SELECT RAISE(ABORT, 'print_jobs keeps every job: confirm it instead');
        END;

        -- Per printer, an id below which every job is confirmed: the pending jobs are a
        -- short range scan of print_jobs from there. It changes when a job is confirmed,
        -- so a sale's commit adds a job without touching an index.
        CREATE TABLE print_marks (
            printer TEXT PRIMARY KEY,
            confirmed_below INTEGER NOT NULL
        ) STRICT, WITHOUT ROWID;
        """
}
