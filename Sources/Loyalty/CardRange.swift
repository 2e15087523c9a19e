/// A range of member card numbers from the program file: a prefix, a length and a check.
public struct CardRange: Sendable, Equatable {
    /// The check digit rule the last digit follows.
    public enum Check: String, Sendable, CaseIterable {
        /// GS1 mod 10 (EAN/UPC): weights 3, 1, 3, … from the right, before the check digit.
        case ean
        /// Luhn (ISO/IEC 7812-1 annex B): every second digit from the right doubled.
        case luhn
        /// No check digit.
        case none
    }

    /// The digits every card in the range starts with.
    public let prefix: String
    /// The number of digits of every card in the range.
    public let length: Int
    /// The check digit rule.
    public let check: Check

    /// A range from its three fields; the loader checks them, this does not.
    public init(prefix: String, length: Int, check: Check) {
        self.prefix = prefix
        self.length = length
        self.check = check
    }

    /// Whether the digits as scanned (AIM identifier and suffix removed) are a card of this
    /// range: only ASCII digits, the right length, the prefix, and a valid check digit.
    public func matches(_ digits: String) -> Bool {
        guard let values = CheckDigit.digits(digits), values.count == length,
            digits.hasPrefix(prefix)
        else { return false }

        switch check {
        case .ean: return CheckDigit.gs1(values.dropLast()) == values.last
        case .luhn: return CheckDigit.luhnIsValid(values)
        case .none: return true
        }
    }

    /// Whether `digits` have this range's prefix and length but a check digit that does
    /// not match: a card of this range mistyped or misread, not a card of another scheme.
    public func failsOnlyItsCheckDigit(_ digits: String) -> Bool {
        guard check != .none, let values = CheckDigit.digits(digits), values.count == length,
            digits.hasPrefix(prefix)
        else { return false }
        return !matches(digits)
    }
}

/// The check digit computations shared by card ranges and voucher codes.
package enum CheckDigit {
    /// The digit values of an ASCII digit string, or nil when another character is in it.
    package static func digits(_ s: String) -> [Int]? {
        var values: [Int] = []
        values.reserveCapacity(s.utf8.count)
        for byte in s.utf8 {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            values.append(Int(byte - UInt8(ascii: "0")))
        }
        return values
    }

    /// The GS1 mod-10 check digit for the data digits (GS1 General Specifications, 7.9.1):
    /// from the rightmost data digit, weights 3, 1, 3, …; the check digit brings the
    /// weighted sum to a multiple of 10.
    package static func gs1<C: BidirectionalCollection>(_ data: C) -> Int where C.Element == Int {
        var sum = 0
        for (index, digit) in data.reversed().enumerated() {
            sum += digit * (index.isMultiple(of: 2) ? 3 : 1)
        }
        return (10 - sum % 10) % 10
    }

    /// Whether the digits, check digit last, pass the Luhn check.
    package static func luhnIsValid(_ digits: [Int]) -> Bool {
        guard !digits.isEmpty else { return false }
        var sum = 0
        for (index, digit) in digits.reversed().enumerated() {
            if index.isMultiple(of: 2) {
                sum += digit
            } else {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            }
        }
        return sum.isMultiple(of: 10)
    }
}
