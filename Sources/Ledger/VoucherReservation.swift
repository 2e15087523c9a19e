/// The answer to `LedgerStore.reserveVoucher`.
public enum VoucherReservation: Sendable, Equatable {
    /// Reserved for the transaction, newly or again by the same transaction.
    case reserved(StoredVoucher)
    /// No voucher has this code.
    case unknown
    /// Another transaction holds a reservation that has not lapsed.
    case reservedElsewhere(StoredVoucher)
    /// Every allowed use was made.
    case used(StoredVoucher)
    /// Past its validity.
    case expired(StoredVoucher)
}
