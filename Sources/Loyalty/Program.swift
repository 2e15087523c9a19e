/// A loyalty program, as its owner wrote it in the program file.
///
/// Load one with `Program.load(path:)` or `Program.parse(_:file:)` (in
/// `Program+Loading.swift`), which check every field and report every problem.
public struct Program: Sendable, Equatable {
    /// The program's name, e.g. "Koffiekaart".
    public let name: String
    /// The member card ranges: which card numbers are members (and enroll on first scan).
    public let cardRanges: [CardRange]
    /// The earning rules, in the file's order.
    public let earnRules: [EarnRule]
    /// The rewards, in the file's order; conversions try them in this order.
    public let rewards: [Reward]

    /// A program from its parts; `load` and `parse` check them, this does not.
    public init(
        name: String, cardRanges: [CardRange], earnRules: [EarnRule], rewards: [Reward]
    ) {
        self.name = name
        self.cardRanges = cardRanges
        self.earnRules = earnRules
        self.rewards = rewards
    }

    /// Whether the digits as scanned are a card of one of the member ranges.
    public func isMemberCard(_ digits: String) -> Bool {
        cardRanges.contains { $0.matches(digits) }
    }

    /// The member range whose prefix and length `digits` have while their check digit is
    /// wrong, or nil: what to tell a cashier who typed a card number wrongly.
    public func rangeFailingOnlyItsCheckDigit(_ digits: String) -> CardRange? {
        cardRanges.first { $0.failsOnlyItsCheckDigit(digits) }
    }
}
