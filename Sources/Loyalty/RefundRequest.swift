import Foundation

/// A return against an earlier sale: by lines and quantities, or by an amount of money.
public enum RefundRequest: Sendable, Equatable {
    /// Quantities of sold lines; each gets its share of what was paid.
    case lines([RefundLine])
    /// An amount of money, with no goods named.
    case amount(Money)
}

/// A quantity of one sold line to refund.
public struct RefundLine: Sendable, Equatable {
    /// The line id of the original sale.
    public let line: String
    /// The quantity to refund; more than zero.
    public let qty: Decimal

    /// A line to refund.
    public init(line: String, qty: Decimal) {
        self.line = line
        self.qty = qty
    }
}
