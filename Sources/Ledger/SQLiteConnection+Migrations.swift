extension SQLiteConnection {
    /// The database's schema version. Reads `PRAGMA user_version`.
    func userVersion() throws(LedgerError) -> Int {
        try queryFirst("PRAGMA user_version") { $0.int(0) } ?? 0
    }

    /// Brings the schema to `LedgerSchema.latestVersion`, one migration per transaction.
    ///
    /// The version is read again inside each `BEGIN IMMEDIATE`, so two lanes starting at
    /// once apply each migration exactly once. A database at a version this code does not
    /// know is refused before anything is written.
    func migrate() throws(LedgerError) {
        for migration in LedgerSchema.migrations {
            try writeTransaction("migrate") { () throws(LedgerError) -> TransactionEnd<Void> in
                let current = try userVersion()
                guard current <= LedgerSchema.latestVersion else {
                    throw tooNew(current)
                }
                guard current == migration.version - 1 else {
                    return .commit(())
                }
                try executeScript(
                    migration.sql,
                    step: "migration \(migration.version) "
                        + "(\(migration.name))")
                // PRAGMA takes no bound parameters; the version is an integer literal.
                try executeScript(
                    "PRAGMA user_version = \(migration.version)",
                    step: "PRAGMA user_version = \(migration.version)")
                return .commit(())
            }
        }

        let current = try userVersion()
        guard current <= LedgerSchema.latestVersion else {
            throw tooNew(current)
        }
    }

    private func tooNew(_ version: Int) -> LedgerError {
        LedgerError(
            kind: .schemaTooNew,
            message: "the database is at schema version \(version), this lanegate knows up "
                + "to version \(LedgerSchema.latestVersion)",
            step: "migrate", path: path)
    }
}
