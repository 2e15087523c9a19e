import Foundation

extension LedgerStore {
    /// The voucher with `code`, or nil.
    public func voucher(code: String) throws(LedgerError) -> StoredVoucher? {
        try connection.single("voucher") { () throws(LedgerError) in
            try voucherRow(code: code)
        }
    }

    /// Reserves `code` for `txn` until `until`, in one conditional UPDATE under
    /// BEGIN IMMEDIATE.
    ///
    /// The update succeeds only for a voucher with a use left, not expired at `now`, and
    /// either unreserved, reserved by `txn` already (the reservation is then extended to
    /// `until`), or held by a reservation that lapsed before `now`. Otherwise nothing
    /// changes and the answer says why, read in the same transaction.
    public func reserveVoucher(code: String, txn: String, until: Date, now: Date)
        throws(LedgerError) -> VoucherReservation
    {
        try connection.writeTransaction("reserveVoucher") { () throws(LedgerError) in
            let changed = try connection.run(
                """
                UPDATE vouchers SET reserved_txn = ?1, reserved_until_ms = ?2
                WHERE code = ?3 AND use_count < usage_limit AND expires_at_ms > ?4
                  AND (reserved_txn IS NULL OR reserved_txn = ?1
                       OR reserved_until_ms <= ?4)
                """,
                [
                    .text(txn), .integer(until.unixMilliseconds), .text(code),
                    .integer(now.unixMilliseconds),
                ])

            guard let voucher = try voucherRow(code: code) else {
                return .commit(.unknown)
            }
            if changed == 1 {
                return .commit(.reserved(voucher))
            }
            if voucher.isUsedUp {
                return .commit(.used(voucher))
            }
            if voucher.isExpired(at: now) {
                return .commit(.expired(voucher))
            }
            return .commit(.reservedElsewhere(voucher))
        }
    }

    /// Ends every reservation `txn` holds (the transaction was cancelled or timed out).
    public func releaseReservations(txn: String) throws(LedgerError) {
        try connection.writeTransaction("releaseReservations") { () throws(LedgerError) in
            try releaseRows(txn: txn)
            return .commit(())
        }
    }

    // MARK: Shared steps (inside the caller's transaction)

    func voucherRow(code: String) throws(LedgerError) -> StoredVoucher? {
        try connection.queryFirst(
            "SELECT \(StoredVoucher.columns) FROM vouchers WHERE code = ?", [.text(code)],
            row: StoredVoucher.init(row:))
    }

    func releaseRows(txn: String) throws(LedgerError) {
        try connection.run(
            """
            UPDATE vouchers SET reserved_txn = NULL, reserved_until_ms = NULL
            WHERE reserved_txn = ?
            """,
            [.text(txn)])
    }

    /// Uses `code` once for `txn` at `at`, if it has a use left, is valid at `at`, and is
    /// reserved by `txn` or by nobody (or by a lapsed reservation). One conditional
    /// UPDATE; false when another lane got there first.
    func consumeRow(code: String, txn: String, at: Date) throws(LedgerError) -> Bool {
        let changed = try connection.run(
            """
            UPDATE vouchers
            SET use_count = use_count + 1, used_txn = ?1,
                reserved_txn = NULL, reserved_until_ms = NULL
            WHERE code = ?2 AND use_count < usage_limit AND expires_at_ms > ?3
              AND (reserved_txn IS NULL OR reserved_txn = ?1 OR reserved_until_ms <= ?3)
            """,
            [.text(txn), .text(code), .integer(at.unixMilliseconds)])
        guard changed == 1 else {
            return false
        }

        try connection.run(
            "INSERT INTO voucher_uses (code, txn, at_ms) VALUES (?, ?, ?)",
            [.text(code), .text(txn), .integer(at.unixMilliseconds)])
        return true
    }

    func insertVoucher(_ voucher: NewVoucher, txn: String, at: Date) throws(LedgerError) {
        try connection.run(
            """
            INSERT INTO vouchers (code, member_id, reward_id, title, amount_minor,
                issued_txn, issued_at_ms, expires_at_ms, usage_limit)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(voucher.code), .integer(voucher.memberID), .text(voucher.rewardID),
                .text(voucher.title), .integer(voucher.amountMinor), .text(txn),
                .integer(at.unixMilliseconds), .integer(voucher.expiresAt.unixMilliseconds),
                .int(voucher.usageLimit),
            ])
    }
}
