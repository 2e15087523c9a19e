/// A ledger entry to append; the store adds the id, the transaction and the time.
public struct NewLedgerEntry: Sendable, Equatable {
    /// The member whose balance changes.
    public var memberID: Int64
    /// `"earn"`, `"convert"`, `"reverse"`, …
    public var kind: String
    /// The points added (positive) or taken (negative).
    public var points: Int64
    /// What the entry refers to, if anything.
    public var reference: String?

    /// Creates an entry to append.
    public init(memberID: Int64, kind: String, points: Int64, reference: String? = nil) {
        self.memberID = memberID
        self.kind = kind
        self.points = points
        self.reference = reference
    }
}
