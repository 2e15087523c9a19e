/// A finalized sale with the refunds made against it, oldest first.
public struct StoredSale: Sendable, Equatable {
    /// The sale's transaction id.
    public var txn: String
    /// The member, if one was identified.
    public var memberID: Int64?
    /// The basket lines.
    public var lines: [SaleLine]
    /// The amount paid, in minor units.
    public var totalMinor: Int64
    /// The points the sale earned.
    public var earned: Int64
    /// The refunds against it, in the order they were committed.
    public var refunds: [StoredRefund]

    /// Creates a sale record.
    public init(
        txn: String, memberID: Int64?, lines: [SaleLine], totalMinor: Int64,
        earned: Int64, refunds: [StoredRefund]
    ) {
        self.txn = txn
        self.memberID = memberID
        self.lines = lines
        self.totalMinor = totalMinor
        self.earned = earned
        self.refunds = refunds
    }

    /// The money already given back, in minor units.
    public var refundedMinor: Int64 { refunds.reduce(0) { $0 + $1.refundedMinor } }

    /// The earned points already taken back.
    public var reversedPoints: Int64 { refunds.reduce(0) { $0 + $1.reversedPoints } }
}

/// A refund as stored with the sale it was made against.
public struct StoredRefund: Sendable, Equatable {
    /// The refund's own transaction id.
    public var txn: String
    /// The money given back, in minor units.
    public var refundedMinor: Int64
    /// Per refunded line, the quantity and amount given back.
    public var lines: [SaleLine]
    /// The earned points taken back.
    public var reversedPoints: Int64

    /// Creates a refund record.
    public init(txn: String, refundedMinor: Int64, lines: [SaleLine], reversedPoints: Int64) {
        self.txn = txn
        self.refundedMinor = refundedMinor
        self.lines = lines
        self.reversedPoints = reversedPoints
    }
}
