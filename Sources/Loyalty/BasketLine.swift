import Foundation

/// One line of a basket, as the POS sent it in an `item` request.
public struct BasketLine: Sendable, Equatable {
    /// The POS's line id; a repeated id replaces the line.
    public let line: String
    /// The article number.
    public let sku: String
    /// The quantity (units, or a weight such as 0.750), exact.
    public let qty: Decimal
    /// The price per unit.
    public let price: Money
    /// The article's category, when the POS sends one.
    public let category: String?
    /// `qty x price`, rounded half-up to the minor unit (see `Money.multiplied(by:)`).
    public let amount: Money

    /// A line; refused with `MoneyError` when `qty x price` does not fit in an Int64.
    public init(
        line: String, sku: String, qty: Decimal, price: Money, category: String? = nil
    ) throws(MoneyError) {
        self.line = line
        self.sku = sku
        self.qty = qty
        self.price = price
        self.category = category
        self.amount = try price.multiplied(by: qty)
    }
}
