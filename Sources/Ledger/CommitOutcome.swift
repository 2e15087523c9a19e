/// The answer to `LedgerStore.commitSale` and `commitRefund`.
public enum CommitOutcome: Sendable, Equatable {
    /// Everything in the plan was written.
    case committed
    /// The transaction was already stored; nothing was written. The caller compares the
    /// stored request with the new one and sends the stored reply or refuses a conflict.
    case duplicate(StoredTransaction)
    /// A voucher to redeem was used, expired or reserved by another transaction since it
    /// was presented; nothing was written.
    case voucherUnavailable(String)
    /// The refund's original transaction is not a stored sale; nothing was written.
    case unknownOriginal
}
