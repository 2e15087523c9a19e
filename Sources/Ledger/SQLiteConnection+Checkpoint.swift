import CSQLite

extension SQLiteConnection {
    /// SQLite's own auto-checkpoint threshold: a checkpoint is due once the WAL holds this
    /// many pages (https://sqlite.org/c3ref/wal_autocheckpoint.html, default 1000).
    static let checkpointPages: Int32 = 1000

    /// Replaces SQLite's automatic checkpoint, which runs inside the `COMMIT` that crosses
    /// the threshold, with a note that one is due; `checkpointIfDue()` then runs it once
    /// the caller has its answer. Wraps `sqlite3_wal_hook`
    /// (https://sqlite.org/c3ref/wal_hook.html), which replaces the auto-checkpoint hook.
    ///
    /// The hook is called after each commit with the number of pages in the WAL. A
    /// checkpoint with `synchronous=FULL` writes the pages back and syncs both files
    /// (several milliseconds); inside `COMMIT` it delayed the sale that happened to cross
    /// the threshold, one in every few dozen.
    func deferCheckpoints() {
        guard let db = rawHandle else { return }
        let context = Unmanaged.passUnretained(self).toOpaque()
        sqlite3_wal_hook(db, walCommitHook, context)
    }

    /// Runs the checkpoint a commit found due, in SQLite's automatic mode (`PASSIVE`: it
    /// copies what no reader still needs and waits for no one). Wraps
    /// `sqlite3_wal_checkpoint_v2` (https://sqlite.org/c3ref/wal_checkpoint_v2.html).
    ///
    /// A failure is not reported: the commits are durable in the WAL either way, and the
    /// next commit past the threshold asks again, as SQLite's own auto-checkpoint does.
    func checkpointIfDue() {
        guard checkpointDue, let db = rawHandle, isAutocommit else { return }
        checkpointDue = false
        var logPages: Int32 = 0
        var copiedPages: Int32 = 0
        _ = sqlite3_wal_checkpoint_v2(
            db, "main", SQLITE_CHECKPOINT_PASSIVE, &logPages, &copiedPages)
    }
}

private func walCommitHook(
    _ context: UnsafeMutableRawPointer?, _ db: OpaquePointer?,
    _ name: UnsafePointer<CChar>?, _ pages: Int32
) -> Int32 {
    guard let context else { return SQLITE_OK }
    let connection = Unmanaged<SQLiteConnection>.fromOpaque(context).takeUnretainedValue()
    if pages >= SQLiteConnection.checkpointPages {
        connection.checkpointDue = true
    }
    return SQLITE_OK
}
