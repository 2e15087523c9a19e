/// What `LedgerStore.commitRefund` writes, computed from the stored sale and the balance.
public struct RefundPlan: Sendable {
    /// The `refund` request in canonical form, compared with a retry's.
    public var requestCanonical: String
    /// The reply text, sent again to a retry.
    public var reply: String
    /// The money given back, in minor units.
    public var refundedMinor: Int64
    /// Per refunded line, the quantity and amount given back.
    public var refundedLines: [SaleLine]
    /// The earned points this refund takes back (zero or more).
    public var reversedPoints: Int64
    /// The ledger entries to append (the reversal, as a negative `"reverse"` entry).
    public var entries: [NewLedgerEntry]
    /// The job to print after the reply, if any.
    public var printJob: NewPrintJob?

    /// Creates a refund plan.
    public init(
        requestCanonical: String, reply: String, refundedMinor: Int64,
        refundedLines: [SaleLine], reversedPoints: Int64,
        entries: [NewLedgerEntry], printJob: NewPrintJob? = nil
    ) {
        self.requestCanonical = requestCanonical
        self.reply = reply
        self.refundedMinor = refundedMinor
        self.refundedLines = refundedLines
        self.reversedPoints = reversedPoints
        self.entries = entries
        self.printJob = printJob
    }
}
