/// A basket line as stored with a sale, or the part of it a refund gave back.
public struct SaleLine: Sendable, Codable, Equatable {
    /// The POS's line id.
    public var line: String
    /// The item's SKU.
    public var sku: String
    /// The quantity, as a decimal string (`"1"`, `"0.250"`).
    public var qty: String
    /// The line's amount in minor units.
    public var amountMinor: Int64

    /// Creates a line.
    public init(line: String, sku: String, qty: String, amountMinor: Int64) {
        self.line = line
        self.sku = sku
        self.qty = qty
        self.amountMinor = amountMinor
    }
}
