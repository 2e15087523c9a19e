import Foundation

/// The idempotency record of a finalized sale or refund.
public struct StoredTransaction: Sendable, Equatable {
    /// The POS transaction id.
    public var txn: String
    /// `"sale"` (or the sale plan's kind) or `"refund"`.
    public var kind: String
    /// The request in canonical form.
    public var requestCanonical: String
    /// The reply that was sent.
    public var reply: String
    /// When it was committed.
    public var at: Date

    /// Creates a transaction record.
    public init(txn: String, kind: String, requestCanonical: String, reply: String, at: Date) {
        self.txn = txn
        self.kind = kind
        self.requestCanonical = requestCanonical
        self.reply = reply
        self.at = at
    }
}
