/// What `LedgerStore.commitSale` writes, computed by the engine from the member's balance.
public struct SalePlan: Sendable {
    /// The transaction's kind, stored with its idempotency record.
    public var kind: String
    /// The `finalize` request in canonical form, compared with a retry's.
    public var requestCanonical: String
    /// The reply text, sent again to a retry.
    public var reply: String
    /// The basket lines.
    public var lines: [SaleLine]
    /// The amount paid, in minor units.
    public var totalMinor: Int64
    /// The points the sale earned.
    public var earned: Int64
    /// The ledger entries to append.
    public var entries: [NewLedgerEntry]
    /// The voucher codes to consume, each once.
    public var redeem: [String]
    /// The vouchers to issue.
    public var newVouchers: [NewVoucher]
    /// The job to print after the reply, if any.
    public var printJob: NewPrintJob?

    /// Creates a sale plan.
    public init(
        kind: String = "sale", requestCanonical: String, reply: String,
        lines: [SaleLine], totalMinor: Int64, earned: Int64,
        entries: [NewLedgerEntry], redeem: [String] = [],
        newVouchers: [NewVoucher] = [], printJob: NewPrintJob? = nil
    ) {
        self.kind = kind
        self.requestCanonical = requestCanonical
        self.reply = reply
        self.lines = lines
        self.totalMinor = totalMinor
        self.earned = earned
        self.entries = entries
        self.redeem = redeem
        self.newVouchers = newVouchers
        self.printJob = printJob
    }
}
