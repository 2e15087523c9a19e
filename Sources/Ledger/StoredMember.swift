import Foundation

/// A member as stored: the card that identifies them, their tier, when they enrolled.
public struct StoredMember: Sendable, Equatable {
    /// The member's id in this database.
    public var id: Int64
    /// The member card number, as scanned.
    public var card: String
    /// The member's tier id from the program.
    public var tier: String
    /// When the member enrolled (stored to the millisecond).
    public var enrolledAt: Date

    /// Creates a member record.
    public init(id: Int64, card: String, tier: String, enrolledAt: Date) {
        self.id = id
        self.card = card
        self.tier = tier
        self.enrolledAt = enrolledAt
    }
}
