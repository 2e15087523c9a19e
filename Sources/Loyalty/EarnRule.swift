import Foundation

/// A rule that awards points on the amount paid.
public struct EarnRule: Sendable, Equatable {
    /// How a fraction of `per` counts.
    public enum Rounding: String, Sendable, CaseIterable {
        /// Only whole multiples of `per` earn: 12.99 per 1.00 earns 12 awards.
        case floor
    }

    /// The points part: `award` points for every whole `per` paid.
    public struct Points: Sendable, Equatable {
        /// The amount that earns one award, e.g. 1.00. Greater than zero.
        public let per: Decimal
        /// The points for each `per`; at least 1.
        public let award: Int64
        /// How a fraction of `per` counts.
        public let rounding: Rounding

        /// A points part from its fields.
        public init(per: Decimal, award: Int64, rounding: Rounding = .floor) {
            self.per = per
            self.award = award
            self.rounding = rounding
        }
    }

    /// The rule's id, unique in the program; it is the reference of its ledger entries.
    public let id: String
    /// The order rules apply in: lower first; equal priorities keep the file's order.
    public let priority: Int
    /// What the rule awards.
    public let points: Points

    /// A rule from its fields.
    public init(id: String, priority: Int, points: Points) {
        self.id = id
        self.priority = priority
        self.points = points
    }
}
