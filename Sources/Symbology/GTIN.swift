/// Global Trade Item Numbers: the GS1 check digit, UPC-E expansion, and the 14-digit form
/// every EAN/UPC code normalizes to (GS1 General Specifications, sections 2.1, 5.2.2 and
/// 7.9.1).
public enum GTIN {
    /// The GS1 mod-10 check digit of a number given without it (GS1 General
    /// Specifications, section 7.9.1): weights 3 and 1 alternate from the rightmost digit,
    /// and the check digit brings the weighted sum up to a multiple of ten.
    ///
    /// The same rule serves GTIN-8, -12, -13 and -14, SSCC, GLN and ITF. `nil` when the
    /// text is empty or holds anything but the digits 0–9.
    public static func checkDigit(_ digitsWithoutCheck: some StringProtocol) -> Int? {
        guard let digits = digitValues(digitsWithoutCheck), !digits.isEmpty else {
            return nil
        }
        return checkDigit(ofValues: digits[...])
    }

    /// Whether the last digit is the GS1 check digit of the ones before it; `false` for
    /// fewer than two characters or any character that is not a digit.
    public static func hasValidCheckDigit(_ digits: some StringProtocol) -> Bool {
        guard let values = digitValues(digits), values.count >= 2 else { return false }
        return checkDigit(ofValues: values.dropLast()) == values.last
    }

    /// Expands a UPC-E to its 12-digit UPC-A by the GS1 zero-suppression rules (GS1
    /// General Specifications, section 5.2.2.4.2, figure "UPC-E to UPC-A").
    ///
    /// The input is the six UPC-E data digits, optionally with the number system in front
    /// and the check digit behind:
    /// - 6 digits: number system 0 is assumed, the check digit is computed;
    /// - 7 digits: number system and six digits, as a scanner sends them with check digit
    ///   transmission off; the check digit is computed;
    /// - 8 digits: number system, six digits and check digit; `nil` unless the check digit
    ///   is that of the expanded UPC-A.
    ///
    /// The number system must be 0 or 1: UPC-E exists for no other. With data digits
    /// `d1…d6`, the last one picks where the manufacturer and item digits go:
    /// `0`–`2`: `d1 d2 d6 0 0 | 0 0 d3 d4 d5`; `3`: `d1 d2 d3 0 0 | 0 0 0 d4 d5`;
    /// `4`: `d1 d2 d3 d4 0 | 0 0 0 0 d5`; `5`–`9`: `d1 d2 d3 d4 d5 | 0 0 0 0 d6`.
    public static func expandUPCE(_ upce: String) -> String? {
        guard let values = digitValues(upce), (6...8).contains(values.count) else { return nil }
        let numberSystem = values.count == 6 ? 0 : values[0]
        guard numberSystem == 0 || numberSystem == 1 else { return nil }
        let start = values.count == 6 ? 0 : 1
        let d = Array(values[start..<(start + 6)])

        let body: [Int]
        switch d[5] {
        case 0...2: body = [d[0], d[1], d[5], 0, 0, 0, 0, d[2], d[3], d[4]]
        case 3: body = [d[0], d[1], d[2], 0, 0, 0, 0, 0, d[3], d[4]]
        case 4: body = [d[0], d[1], d[2], d[3], 0, 0, 0, 0, 0, d[4]]
        default: body = [d[0], d[1], d[2], d[3], d[4], 0, 0, 0, 0, d[5]]
        }

        let withoutCheck = [numberSystem] + body
        let check = checkDigit(ofValues: withoutCheck[...])
        if values.count == 8, values[7] != check { return nil }
        return (withoutCheck + [check]).map(String.init).joined()
    }

    /// The 14-digit GTIN of an 8-, 12-, 13- or 14-digit code, left-padded with zeros
    /// (GS1 General Specifications, section 2.1.2); `nil` for other lengths, non-digits or
    /// a wrong check digit.
    ///
    /// A UPC-E must be expanded with ``expandUPCE(_:)`` first: its 8 digits are not a
    /// GTIN-8.
    public static func gtin14(_ digits: String) -> String? {
        guard [8, 12, 13, 14].contains(digits.utf8.count), hasValidCheckDigit(digits) else {
            return nil
        }
        return String(repeating: "0", count: 14 - digits.utf8.count) + digits
    }

    /// The digit values of ASCII decimal text, or `nil` if any character is not 0–9.
    static func digitValues(_ text: some StringProtocol) -> [Int]? {
        var values: [Int] = []
        values.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            guard (0x30...0x39).contains(byte) else { return nil }
            values.append(Int(byte - 0x30))
        }
        return values
    }

    /// The mod-10 check digit of digit values (GS1 General Specifications, 7.9.1).
    static func checkDigit(ofValues values: ArraySlice<Int>) -> Int {
        var sum = 0
        for (position, value) in values.reversed().enumerated() {
            sum += value * (position.isMultiple(of: 2) ? 3 : 1)
        }
        return (10 - sum % 10) % 10
    }
}
