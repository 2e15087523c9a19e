import Foundation

/// Why a refund was refused. `code` is the LaneLink error code to answer with.
public struct RefundError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of refusal.
    public enum Problem: Sendable, Equatable {
        /// More of a line than was sold, counting earlier refunds.
        case exceedsQuantity(line: String, sold: Decimal, refunded: Decimal, requested: Decimal)
        /// More money than was paid, counting earlier refunds.
        case exceedsTotal(paid: Money, refunded: Money, requested: Money)
        /// The line is not in the sale.
        case unknownLine(String)
        /// A quantity or an amount of zero or less.
        case notPositive(String)
        /// A request by lines that names none.
        case noLines
        /// A quantity whose share cannot be computed exactly in 128 bits.
        case tooLarge(String)
    }

    /// What is wrong.
    public let problem: Problem

    /// An error for a problem.
    public init(_ problem: Problem) {
        self.problem = problem
    }

    /// The LaneLink error code: `refund-exceeds-sale` or `bad-request`.
    public var code: String {
        switch problem {
        case .exceedsQuantity, .exceedsTotal: return "refund-exceeds-sale"
        case .unknownLine, .notPositive, .noLines, .tooLarge: return "bad-request"
        }
    }

    /// A sentence for the POS operator, naming the line or the amounts.
    public var description: String {
        switch problem {
        case .exceedsQuantity(let line, let sold, let refunded, let requested):
            return "line \"\(line)\": refunding \(requested) more would exceed the \(sold) sold"
                + " (\(refunded) already refunded)"
        case .exceedsTotal(let paid, let refunded, let requested):
            return "refunding \(requested) would exceed the \(paid) paid"
                + " (\(refunded) already refunded)"
        case .unknownLine(let line):
            return "line \"\(line)\" is not in the original sale"
        case .notPositive(let what):
            return "\(what) must be more than zero"
        case .noLines:
            return "a refund by lines must name at least one line"
        case .tooLarge(let what):
            return "\(what) is too large to share out exactly"
        }
    }
}
