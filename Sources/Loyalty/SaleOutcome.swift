import Foundation

/// What a paid sale does to a member's points, computed by `LoyaltyEngine.finalize`.
/// The ledger commits it; nothing here has been stored yet.
public struct SaleOutcome: Sendable, Equatable {
    /// The points earned on the amount paid (0 without a member).
    public let earned: Int64
    /// The vouchers issued because the balance reached a reward's threshold.
    public let conversions: [IssuedVoucher]
    /// The ledger entries to append, in order: earns by rule, then conversions.
    public let entries: [LedgerEntryPlan]
    /// The balance after every entry, or nil when the sale had no member.
    public let balanceAfter: Int64?

    /// An outcome from its parts.
    public init(
        earned: Int64, conversions: [IssuedVoucher], entries: [LedgerEntryPlan],
        balanceAfter: Int64?
    ) {
        self.earned = earned
        self.conversions = conversions
        self.entries = entries
        self.balanceAfter = balanceAfter
    }
}

/// A voucher issued by a conversion.
public struct IssuedVoucher: Sendable, Equatable {
    /// The voucher code (`VoucherCode`), printed as CODE128 and QR.
    public let code: String
    /// The id of the reward it was converted into.
    public let reward: String
    /// The reward's title.
    public let title: String
    /// The amount off it is worth.
    public let amount: Money
    /// The first instant at which it is no longer valid.
    public let expires: Date
    /// The last business day on which it is valid, as printed on the voucher.
    public let lastValidDay: BusinessDay

    /// A voucher from its parts.
    public init(
        code: String, reward: String, title: String, amount: Money, expires: Date,
        lastValidDay: BusinessDay
    ) {
        self.code = code
        self.reward = reward
        self.title = title
        self.amount = amount
        self.expires = expires
        self.lastValidDay = lastValidDay
    }

    /// Whether the voucher is still valid at an instant: strictly before `expires`.
    public func isValid(at instant: Date) -> Bool {
        instant < expires
    }
}

/// A points ledger entry the engine asks the ledger to append.
public struct LedgerEntryPlan: Sendable, Equatable {
    /// What the entry records.
    public enum Kind: String, Sendable {
        /// Points earned by one earn rule (positive).
        case earn
        /// Points that left the balance for a voucher (negative).
        case convert
    }

    /// What the entry records.
    public let kind: Kind
    /// The signed change of the balance.
    public let points: Int64
    /// The earn rule's id for `earn`, the voucher code for `convert`.
    public let reference: String

    /// An entry from its parts.
    public init(kind: Kind, points: Int64, reference: String) {
        self.kind = kind
        self.points = points
        self.reference = reference
    }
}

/// A discount a reserved voucher gives: its code, title and the amount it takes off.
public struct VoucherDiscount: Sendable, Equatable {
    /// The voucher code.
    public let code: String
    /// The reward's title.
    public let title: String
    /// The amount off.
    public let amount: Money

    /// A discount from its parts.
    public init(code: String, title: String, amount: Money) {
        self.code = code
        self.title = title
        self.amount = amount
    }
}

/// What a member would earn now, and the discounts that apply; see `LoyaltyEngine.quote`.
public struct Quote: Sendable, Equatable {
    /// The points the prospective total would earn (0 without a member).
    public let earn: Int64
    /// The member's balance now, unchanged by the quote; nil without a member.
    public let balance: Int64?
    /// The discounts of the reserved vouchers, each capped at what is left to pay.
    public let discounts: [VoucherDiscount]
    /// The basket's amount less the discounts: what the customer would pay.
    public let total: Money

    /// A quote from its parts.
    public init(earn: Int64, balance: Int64?, discounts: [VoucherDiscount], total: Money) {
        self.earn = earn
        self.balance = balance
        self.discounts = discounts
        self.total = total
    }
}
