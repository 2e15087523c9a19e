/// The stable `code` of a LaneLink `error` reply (protocols/lanelink-v1.md, "Errors").
public enum LaneLinkErrorCode: String, Sendable, CaseIterable {
    /// The line is not JSON, not an object, or a field is missing, of the wrong type or
    /// unknown.
    case badRequest = "bad-request"
    /// `op` names no request of LaneLink v1.
    case unknownOp = "unknown-op"
    /// The line is longer than 64 KiB; it was skipped.
    case lineTooLong = "line-too-long"
    /// The request needs the open transaction and `txn` is not it (or none is open).
    case noTransaction = "no-transaction"
    /// `open` for a new `txn` while another transaction is open.
    case transactionOpen = "transaction-open"
    /// `refund` names an `original` the gateway has no record of.
    case unknownTxn = "unknown-txn"
    /// A retry with the same `txn` and a different payload, or `open` of a finished `txn`.
    case conflict
    /// Another lane held the store's write lock past the busy timeout; nothing changed.
    case busy
    /// `identify` with a card that is neither a member nor in an enrolling range.
    case unknownCard = "unknown-card"
    /// `identify` with what looks like a payment card; it is not kept.
    case paymentCard = "payment-card"
    /// `voucher` with a code the gateway never issued.
    case voucherUnknown = "voucher-unknown"
    /// `voucher` with a code another transaction holds.
    case voucherReserved = "voucher-reserved"
    /// `voucher` with a code already redeemed.
    case voucherUsed = "voucher-used"
    /// `voucher` with a code past its expiry.
    case voucherExpired = "voucher-expired"
    /// `refund` for more money or quantity than the sale had left.
    case refundExceedsSale = "refund-exceeds-sale"
    /// A request that needs an identified member (a voucher bound to a member) has none.
    case notAMember = "not-a-member"
    /// The gateway failed (the store could not be written); the request had no effect.
    case `internal`
}
