import Foundation

/// One entry of the points ledger; a member's balance is the sum of their entries.
public struct StoredLedgerEntry: Sendable, Equatable {
    /// The entry's id; entries are numbered in the order they were appended.
    public var id: Int64
    /// The member whose balance the entry changes.
    public var memberID: Int64
    /// The sale or refund transaction that appended the entry.
    public var txn: String
    /// What the entry is: `"earn"`, `"convert"` (points turned into a voucher),
    /// `"reverse"` (a refund taking earned points back).
    public var kind: String
    /// The points added (positive) or taken (negative).
    public var points: Int64
    /// What the entry refers to: the reward converted into, the sale reversed, …
    public var reference: String?
    /// When the transaction was committed (stored to the millisecond).
    public var at: Date

    /// Creates a ledger entry record.
    public init(
        id: Int64, memberID: Int64, txn: String, kind: String, points: Int64,
        reference: String?, at: Date
    ) {
        self.id = id
        self.memberID = memberID
        self.txn = txn
        self.kind = kind
        self.points = points
        self.reference = reference
        self.at = at
    }
}
