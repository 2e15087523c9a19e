import Foundation
import Ledger
import Loyalty

/// The lane's one open POS transaction: its basket, member and reserved vouchers.
///
/// It lives in memory only: a transaction that was never finalized left nothing in the
/// ledger except voucher reservations, which time out by themselves.
// TODO: a gateway that stops or crashes with a transaction open forgets it: after the
// restart every request for it gets `no-transaction`, and the POS rings it again (`open`
// with the same `txn` is accepted, since nothing of it was stored). Vouchers it had
// reserved stay reserved for that `txn` until the reservation timeout (15 minutes unless
// configured): the same `txn` gets them again at once, another `txn` gets
// `voucher-reserved` meanwhile. Releasing them at start needs the lane that reserved
// them in the row (lanes share the database, and another lane's reservations are live);
// keeping the open transaction itself needs it stored, a write per `item`.
// (EndToEndTests/CrashRecoveryTests, run 4.)
struct OpenTransaction: Sendable {
    let txn: String
    let posTime: String
    let cashier: String?
    /// The connection that opened it: unrequested events for this transaction go there.
    var connection: Int
    var basket: Basket
    var member: StoredMember?
    /// Reserved vouchers in the order they were presented.
    var vouchers: [StoredVoucher] = []
    var lastActivity: ContinuousClock.Instant

    /// The discounts the reserved vouchers give, capped so the basket never goes below zero.
    func discounts() -> [(voucher: StoredVoucher, amountMinor: Int64)] {
        var left = basket.amount.minorUnits
        var result: [(StoredVoucher, Int64)] = []
        for voucher in vouchers {
            let amount = min(voucher.amountMinor, max(0, left))
            left -= amount
            result.append((voucher, amount))
        }
        return result
    }
}
