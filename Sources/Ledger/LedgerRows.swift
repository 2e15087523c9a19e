import Foundation

// How each record is read from a row: the column lists and the row readers sit together so
// that they cannot drift apart.

extension StoredMember {
    static let columns = "id, card, tier, enrolled_at_ms"

    init(row: SQLiteRow) {
        self.init(
            id: row.integer(0), card: row.text(1), tier: row.text(2),
            enrolledAt: Date(unixMilliseconds: row.integer(3)))
    }
}

extension StoredLedgerEntry {
    static let columns = "id, member_id, txn, kind, points, reference, at_ms"

    init(row: SQLiteRow) {
        self.init(
            id: row.integer(0), memberID: row.integer(1), txn: row.text(2),
            kind: row.text(3), points: row.integer(4), reference: row.optionalText(5),
            at: Date(unixMilliseconds: row.integer(6)))
    }
}

extension StoredTransaction {
    static let columns = "txn, kind, request_canonical, reply, at_ms"

    init(row: SQLiteRow) {
        self.init(
            txn: row.text(0), kind: row.text(1), requestCanonical: row.text(2),
            reply: row.text(3), at: Date(unixMilliseconds: row.integer(4)))
    }
}

extension StoredVoucher {
    static let columns = """
        code, member_id, reward_id, title, amount_minor, issued_txn, issued_at_ms, \
        expires_at_ms, usage_limit, use_count, reserved_txn, reserved_until_ms, used_txn
        """

    init(row: SQLiteRow) {
        self.init(
            code: row.text(0), memberID: row.optionalInteger(1), rewardID: row.text(2),
            title: row.text(3), amountMinor: row.integer(4), issuedTxn: row.optionalText(5),
            issuedAt: Date(unixMilliseconds: row.integer(6)),
            expiresAt: Date(unixMilliseconds: row.integer(7)),
            usageLimit: row.int(8), useCount: row.int(9), reservedTxn: row.optionalText(10),
            reservedUntil: row.optionalInteger(11).map(Date.init(unixMilliseconds:)),
            usedTxn: row.optionalText(12))
    }
}

extension StoredPrintJob {
    static let columns = """
        id, printer, txn, bytes, created_at_ms, attempts, confirmed_at_ms, evidence
        """

    init(row: SQLiteRow) {
        self.init(
            id: row.integer(0), printer: row.text(1), txn: row.optionalText(2),
            bytes: row.blob(3), createdAt: Date(unixMilliseconds: row.integer(4)),
            attempts: row.int(5),
            confirmedAt: row.optionalInteger(6).map(Date.init(unixMilliseconds:)),
            evidence: row.optionalText(7))
    }
}
