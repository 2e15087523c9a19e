import CSQLite

/// How a write transaction's body wants it to end.
enum TransactionEnd<Value> {
    /// Keep every change.
    case commit(Value)
    /// Undo every change, and return `Value` (a refusal, not an error).
    case rollback(Value)
}

extension SQLiteConnection {
    /// Runs `body` inside `BEGIN IMMEDIATE` … `COMMIT`, rolling back on a throw.
    ///
    /// `BEGIN IMMEDIATE` takes the database's write lock before the first read, so every
    /// check the body makes holds until its commit; a lane that cannot get the lock within
    /// the busy timeout gets `LedgerError.Kind.busy` before anything is read or written.
    /// A deferred transaction that reads and then writes would instead fail with
    /// `SQLITE_BUSY_SNAPSHOT` when another lane wrote in between
    /// (https://sqlite.org/lang_transaction.html, "Read transactions versus write
    /// transactions"; https://sqlite.org/wal.html, "Concurrency").
    func writeTransaction<Value>(
        _ operation: String,
        _ body: () throws(LedgerError) -> TransactionEnd<Value>
    ) throws(LedgerError) -> Value {
        self.operation = operation
        try run("BEGIN IMMEDIATE")
        do {
            switch try body() {
            case .commit(let value):
                try run("COMMIT")
                return value
            case .rollback(let value):
                try run("ROLLBACK")
                return value
            }
        } catch {
            rollbackAfterError()
            throw error
        }
    }

    /// Runs `body`, whose statements only read, in one read transaction, so that it sees a
    /// single snapshot of the database (https://sqlite.org/wal.html, "Concurrency").
    func readTransaction<Value>(
        _ operation: String,
        _ body: () throws(LedgerError) -> Value
    ) throws(LedgerError) -> Value {
        self.operation = operation
        try run("BEGIN DEFERRED")
        do {
            let value = try body()
            try run("COMMIT")
            return value
        } catch {
            rollbackAfterError()
            throw error
        }
    }

    /// Runs `body` outside any explicit transaction: for one statement, which SQLite runs
    /// in a transaction of its own.
    func single<Value>(
        _ operation: String,
        _ body: () throws(LedgerError) -> Value
    ) throws(LedgerError) -> Value {
        self.operation = operation
        return try body()
    }

    /// Ends a failed transaction. Some errors (`SQLITE_FULL`, `SQLITE_IOERR`, …) already
    /// rolled it back (https://sqlite.org/lang_transaction.html, "Response To Errors
    /// Within A Transaction"), so ROLLBACK is sent only while one is still open; its own
    /// failure is not reported, since the first error is the one that explains.
    private func rollbackAfterError() {
        guard isOpen, !isAutocommit else {
            return
        }
        _ = try? run("ROLLBACK")
    }
}
