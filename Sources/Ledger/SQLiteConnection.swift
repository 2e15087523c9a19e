import CSQLite

/// One SQLite connection with its cache of prepared statements.
///
/// Not `Sendable`: `LedgerStore` owns it and uses it from its own thread only. Every result
/// code is checked where it is returned and turned into a `LedgerError` that names the
/// operation, the SQL step and `sqlite3_errmsg`.
final class SQLiteConnection {
    /// The database file, for error messages.
    let path: String
    /// The public operation in progress, for error messages (`reserveVoucher`, …).
    var operation = "open"
    /// Whether a commit left the WAL past the checkpoint threshold (see
    /// `deferCheckpoints()`).
    var checkpointDue = false

    private var db: OpaquePointer?
    private var statements: [String: SQLiteStatement] = [:]
    private let busyWaiter: SQLiteBusyWaiter

    /// Opens (creating if needed) the database at `path`. Wraps `sqlite3_open_v2`.
    init(path: String, busyWaiter: SQLiteBusyWaiter) throws(LedgerError) {
        self.path = path
        self.busyWaiter = busyWaiter

        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        let rc = sqlite3_open_v2(path, &handle, flags, nil)
        guard rc == SQLITE_OK, let handle else {
            let message =
                handle.map { String(cString: sqlite3_errmsg($0)) }
                ?? String(cString: sqlite3_errstr(rc))
            sqlite3_close_v2(handle)
            throw LedgerError.sqlite(
                rc, message: message, step: "open: sqlite3_open_v2",
                path: path)
        }
        db = handle

        // Extended codes tell SQLITE_BUSY_SNAPSHOT from SQLITE_BUSY and the constraint kind.
        try check(sqlite3_extended_result_codes(handle, 1), "sqlite3_extended_result_codes")
        try check(busyWaiter.install(on: handle), "sqlite3_busy_handler")
    }

    deinit {
        // `close()` is the normal path; this only keeps an abandoned store from leaking.
        statements.removeAll()
        if let db {
            sqlite3_close_v2(db)
        }
    }

    /// Finalizes every cached statement and closes the connection. Wraps `sqlite3_close`.
    func close() throws(LedgerError) {
        guard let db else {
            return
        }
        statements.removeAll()
        let rc = sqlite3_close(db)
        guard rc == SQLITE_OK else {
            throw failure(rc, "sqlite3_close")
        }
        self.db = nil
    }

    /// Whether the connection is still open.
    var isOpen: Bool { db != nil }

    /// The open handle, or nil once closed.
    var rawHandle: OpaquePointer? { db }

    /// The rowid of the last row inserted. Wraps `sqlite3_last_insert_rowid`.
    var lastInsertRowID: Int64 {
        db.map { sqlite3_last_insert_rowid($0) } ?? 0
    }

    /// Whether no transaction is open. Wraps `sqlite3_get_autocommit`.
    var isAutocommit: Bool {
        db.map { sqlite3_get_autocommit($0) != 0 } ?? true
    }

    // MARK: Running SQL

    /// Runs `sql` (one or more statements, no parameters, nothing cached). Wraps `sqlite3_exec`.
    func executeScript(_ sql: String, step: String) throws(LedgerError) {
        let db = try handle()
        var errorMessage: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(db, sql, nil, nil, &errorMessage)
        guard rc == SQLITE_OK else {
            let message =
                errorMessage.map { String(cString: $0) }
                ?? String(cString: sqlite3_errmsg(db))
            sqlite3_free(errorMessage)
            throw LedgerError.sqlite(
                sqlite3_extended_errcode(db), message: message,
                step: "\(operation): \(step)", path: path)
        }
    }

    /// Runs one statement with `values` bound; returns the rows it changed.
    @discardableResult
    func run(_ sql: String, _ values: [SQLValue] = []) throws(LedgerError) -> Int {
        let db = try handle()
        let statement = try prepared(sql)
        defer { statement.reset() }
        try bind(values, to: statement)
        while try step(statement) {}
        return Int(sqlite3_changes64(db))
    }

    /// Runs one query with `values` bound and maps each row with `row`.
    func query<T>(
        _ sql: String, _ values: [SQLValue] = [],
        row: (SQLiteRow) throws(LedgerError) -> T
    ) throws(LedgerError) -> [T] {
        let statement = try prepared(sql)
        defer { statement.reset() }
        try bind(values, to: statement)

        var results: [T] = []
        while try step(statement) {
            results.append(try row(SQLiteRow(statement: statement.handle)))
        }
        return results
    }

    /// The first row of a query, mapped with `row`, or nil when there is none.
    func queryFirst<T>(
        _ sql: String, _ values: [SQLValue] = [],
        row: (SQLiteRow) throws(LedgerError) -> T
    ) throws(LedgerError) -> T? {
        let statement = try prepared(sql)
        defer { statement.reset() }
        try bind(values, to: statement)
        guard try step(statement) else {
            return nil
        }
        return try row(SQLiteRow(statement: statement.handle))
    }

    // MARK: Errors

    /// Throws unless `rc` is `SQLITE_OK`.
    func check(_ rc: Int32, _ step: String) throws(LedgerError) {
        guard rc == SQLITE_OK else {
            throw failure(rc, step)
        }
    }

    /// The error for result code `rc` of `step`, with `sqlite3_errmsg` read at once.
    func failure(_ rc: Int32, _ step: String) -> LedgerError {
        let message =
            db.map { String(cString: sqlite3_errmsg($0)) }
            ?? String(cString: sqlite3_errstr(rc))
        return LedgerError.sqlite(
            rc, message: message, step: "\(operation): \(step)",
            path: path)
    }

    /// An error of `kind` for the current operation.
    func error(_ kind: LedgerError.Kind, _ message: String) -> LedgerError {
        LedgerError(kind: kind, message: message, step: operation, path: path)
    }

    // MARK: Statements

    private func handle() throws(LedgerError) -> OpaquePointer {
        guard let db else {
            throw error(.closed, "the ledger store is closed")
        }
        return db
    }

    /// The cached statement for `sql`, prepared on first use. Wraps `sqlite3_prepare_v3`
    /// with `SQLITE_PREPARE_PERSISTENT` (https://sqlite.org/c3ref/prepare.html).
    private func prepared(_ sql: String) throws(LedgerError) -> SQLiteStatement {
        let db = try handle()
        if let statement = statements[sql] {
            return statement
        }
        var handle: OpaquePointer?
        let flags = UInt32(SQLITE_PREPARE_PERSISTENT)
        let rc = sqlite3_prepare_v3(db, sql, -1, flags, &handle, nil)
        guard rc == SQLITE_OK, let handle else {
            sqlite3_finalize(handle)
            throw failure(rc, "prepare \(SQLiteStatement.condensed(sql))")
        }
        let statement = SQLiteStatement(handle: handle, sql: sql)
        statements[sql] = statement
        return statement
    }

    private func bind(_ values: [SQLValue], to statement: SQLiteStatement)
        throws(LedgerError)
    {
        for (offset, value) in values.enumerated() {
            let rc = statement.bind(value, at: Int32(offset + 1))
            guard rc == SQLITE_OK else {
                throw failure(rc, "bind ?\(offset + 1) of \(statement.condensedSQL)")
            }
        }
    }

    /// Steps `statement`: true for a row, false when done. Wraps `sqlite3_step`.
    private func step(_ statement: SQLiteStatement) throws(LedgerError) -> Bool {
        switch sqlite3_step(statement.handle) {
        case SQLITE_ROW:
            return true
        case SQLITE_DONE:
            return false
        case let rc:
            throw failure(rc, statement.condensedSQL)
        }
    }
}
