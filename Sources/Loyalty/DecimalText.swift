import Foundation

/// Strict reading of the decimal strings that carry amounts and quantities on the wire.
///
/// The accepted shape is `-?(0|[1-9][0-9]*)(\.[0-9]+)?`: an optional minus sign, an integer
/// part without leading zeros, and an optional fraction with at least one digit. Everything
/// else is refused: `+1`, ` 1`, `1,00`, `1e3`, `.5`, `5.`, `01`, the empty string. At most
/// 38 digits in all, so that the value is exact in `Decimal`.
public enum DecimalText {
    /// The most digits a decimal string may carry (the precision of `Decimal`'s mantissa).
    public static let maxDigits = 38

    /// Parses a strict decimal string exactly, or returns nil when it is not one.
    public static func parse(_ s: String) -> Decimal? {
        guard let parts = split(s) else { return nil }
        var significand = Decimal(0)
        for digit in Array(parts.integer.utf8) + Array(parts.fraction.utf8) {
            significand = significand * 10 + Decimal(Int(digit - UInt8(ascii: "0")))
        }
        let magnitude = Decimal(
            sign: .plus, exponent: -parts.fraction.utf8.count, significand: significand)
        return parts.negative && !magnitude.isZero ? -magnitude : magnitude
    }

    /// The pieces of a strict decimal string, or nil when it breaks a rule.
    package struct Parts: Equatable, Sendable {
        /// Whether a minus sign came first.
        package var negative: Bool
        /// The digits before the point (at least one).
        package var integer: Substring
        /// The digits after the point (empty when there is no point).
        package var fraction: Substring
    }

    /// Splits a strict decimal string into sign, integer digits and fraction digits.
    package static func split(_ s: String) -> Parts? {
        var rest = Substring(s)
        let negative = rest.first == "-"
        if negative { rest = rest.dropFirst() }

        let integer: Substring
        let fraction: Substring
        if let dot = rest.firstIndex(of: ".") {
            integer = rest[..<dot]
            fraction = rest[rest.index(after: dot)...]
            guard !fraction.isEmpty else { return nil }
        } else {
            integer = rest
            fraction = ""
        }

        guard !integer.isEmpty, integer.utf8.allSatisfy(isDigit),
            fraction.utf8.allSatisfy(isDigit)
        else { return nil }
        if integer.count > 1 && integer.first == "0" { return nil }
        guard integer.utf8.count + fraction.utf8.count <= maxDigits else { return nil }
        return Parts(negative: negative, integer: integer, fraction: fraction)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}

extension Decimal {
    /// This value rounded to `scale` fraction digits, halves away from zero
    /// (`NSDecimalRound` with `.plain`): 2.345 -> 2.35, -2.345 -> -2.35.
    package func roundedHalfUp(scale: Int) -> Decimal {
        var source = self
        var result = Decimal()
        NSDecimalRound(&result, &source, scale, .plain)
        return result
    }

    /// The largest integer not above this value.
    package func floored() -> Decimal {
        var source = self
        var result = Decimal()
        NSDecimalRound(&result, &source, 0, .down)
        return result
    }

    /// This value as an Int64 when it is an integer that fits, else nil.
    package var exactInt64: Int64? {
        guard self == floored(), self >= Self.int64Range.lowerBound,
            self <= Self.int64Range.upperBound
        else { return nil }
        // Exact for every integer in Int64's range (checked at both ends in the tests), and
        // about four times cheaper than printing the value and parsing the text back.
        return NSDecimalNumber(decimal: self).int64Value
    }

    private static let int64Range = Decimal(Int64.min)...Decimal(Int64.max)

    /// The value as an exact fraction `numerator / 10^exponent`, when the numerator fits
    /// in an Int128 (always, for values read by `DecimalText`).
    package var decimalFraction: (numerator: Int128, exponent: Int)? {
        guard let parts = DecimalText.split(description) else { return nil }
        guard let magnitude = Int128(String(parts.integer) + String(parts.fraction)) else {
            return nil
        }
        return (parts.negative ? -magnitude : magnitude, parts.fraction.count)
    }
}
