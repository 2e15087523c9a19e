import Foundation

/// A reward the program converts points into: a voucher worth an amount off.
public struct Reward: Sendable, Equatable {
    /// What the voucher is worth.
    public struct Value: Sendable, Equatable {
        /// The amount off the basket, in the store's currency (e.g. 5.00).
        public let amountOff: Decimal

        /// A value from its amount.
        public init(amountOff: Decimal) {
            self.amountOff = amountOff
        }
    }

    /// The reward's id, unique in the program.
    public let id: String
    /// The title printed on the voucher and sent to the POS.
    public let title: String
    /// The points one voucher costs; each time the balance reaches it, one is issued.
    public let threshold: Int64
    /// What a voucher is worth.
    public let value: Value
    /// Business days after the day of issue through which a voucher stays valid (1...3650).
    public let validDays: Int

    /// A reward from its fields.
    public init(id: String, title: String, threshold: Int64, value: Value, validDays: Int) {
        self.id = id
        self.title = title
        self.threshold = threshold
        self.value = value
        self.validDays = validDays
    }
}
