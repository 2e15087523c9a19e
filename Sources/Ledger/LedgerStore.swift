import Foundation

/// The lane's loyalty state in one SQLite database: members, the append-only points
/// ledger, vouchers, finalized transactions and print jobs.
///
/// One connection, owned by this actor, used only on the actor's own thread (see
/// `ThreadExecutor`): a commit waits for its `fsync` and another lane's write lock there,
/// never on the threads that serve the POS link and the scanner. Several lanes on one
/// machine share the file; WAL lets them read while one writes
/// (https://sqlite.org/wal.html). Every check-then-change runs as one conditional write
/// inside `BEGIN IMMEDIATE` (https://sqlite.org/lang_transaction.html), so two lanes never
/// both win; a lane that cannot get the write lock within `busyTimeout` gets a
/// `LedgerError` with `isBusy` and nothing is changed.
///
/// WAL checkpoints run at SQLite's own threshold (1000 pages, `PASSIVE`), but on the
/// store's thread right after the job whose commit made one due, not inside that
/// `COMMIT`: the caller already has its answer (see `deferCheckpoints()`).
///
/// Times are stored as Unix milliseconds, so a `Date` comes back rounded to the
/// millisecond.
public actor LedgerStore {
    /// The database file.
    public nonisolated let path: String
    /// How long a write waits for another connection's write lock.
    public nonisolated let busyTimeout: Duration

    let connection: SQLiteConnection
    private let openedVersion: Int
    private let executor: ThreadExecutor

    /// The actor's executor: its own thread.
    public nonisolated var unownedExecutor: UnownedSerialExecutor {
        executor.asUnownedSerialExecutor()
    }

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    ///
    /// Sets `journal_mode=WAL` (refusing a file system where WAL is not possible),
    /// `synchronous=FULL` so that a commit survives a power cut, and `foreign_keys=ON`
    /// (https://sqlite.org/pragma.html#pragma_journal_mode,
    /// https://sqlite.org/pragma.html#pragma_synchronous,
    /// https://sqlite.org/pragma.html#pragma_foreign_keys). Opening runs on the caller's
    /// thread, once, at startup. A database written by a newer lanegate is refused with
    /// `LedgerError.Kind.schemaTooNew`.
    public init(path: String, busyTimeout: Duration = .seconds(2)) throws(LedgerError) {
        try self.init(path: path, busyTimeout: busyTimeout, onBusyWait: nil)
    }

    /// Opens the store; `onBusyWait` runs on the store's thread each time a write starts
    /// waiting for another connection's lock (the lane logs it; tests use it to collide
    /// lanes on purpose).
    public init(path: String, busyTimeout: Duration, onBusyWait: (@Sendable () -> Void)?)
        throws(LedgerError)
    {
        let waiter = SQLiteBusyWaiter(timeout: busyTimeout, onWait: onBusyWait)
        let connection = try SQLiteConnection(path: path, busyWaiter: waiter)
        try Self.configure(connection, busyTimeout: busyTimeout)
        try connection.migrate()
        connection.deferCheckpoints()

        self.path = path
        self.busyTimeout = busyTimeout
        self.connection = connection
        self.openedVersion = try connection.userVersion()
        // A job that committed has resumed its caller (the reply can go out) before a
        // checkpoint it made due runs here; a later job waits for it as before.
        self.executor = ThreadExecutor(name: "lanegate.ledger") { [weak connection] in
            connection?.checkpointIfDue()
        }
    }

    deinit {
        executor.stop()
    }

    /// Runs `body` on the calling thread while nothing else runs on this store's executor
    /// (after the job running now, before the next), so that `body` may enter the store,
    /// and any actor sharing its executor, with `assumeIsolated`.
    ///
    /// For a caller that must answer without a thread hop: the lane answers a POS request
    /// on the connection's reader thread this way. `body` should be short; a commit's
    /// `fsync` inside it blocks only the calling thread (and any other caller waiting for
    /// its turn, as a queue would). A deferred WAL checkpoint runs after `body`, as after a
    /// job.
    public nonisolated func runExclusively<T>(_ body: () throws -> T) rethrows -> T {
        try executor.runExclusively(body)
    }

    /// How many jobs, closures and turns wait in line now (for tests of the order).
    nonisolated var queuedWork: Int { executor.queuedCount }

    /// Runs `work` on the store's thread, after the work queued before it, as one of the
    /// store's jobs: inside it the store, and any actor sharing its executor, may be
    /// entered with `assumeIsolated`. For callers on other threads that need not wait
    /// (the lane's scans); async callers just call the store's methods.
    public nonisolated func enqueue(_ work: @escaping @Sendable () -> Void) {
        executor.enqueue(work)
    }

    /// Closes the connection (finalizing every cached statement); later calls throw
    /// `LedgerError.Kind.closed`. Wraps `sqlite3_close`.
    public func close() {
        // sqlite3_close fails only while statements are unfinalized, and close() finalizes
        // them all first; should it fail anyway, deinit closes with sqlite3_close_v2.
        try? connection.close()
    }

    /// The schema version of the database (`PRAGMA user_version`).
    public var schemaVersion: Int {
        (try? connection.single("schemaVersion") { () throws(LedgerError) in
            try connection.userVersion()
        }) ?? openedVersion
    }

    /// The value of `PRAGMA name` on this store's connection, for diagnostics and tests.
    func pragma(_ name: String) throws(LedgerError) -> String {
        try connection.single("pragma") { () throws(LedgerError) in
            try connection.queryFirst("PRAGMA \(name)") { $0.text(0) } ?? ""
        }
    }

    private static func configure(_ connection: SQLiteConnection, busyTimeout: Duration)
        throws(LedgerError)
    {
        // journal_mode answers with the mode now in effect, which stays the old one where
        // WAL is impossible (https://sqlite.org/wal.html, "Activating And Configuring").
        let mode = try switchToWAL(connection, busyTimeout: busyTimeout)
        guard mode?.lowercased() == "wal" else {
            throw LedgerError(
                kind: .configuration,
                message: "journal_mode is \(mode ?? "unknown"), not wal; WAL needs a local "
                    + "file system with shared memory (not NFS or SMB)",
                step: "open: PRAGMA journal_mode = WAL", path: connection.path)
        }

        try connection.run("PRAGMA synchronous = FULL")
        try connection.run("PRAGMA foreign_keys = ON")
        let synchronous = try connection.queryFirst("PRAGMA synchronous") { $0.integer(0) }
        let foreignKeys = try connection.queryFirst("PRAGMA foreign_keys") { $0.integer(0) }
        guard synchronous == 2, foreignKeys == 1 else {
            throw LedgerError(
                kind: .configuration,
                message: "synchronous is \(synchronous ?? -1) (want 2, FULL) and foreign_keys "
                    + "is \(foreignKeys ?? -1) (want 1)",
                step: "open: PRAGMA synchronous, foreign_keys", path: connection.path)
        }
    }

    /// `PRAGMA journal_mode = WAL`, tried again while another connection holds the lock,
    /// up to `busyTimeout`.
    ///
    /// Two lanes opening a new file at once both read it, then both need the exclusive
    /// lock to switch it to WAL. SQLite answers one of them `SQLITE_BUSY` at once instead of
    /// calling the busy handler, as waiting could deadlock
    /// (https://sqlite.org/c3ref/busy_handler.html); once the other has switched, the file
    /// is in WAL and this one's retry succeeds.
    private static func switchToWAL(_ connection: SQLiteConnection, busyTimeout: Duration)
        throws(LedgerError) -> String?
    {
        let deadline = ContinuousClock.now + busyTimeout
        var attempt = 0
        while true {
            do {
                return try connection.queryFirst("PRAGMA journal_mode = WAL") { $0.text(0) }
            } catch  where error.kind == .busy && ContinuousClock.now < deadline {
                Thread.sleep(forTimeInterval: Double(1 << min(attempt, 4)) / 1000)
                attempt += 1
            }
        }
    }
}
