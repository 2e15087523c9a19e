/// Payment card numbers: how the gateway recognizes one so that it is never kept, and how
/// any card number is masked wherever it is shown (DESIGN.md, "Payment card data is never
/// kept").
///
/// A number is a payment card number when it is 13 to 19 digits, passes the Luhn check and
/// starts with a payment network's issuer prefix. Whether it is also inside a member range
/// (which wins) is the caller's question; so is the source: a bar code read by the lane's
/// own scanner is never taken for a payment card, since about one valid EAN-13 in ten also
/// passes the Luhn check.
public enum PaymentCard {
    /// A payment network, known by its issuer identification number prefixes.
    public enum Network: String, Sendable, CaseIterable {
        /// Visa: prefix 4.
        case visa
        /// Mastercard: 51–55 and 2221–2720.
        case mastercard
        /// American Express: 34 and 37.
        case americanExpress = "american-express"
        /// Discover: 6011, 644–649 and 65.
        case discover
        /// JCB: 3528–3589.
        case jcb
        /// UnionPay: 62.
        case unionPay = "unionpay"
        /// Maestro: 50 and 56–69 (where no network above claims the prefix).
        case maestro
        /// Diners Club: 300–305, 36, 38 and 39.
        case dinersClub = "diners-club"
    }

    /// The shortest payment card number, in digits.
    public static let minimumLength = 13
    /// The longest payment card number, in digits.
    public static let maximumLength = 19

    /// Whether `digits` is a payment card number: 13 to 19 digits, Luhn-valid, with an
    /// issuer prefix of ``Network``. Anything but the digits 0–9 (spaces included) makes
    /// it `false`; strip separators first.
    public static func isPaymentCardNumber(_ digits: String) -> Bool {
        let count = digits.utf8.count
        guard (minimumLength...maximumLength).contains(count), Luhn.isValid(digits) else {
            return false
        }
        return network(ofPrefix: digits) != nil
    }

    /// The payment network whose issuer prefix `digits` starts with, whatever its length
    /// and check digit; `nil` when no network in DESIGN.md's list claims it.
    ///
    /// The Maestro range 56–69 overlaps Discover and UnionPay; the more specific network
    /// wins (6011, 644–649 and 65 are Discover, 62 is UnionPay).
    public static func network(ofPrefix digits: String) -> Network? {
        guard let values = GTIN.digitValues(digits.prefix(4)), !values.isEmpty else {
            return nil
        }
        func prefix(_ length: Int) -> Int? {
            guard values.count >= length else { return nil }
            return values.prefix(length).reduce(0) { $0 * 10 + $1 }
        }
        let two = prefix(2) ?? -1
        let three = prefix(3) ?? -1
        let four = prefix(4) ?? -1

        if values[0] == 4 { return .visa }
        if (51...55).contains(two) || (2221...2720).contains(four) { return .mastercard }
        if two == 34 || two == 37 { return .americanExpress }
        if four == 6011 || (644...649).contains(three) || two == 65 { return .discover }
        if (3528...3589).contains(four) { return .jcb }
        if two == 62 { return .unionPay }
        if two == 50 || (56...69).contains(two) { return .maestro }
        if (300...305).contains(three) || [36, 38, 39].contains(two) { return .dinersClub }
        return nil
    }

    /// Masks a card number for display and logs: the first six and last four characters
    /// stay, every one between becomes `*` ("411111******1111").
    ///
    /// The same helper masks member card numbers in logs, so it takes any length: from 13
    /// characters on (the payment card lengths) it keeps six and four; a shorter number
    /// keeps only its last four; four characters or fewer are starred whole. Every
    /// character counts as a position, separators included.
    public static func mask(_ number: String) -> String {
        let characters = Array(number)
        let keepFirst = characters.count >= minimumLength ? 6 : 0
        let keepLast = characters.count > 4 ? 4 : 0
        let starred = characters.count - keepFirst - keepLast
        return String(characters.prefix(keepFirst))
            + String(repeating: "*", count: starred)
            + String(characters.suffix(keepLast))
    }
}
