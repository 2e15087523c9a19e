import Foundation

/// A voucher to issue; the store adds the issuing transaction and time.
public struct NewVoucher: Sendable, Equatable {
    /// The voucher code.
    public var code: String
    /// The member it is issued to, if any.
    public var memberID: Int64?
    /// The program's reward id.
    public var rewardID: String
    /// The title shown and printed.
    public var title: String
    /// The discount in minor units.
    public var amountMinor: Int64
    /// The first instant at which it is no longer valid.
    public var expiresAt: Date
    /// How many times it may be used.
    public var usageLimit: Int

    /// Creates a voucher to issue.
    public init(
        code: String, memberID: Int64?, rewardID: String, title: String,
        amountMinor: Int64, expiresAt: Date, usageLimit: Int = 1
    ) {
        self.code = code
        self.memberID = memberID
        self.rewardID = rewardID
        self.title = title
        self.amountMinor = amountMinor
        self.expiresAt = expiresAt
        self.usageLimit = usageLimit
    }
}
