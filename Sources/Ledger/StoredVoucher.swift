import Foundation

/// A voucher as stored: what it is worth, until when, how often it was used, who holds it.
public struct StoredVoucher: Sendable, Equatable {
    /// The voucher code as printed and scanned.
    public var code: String
    /// The member it was issued to, if any.
    public var memberID: Int64?
    /// The program's reward id.
    public var rewardID: String
    /// The title shown to the cashier and printed.
    public var title: String
    /// The discount in minor units.
    public var amountMinor: Int64
    /// The transaction that issued it, if any.
    public var issuedTxn: String?
    /// When it was issued.
    public var issuedAt: Date
    /// The first instant at which it is no longer valid.
    public var expiresAt: Date
    /// How many times it may be used.
    public var usageLimit: Int
    /// How many times it was used.
    public var useCount: Int
    /// The transaction holding a reservation, if any (possibly lapsed: see `reservedUntil`).
    public var reservedTxn: String?
    /// The first instant at which the reservation no longer holds.
    public var reservedUntil: Date?
    /// The last transaction that used it.
    public var usedTxn: String?

    /// Creates a voucher record.
    public init(
        code: String, memberID: Int64?, rewardID: String, title: String,
        amountMinor: Int64, issuedTxn: String?, issuedAt: Date, expiresAt: Date,
        usageLimit: Int, useCount: Int, reservedTxn: String?, reservedUntil: Date?,
        usedTxn: String?
    ) {
        self.code = code
        self.memberID = memberID
        self.rewardID = rewardID
        self.title = title
        self.amountMinor = amountMinor
        self.issuedTxn = issuedTxn
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.usageLimit = usageLimit
        self.useCount = useCount
        self.reservedTxn = reservedTxn
        self.reservedUntil = reservedUntil
        self.usedTxn = usedTxn
    }

    /// Whether every allowed use was made.
    public var isUsedUp: Bool { useCount >= usageLimit }

    /// Whether the voucher is past its validity at `date`.
    public func isExpired(at date: Date) -> Bool { date >= expiresAt }

    /// Whether a transaction other than `txn` holds a reservation that still holds at `date`.
    public func isReserved(byOtherThan txn: String, at date: Date) -> Bool {
        guard let reservedTxn, let reservedUntil else {
            return false
        }
        return reservedTxn != txn && date < reservedUntil
    }
}
