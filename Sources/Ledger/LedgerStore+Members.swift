import Foundation

extension LedgerStore {
    /// The member holding `card`, or nil.
    public func member(card: String) throws(LedgerError) -> StoredMember? {
        try connection.single("member(card:)") { () throws(LedgerError) in
            try memberRow(card: card)
        }
    }

    /// The member with id `id`, or nil.
    public func member(id: Int64) throws(LedgerError) -> StoredMember? {
        try connection.single("member(id:)") { () throws(LedgerError) in
            try connection.queryFirst(
                "SELECT \(StoredMember.columns) FROM members WHERE id = ?", [.integer(id)],
                row: StoredMember.init(row:))
        }
    }

    /// Enrolls an anonymous member for `card`, or returns the one another lane just enrolled.
    ///
    /// One `INSERT … ON CONFLICT (card) DO NOTHING` under `BEGIN IMMEDIATE`
    /// (https://sqlite.org/lang_upsert.html): two lanes enrolling one card at once get the
    /// same member, and the first lane's tier and time.
    public func enroll(card: String, tier: String, at: Date) throws(LedgerError)
        -> StoredMember
    {
        try connection.writeTransaction("enroll") { () throws(LedgerError) in
            try connection.run(
                """
                INSERT INTO members (card, tier, enrolled_at_ms) VALUES (?, ?, ?)
                ON CONFLICT (card) DO NOTHING
                """,
                [.text(card), .text(tier), .integer(at.unixMilliseconds)])
            guard let member = try memberRow(card: card) else {
                throw connection.error(.sqlite, "the member row vanished after its insert")
            }
            return .commit(member)
        }
    }

    /// The member's points balance: the sum of their ledger entries (0 with none).
    public func balance(memberID: Int64) throws(LedgerError) -> Int64 {
        try connection.single("balance") { () throws(LedgerError) in
            try balanceRow(memberID: memberID)
        }
    }

    /// The member's ledger entries, oldest first.
    public func ledgerEntries(memberID: Int64) throws(LedgerError) -> [StoredLedgerEntry] {
        try connection.single("ledgerEntries") { () throws(LedgerError) in
            try connection.query(
                """
                SELECT \(StoredLedgerEntry.columns) FROM ledger_entries
                WHERE member_id = ? ORDER BY id
                """,
                [.integer(memberID)], row: StoredLedgerEntry.init(row:))
        }
    }

    /// The finalized sale or refund stored under `txn`, or nil.
    public func transaction(txn: String) throws(LedgerError) -> StoredTransaction? {
        try connection.single("transaction") { () throws(LedgerError) in
            try transactionRow(txn: txn)
        }
    }

    // MARK: Shared reads (inside the caller's transaction, if any)

    func memberRow(card: String) throws(LedgerError) -> StoredMember? {
        try connection.queryFirst(
            "SELECT \(StoredMember.columns) FROM members WHERE card = ?", [.text(card)],
            row: StoredMember.init(row:))
    }

    func balanceRow(memberID: Int64) throws(LedgerError) -> Int64 {
        try connection.queryFirst(
            "SELECT COALESCE(SUM(points), 0) FROM ledger_entries WHERE member_id = ?",
            [.integer(memberID)]
        ) { $0.integer(0) } ?? 0
    }

    func transactionRow(txn: String) throws(LedgerError) -> StoredTransaction? {
        try connection.queryFirst(
            "SELECT \(StoredTransaction.columns) FROM transactions WHERE txn = ?",
            [.text(txn)], row: StoredTransaction.init(row:))
    }
}
