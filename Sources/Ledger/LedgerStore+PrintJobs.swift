import Foundation

extension LedgerStore {
    /// The jobs for `printer` that the printer has not confirmed, oldest first.
    public func pendingPrintJobs(printer: String) throws(LedgerError) -> [StoredPrintJob] {
        try connection.single("pendingPrintJobs") { () throws(LedgerError) in
            try connection.query(
                """
                SELECT \(StoredPrintJob.columns) FROM print_jobs
                WHERE id >= coalesce(
                        (SELECT confirmed_below FROM print_marks WHERE printer = ?1), 0)
                    AND printer = ?1 AND confirmed_at_ms IS NULL
                ORDER BY id
                """,
                [.text(printer)], row: StoredPrintJob.init(row:))
        }
    }

    /// The jobs a transaction created, oldest first (confirmed or not).
    public func printJobs(txn: String) throws(LedgerError) -> [StoredPrintJob] {
        try connection.single("printJobs(txn:)") { () throws(LedgerError) in
            try connection.query(
                "SELECT \(StoredPrintJob.columns) FROM print_jobs WHERE txn = ? ORDER BY id",
                [.text(txn)], row: StoredPrintJob.init(row:))
        }
    }

    /// The job with id `id`, or nil.
    public func printJob(id: Int64) throws(LedgerError) -> StoredPrintJob? {
        try connection.single("printJob") { () throws(LedgerError) in
            try printJobRow(id: id)
        }
    }

    /// Stores a job that belongs to no sale or refund (a balance slip, a reprint); returns
    /// its id. It is pending until `confirmPrintJob`.
    public func addPrintJob(_ job: NewPrintJob, txn: String? = nil, at: Date)
        throws(LedgerError) -> Int64
    {
        try connection.writeTransaction("addPrintJob") { () throws(LedgerError) in
            .commit(try insertPrintJob(job, txn: txn, at: at))
        }
    }

    /// Counts one more attempt to send job `jobID`.
    public func recordPrintAttempt(jobID: Int64, at: Date) throws(LedgerError) {
        try connection.writeTransaction("recordPrintAttempt") { () throws(LedgerError) in
            let changed = try connection.run(
                """
                UPDATE print_jobs SET attempts = attempts + 1, last_attempt_at_ms = ?
                WHERE id = ?
                """,
                [.integer(at.unixMilliseconds), .integer(jobID)])
            guard changed == 1 else {
                throw unknownPrintJob(jobID)
            }
            return .commit(())
        }
    }

    /// Marks job `jobID` printed, with the evidence (`"completion"`, `"status"`,
    /// `"written"`, …). A second confirmation keeps the first one's time and evidence.
    public func confirmPrintJob(jobID: Int64, evidence: String, at: Date)
        throws(LedgerError)
    {
        try connection.writeTransaction("confirmPrintJob") { () throws(LedgerError) in
            let changed = try connection.run(
                """
                UPDATE print_jobs SET confirmed_at_ms = ?, evidence = ?
                WHERE id = ? AND confirmed_at_ms IS NULL
                """,
                [.integer(at.unixMilliseconds), .text(evidence), .integer(jobID)])
            // No change: either already confirmed (kept as it was) or no such job.
            if changed == 0 {
                if try printJobRow(id: jobID) == nil {
                    throw unknownPrintJob(jobID)
                }
                return .commit(())
            }
            try advanceMark(confirmed: jobID)
            return .commit(())
        }
    }

    // MARK: Shared steps

    /// Moves the confirmed job's printer's mark up to its first job still pending (or past
    /// the last job): a range scan from the old mark, short while the printer keeps up.
    private func advanceMark(confirmed jobID: Int64) throws(LedgerError) {
        try connection.run(
            """
            INSERT INTO print_marks (printer, confirmed_below)
            SELECT job.printer, coalesce(
                (SELECT min(id) FROM print_jobs
                 WHERE id >= coalesce(mark.confirmed_below, 0)
                     AND printer = job.printer AND confirmed_at_ms IS NULL),
                (SELECT max(id) + 1 FROM print_jobs))
            FROM print_jobs AS job
            LEFT JOIN print_marks AS mark ON mark.printer = job.printer
            WHERE job.id = ?
            ON CONFLICT (printer) DO UPDATE SET confirmed_below = excluded.confirmed_below
            """,
            [.integer(jobID)])
    }

    func printJobRow(id: Int64) throws(LedgerError) -> StoredPrintJob? {
        try connection.queryFirst(
            "SELECT \(StoredPrintJob.columns) FROM print_jobs WHERE id = ?", [.integer(id)],
            row: StoredPrintJob.init(row:))
    }

    func insertPrintJob(_ job: NewPrintJob, txn: String?, at: Date) throws(LedgerError)
        -> Int64
    {
        try connection.run(
            "INSERT INTO print_jobs (printer, txn, bytes, created_at_ms) VALUES (?, ?, ?, ?)",
            [.text(job.printer), .text(txn), .blob(job.bytes), .integer(at.unixMilliseconds)])
        return connection.lastInsertRowID
    }

    private func unknownPrintJob(_ id: Int64) -> LedgerError {
        connection.error(.unknownPrintJob, "no print job has id \(id)")
    }
}
