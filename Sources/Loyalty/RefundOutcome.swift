import Foundation

/// The money a refund gives back, line by line; see `SoldSale.refundShare(_:)`.
public struct RefundShare: Sendable, Equatable {
    /// The money given back in all.
    public let money: Money
    /// Each refunded line with its quantity and money, in the sale's line order; empty for
    /// a refund by amount.
    public let lines: [RefundedLine]

    /// A share from its parts.
    public init(money: Money, lines: [RefundedLine]) {
        self.money = money
        self.lines = lines
    }
}

/// One line of a refund: the quantity returned and the money it gives back.
public struct RefundedLine: Sendable, Equatable {
    /// The line id of the original sale.
    public let line: String
    /// The quantity returned.
    public let qty: Decimal
    /// The money this line gives back.
    public let money: Money

    /// A refunded line from its parts.
    public init(line: String, qty: Decimal, money: Money) {
        self.line = line
        self.qty = qty
        self.money = money
    }
}

/// What a refund does: the money back and the points reversed.
public struct RefundOutcome: Sendable, Equatable {
    /// The money back, line by line.
    public let share: RefundShare
    /// The points taken back from the member (0 or more); the ledger appends `-reversed`.
    public let reversed: Int64

    /// An outcome from its parts.
    public init(share: RefundShare, reversed: Int64) {
        self.share = share
        self.reversed = reversed
    }
}
