extension LoyaltyEngine {
    /// The money a refund gives back and the points it reverses, or why it is refused.
    ///
    /// The money is `SoldSale.refundShare(_:)`. The points: what the sale earned less what
    /// its remaining paid amount would earn, less what earlier refunds already reversed:
    /// earned(total) − earned(total − refunded so far including this one) − reversed so
    /// far, never below zero and never past the sale's own earn in sum (a program changed
    /// since the sale cannot reverse more than was given).
    public func refund(
        _ request: RefundRequest, of sale: SoldSale
    ) throws(RefundError) -> RefundOutcome {
        let share = try sale.refundShare(request)

        let remaining = sale.total - sale.refundedMoney - share.money
        let owed = min(earned(onPaid: sale.total) - earned(onPaid: remaining), sale.earned)
        let reversed = max(0, owed - sale.reversedPoints)
        return RefundOutcome(share: share, reversed: reversed)
    }
}
