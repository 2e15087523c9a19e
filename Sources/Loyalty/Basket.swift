/// The lines of an open transaction, keyed by line id, in the order first seen.
public struct Basket: Sendable, Equatable {
    /// The scale of the currency the basket is priced in.
    public let scale: Int
    /// The lines in first-seen order; a replaced line keeps its place.
    public private(set) var lines: [BasketLine] = []
    private var positions: [String: Int] = [:]

    /// An empty basket priced at a currency scale.
    public init(scale: Int) {
        self.scale = scale
    }

    /// Adds a line, or replaces the line with the same id in place.
    public mutating func set(_ line: BasketLine) {
        precondition(line.price.scale == scale, "a basket line in another currency scale")
        if let index = positions[line.line] {
            lines[index] = line
        } else {
            positions[line.line] = lines.count
            lines.append(line)
        }
    }

    /// The line with this id, if any.
    public subscript(line id: String) -> BasketLine? {
        positions[id].map { lines[$0] }
    }

    /// The sum of the line amounts.
    ///
    /// Stops the program if the sum overflows Int64 minor units (92 233 720 368 547 758.07
    /// in EUR), which needs line amounts no POS sends; it never wraps.
    public var amount: Money {
        lines.reduce(Money.zero(scale: scale)) { $0 + $1.amount }
    }
}
