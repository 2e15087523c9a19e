/// A currency and the number of fraction digits of its minor unit.
///
/// The scales come from the ISO 4217 list ("minor unit" column): most currencies have 2,
/// some (JPY, KRW, ISK, CLP, VND) have 0, some Gulf and North African ones have 3.
public struct Currency: Sendable, Hashable, CustomStringConvertible {
    /// The ISO 4217 alphabetic code, e.g. `EUR`.
    public let code: String
    /// The number of fraction digits of the minor unit: EUR 2, JPY 0, BHD 3.
    public let scale: Int

    /// A currency with a given code and scale, for currencies missing from `named(_:)`.
    public init(code: String, scale: Int) {
        precondition((0...4).contains(scale), "a minor unit has 0 to 4 fraction digits")
        self.code = code
        self.scale = scale
    }

    /// The currency with this ISO 4217 code (upper case), or nil when it is not in the table.
    public static func named(_ code: String) -> Currency? {
        guard let scale = scales[code] else { return nil }
        return Currency(code: code, scale: scale)
    }

    /// The code, e.g. `EUR`.
    public var description: String { code }

    /// Minor-unit digits per ISO 4217, for the currencies a lane is likely to see.
    private static let scales: [String: Int] = [
        "EUR": 2, "USD": 2, "GBP": 2, "CHF": 2, "SEK": 2, "NOK": 2, "DKK": 2, "PLN": 2,
        "CZK": 2, "HUF": 2, "RON": 2, "BGN": 2, "TRY": 2, "CAD": 2, "AUD": 2, "NZD": 2,
        "MXN": 2, "BRL": 2, "ZAR": 2, "INR": 2, "CNY": 2, "HKD": 2, "SGD": 2, "THB": 2,
        "MYR": 2, "PHP": 2, "IDR": 2, "AED": 2, "SAR": 2, "ILS": 2, "TWD": 2,
        "JPY": 0, "KRW": 0, "ISK": 0, "CLP": 0, "VND": 0, "PYG": 0, "UGX": 0, "XOF": 0,
        "XAF": 0,
        "BHD": 3, "KWD": 3, "OMR": 3, "JOD": 3, "TND": 3, "LYD": 3, "IQD": 3,
    ]
}
