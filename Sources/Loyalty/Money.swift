import Foundation

/// An exact amount of money: an integer count of minor units at a currency's scale.
///
/// `Money(minorUnits: 1250, scale: 2)` is 12.50. Amounts of different scales never mix:
/// the operators stop the program on a scale mismatch or an overflow (never wrap); the
/// throwing `adding(_:)`, `subtracting(_:)` and `multiplied(by:)` report both as errors.
public struct Money: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The amount in minor units (cents for EUR, yen for JPY, fils for BHD).
    public let minorUnits: Int64
    /// The number of fraction digits of the minor unit.
    public let scale: Int

    /// An amount from its minor units.
    public init(minorUnits: Int64, scale: Int) {
        precondition((0...4).contains(scale), "a minor unit has 0 to 4 fraction digits")
        self.minorUnits = minorUnits
        self.scale = scale
    }

    /// Zero at a scale.
    public static func zero(scale: Int) -> Money { Money(minorUnits: 0, scale: scale) }

    /// Parses a strict decimal string ("12.50", "12.5", "0", "-3.00") at a scale.
    ///
    /// Refused: anything `DecimalText` refuses ("1e3", "+1", " 1", "1,00", ""), more
    /// fraction digits than the scale ("12.505" or "12.500" at scale 2), and amounts whose
    /// minor units do not fit in an Int64.
    public init(parsing text: String, scale: Int) throws(MoneyError) {
        guard let parts = DecimalText.split(text) else {
            throw MoneyError(text: text, problem: .notADecimal)
        }
        guard parts.fraction.count <= scale else {
            throw MoneyError(text: text, problem: .tooManyDecimals(scale: scale))
        }

        let padding = String(repeating: "0", count: scale - parts.fraction.count)
        let digits = String(parts.integer) + String(parts.fraction) + padding
        guard let magnitude = Int64(digits) else {
            throw MoneyError(text: text, problem: .outOfRange)
        }
        self.init(minorUnits: parts.negative ? -magnitude : magnitude, scale: scale)
    }

    /// The amount as a decimal string with exactly `scale` fraction digits: "12.50", "-0.05".
    public var description: String {
        let magnitude = minorUnits.magnitude
        guard scale > 0 else { return minorUnits < 0 ? "-\(magnitude)" : "\(magnitude)" }

        var digits = String(magnitude)
        if digits.count <= scale {
            digits = String(repeating: "0", count: scale - digits.count + 1) + digits
        }
        let split = digits.index(digits.endIndex, offsetBy: -scale)
        let sign = minorUnits < 0 ? "-" : ""
        return sign + digits[..<split] + "." + digits[split...]
    }

    /// The exact value as a Decimal (12.50 for 1250 at scale 2).
    public var decimal: Decimal {
        Decimal(
            sign: minorUnits < 0 ? .minus : .plus, exponent: -scale,
            significand: Decimal(minorUnits.magnitude))
    }

    /// Whether the amount is below zero.
    public var isNegative: Bool { minorUnits < 0 }

    /// The sum, or `MoneyError` on a scale mismatch or an Int64 overflow.
    public func adding(_ other: Money) throws(MoneyError) -> Money {
        try checkScale(other)
        let (sum, overflow) = minorUnits.addingReportingOverflow(other.minorUnits)
        guard !overflow else { throw MoneyError(text: "\(self) + \(other)", problem: .outOfRange) }
        return Money(minorUnits: sum, scale: scale)
    }

    /// The difference, or `MoneyError` on a scale mismatch or an Int64 overflow.
    public func subtracting(_ other: Money) throws(MoneyError) -> Money {
        try checkScale(other)
        let (difference, overflow) = minorUnits.subtractingReportingOverflow(other.minorUnits)
        guard !overflow else { throw MoneyError(text: "\(self) - \(other)", problem: .outOfRange) }
        return Money(minorUnits: difference, scale: scale)
    }

    /// This amount times an exact factor (a quantity), rounded half-up to the minor unit:
    /// halves go away from zero, so 0.333 x 1.50 = 0.4995 -> 0.50.
    public func multiplied(by factor: Decimal) throws(MoneyError) -> Money {
        let product = (Decimal(minorUnits) * factor).roundedHalfUp(scale: 0)
        guard let units = product.exactInt64 else {
            throw MoneyError(text: "\(self) x \(factor)", problem: .outOfRange)
        }
        return Money(minorUnits: units, scale: scale)
    }

    /// Orders amounts of one scale; stops the program when the scales differ.
    public static func < (lhs: Money, rhs: Money) -> Bool {
        precondition(lhs.scale == rhs.scale, "comparing amounts of different scales")
        return lhs.minorUnits < rhs.minorUnits
    }

    /// The sum; stops the program on a scale mismatch or an overflow (never wraps).
    public static func + (lhs: Money, rhs: Money) -> Money {
        precondition(lhs.scale == rhs.scale, "adding amounts of different scales")
        return Money(minorUnits: lhs.minorUnits + rhs.minorUnits, scale: lhs.scale)
    }

    /// The difference; stops the program on a scale mismatch or an overflow (never wraps).
    public static func - (lhs: Money, rhs: Money) -> Money {
        precondition(lhs.scale == rhs.scale, "subtracting amounts of different scales")
        return Money(minorUnits: lhs.minorUnits - rhs.minorUnits, scale: lhs.scale)
    }

    private func checkScale(_ other: Money) throws(MoneyError) {
        guard other.scale == scale else {
            throw MoneyError(
                text: "\(self) and \(other)", problem: .scaleMismatch(scale, other.scale))
        }
    }
}

/// Why a decimal string or a computation did not give an amount of money.
public struct MoneyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of problem.
    public enum Problem: Sendable, Equatable {
        /// Not a strict decimal string.
        case notADecimal
        /// More fraction digits than the currency has.
        case tooManyDecimals(scale: Int)
        /// The minor units do not fit in an Int64.
        case outOfRange
        /// Two amounts of different scales were combined.
        case scaleMismatch(Int, Int)
    }

    /// The text or the computation that failed.
    public let text: String
    /// What is wrong with it.
    public let problem: Problem

    /// Names the value and the fix: `"1e3" is not a decimal amount (write it like "12.50")`.
    public var description: String {
        switch problem {
        case .notADecimal:
            return "\"\(text)\" is not a decimal amount (write digits with an optional "
                + "minus sign and a point, like \"12.50\")"
        case .tooManyDecimals(let scale):
            return "\"\(text)\" has more than \(scale) decimal places"
                + " (the currency's minor unit has \(scale))"
        case .outOfRange:
            return "\(text) is out of range (at most 19 digits of minor units)"
        case .scaleMismatch(let a, let b):
            return "\(text) have different scales (\(a) and \(b) decimal places)"
        }
    }
}
