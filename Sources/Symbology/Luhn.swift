/// The Luhn mod-10 check used by payment card numbers (ISO/IEC 7812-1, annex B) and by
/// some member card ranges (`"check": "luhn"` in a program file).
public enum Luhn {
    /// Whether the digits pass the Luhn check: from the rightmost digit, every second
    /// digit is doubled (9 taken off a result above 9) and the sum must be a multiple of
    /// ten. `false` when empty or when any character is not a digit 0–9.
    public static func isValid(_ digits: some StringProtocol) -> Bool {
        guard !digits.isEmpty else { return false }
        var sum = 0
        for (position, byte) in digits.utf8.reversed().enumerated() {
            guard (0x30...0x39).contains(byte) else { return false }
            var value = Int(byte - 0x30)
            if !position.isMultiple(of: 2) {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
        }
        return sum.isMultiple(of: 10)
    }
}
