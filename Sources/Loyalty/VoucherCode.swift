/// The numbers printed on vouchers: 24 digits, `994`, 20 random digits, a check digit.
///
/// Why this shape:
/// - **24 digits.** No GTIN has 24 digits (GTIN-8, -12, -13 and -14 have 8, 12, 13, 14), and
///   member ranges have 4 to 19 digits (the program loader refuses longer ones), so
///   `lanegate scan` knows a voucher by its shape alone, without the database.
/// - **994.** The GS1 prefix list gives 99x to coupon identification, so a code starting so
///   is never read as a product, and the in-store prefixes 20–29 that member cards use
///   stay apart from it.
/// - **20 random digits.** Drawn uniformly from [0, 10^20): log2(10^20) ≈ 66.4 random bits,
///   above the 64 the design asks for, so codes cannot be guessed or enumerated.
/// - **A GS1 mod-10 check digit** over the first 23 digits, so a misread is refused
///   before it reaches the ledger.
/// - **It fits 58 mm paper.** CODE128 set C packs two digits per symbol: 12 symbols, plus
///   the start, check and stop symbols, make 11 + 12 × 11 + 11 + 13 = 167 modules. At a
///   module width of 2 dots that is 334 dots, and with a 10-module quiet zone on each side
///   374, within the 384 printable dots of a 58 mm head.
public enum VoucherCode {
    /// The fixed leading digits.
    public static let prefix = "994"
    /// The number of digits of every code.
    public static let length = 24

    /// 10^20: the count of values the random part can take.
    private static let randomRange: UInt128 = 100_000_000_000_000_000_000

    /// A new code drawn from `generator`.
    ///
    /// Two UInt64 draws make a 67-bit number (the low 3 bits of the first, all of the
    /// second); one at or above 10^20 is rejected and drawn again, so every value in
    /// [0, 10^20) is equally likely (acceptance ≈ 68 %).
    public static func generate(using generator: inout some RandomNumberGenerator) -> String {
        var value: UInt128
        repeat {
            let high = UInt128(generator.next() & 0b111)
            let low = UInt128(generator.next())
            value = high << 64 | low
        } while value >= randomRange

        let random = String(value)
        let body = prefix + String(repeating: "0", count: 20 - random.count) + random
        let check = CheckDigit.gs1(CheckDigit.digits(body)!)
        return body + String(check)
    }

    /// Whether `code` has the shape of a voucher code: 24 ASCII digits, the prefix, and a
    /// valid check digit. Says nothing about whether the voucher exists.
    public static func isWellFormed(_ code: String) -> Bool {
        guard let digits = CheckDigit.digits(code), digits.count == length,
            code.hasPrefix(prefix)
        else { return false }
        return CheckDigit.gs1(digits.dropLast()) == digits.last
    }
}
