import Foundation
import Ledger
import Loyalty

/// The lane's one open POS transaction: its basket, member and reserved vouchers.
///
/// It lives in memory only: a transaction that was never finalized left nothing in the
/// ledger except voucher reservations, which time out by themselves.
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
