/// The content checks of GS1 AI value parts, named as in the GS1 Barcode Syntax
/// Dictionary ("linters"): check digits, dates, times and small enumerations.
enum GS1Checks {
    typealias Linter = GS1ApplicationIdentifier.Linter

    /// Applies each check to a value part.
    ///
    /// - Parameters:
    ///   - part: the bytes of the part, already known to be in the part's character set.
    ///   - ai: the AI, for messages.
    ///   - value: the whole value, for messages.
    ///   - offset: the offset of the part's first byte in the element string.
    ///   - referenceYear: the year two-digit years are read against, for February 29.
    static func apply(
        _ linters: [Linter], to part: ArraySlice<UInt8>, ai: String, value: String, offset: Int,
        referenceYear: Int
    ) throws(GS1Error) {
        let text = String(decoding: part, as: UTF8.self)
        let digits = GTIN.digitValues(text) ?? []
        func fail(_ at: Int, _ why: String) -> GS1Error {
            GS1Error(offset: offset + at, message: "(\(ai)) \(value): \(why)")
        }
        func number(_ range: Range<Int>) -> Int {
            digits[range].reduce(0) { $0 * 10 + $1 }
        }

        for linter in linters {
            switch linter {
            case .csum:
                let expected = GTIN.checkDigit(ofValues: digits.dropLast())
                if digits.last != expected {
                    throw fail(
                        digits.count - 1,
                        "check digit is \(digits.last ?? 0), expected \(expected)")
                }
            case .yymmd0, .yymmdd, .yymmddhh:
                try checkDate(
                    number, zeroDay: linter == .yymmd0, referenceYear: referenceYear, fail)
                if linter == .yymmddhh, number(6..<8) > 23 {
                    throw fail(6, "hour \(text.dropFirst(6).prefix(2)) does not exist")
                }
            case .hhmm:
                if number(0..<2) > 23 { throw fail(0, "hour \(text.prefix(2)) does not exist") }
                if number(2..<4) > 59 {
                    throw fail(2, "minute \(text.dropFirst(2)) does not exist")
                }
            case .mmoptss:
                if digits.count != 2 && digits.count != 4 {
                    throw fail(0, "minutes must be MM or MMSS, got \(text)")
                }
                if number(0..<2) > 59 { throw fail(0, "minute \(text.prefix(2)) does not exist") }
                if digits.count == 4, number(2..<4) > 59 {
                    throw fail(2, "second \(text.dropFirst(2)) does not exist")
                }
            case .nonzero:
                if digits.allSatisfy({ $0 == 0 }) { throw fail(0, "\(text) must not be zero") }
            case .zero:
                if text != "0" { throw fail(0, "the first digit must be 0, got \(text)") }
            case .yesno:
                if text != "0" && text != "1" {
                    throw fail(0, "\(text) must be 0 (no) or 1 (yes)")
                }
            case .winding:
                if !["0", "1", "9"].contains(text) {
                    throw fail(0, "winding direction \(text) must be 0, 1 or 9")
                }
            case .hyphen:
                if text != "-" { throw fail(0, "only '-' may follow the digits, got \(text)") }
            case .pieceoftotal:
                let piece = number(0..<2)
                let total = number(2..<4)
                if piece == 0 || total == 0 || piece > total {
                    throw fail(0, "piece \(piece) of \(total) is not a piece of the total")
                }
            case .latitude:
                if number(0..<10) > 1_800_000_000 { throw fail(0, "latitude out of range") }
            case .longitude:
                if number(0..<10) > 3_600_000_000 { throw fail(0, "longitude out of range") }
            case .nozeroprefix:
                if text.count > 1, text.hasPrefix("0") {
                    throw fail(0, "\(text) must not start with 0")
                }
            case .pcenc:
                try checkPercentEncoding(part, fail)
            case .csumalpha, .key, .iso3166, .iso3166999, .iso3166alpha2, .iso3166list,
                .iso4217, .iban, .couponcode, .couponposoffer, .importeridx, .mediatype:
                // TODO: these checks of the GS1 Barcode Syntax Dictionary are not made:
                // the GMN check character pair (csumalpha), GS1 Company Prefix validity
                // (key), ISO 3166 country and ISO 4217 currency codes, IBAN check digits,
                // the North American coupon formats (8110, 8112), the importer index of
                // (7040) and the media type list of (7241). Lengths and character sets of
                // these parts are still checked. Without the code lists a value with a
                // country or currency code that does not exist is accepted; none of
                // these AIs decide anything at the checkout today.
                continue
            }
        }
    }

    /// Checks `YYMMDD` (the first six digits): a real month, and a real day or, where
    /// `zeroDay` allows it, 00 for "the last day of the month". February 29 needs the full
    /// year (00 is a leap year in 2000, not in 2100), taken by the GS1 century rule.
    private static func checkDate(
        _ number: (Range<Int>) -> Int, zeroDay: Bool, referenceYear: Int,
        _ fail: (Int, String) -> GS1Error
    ) throws(GS1Error) {
        let month = number(2..<4)
        let day = number(4..<6)
        if !(1...12).contains(month) {
            throw fail(2, "month \(String(month).leftPadded(to: 2)) does not exist (YYMMDD)")
        }
        if day == 0 {
            if !zeroDay { throw fail(4, "day 00 is not allowed here (YYMMDD)") }
            return
        }
        let year = GS1Date.fullYear(number(0..<2), referenceYear: referenceYear)
        let lastDay = GS1Date.daysIn(month: month, year: year)
        if day > lastDay {
            throw fail(
                4,
                "day \(String(day).leftPadded(to: 2)) does not exist in"
                    + " \(year)-\(String(month).leftPadded(to: 2)) (YYMMDD)")
        }
    }

    /// Checks that every `%` starts a two-hex-digit escape.
    private static func checkPercentEncoding(
        _ part: ArraySlice<UInt8>, _ fail: (Int, String) -> GS1Error
    ) throws(GS1Error) {
        let isHex: (UInt8) -> Bool = {
            (0x30...0x39).contains($0) || (0x41...0x46).contains($0) || (0x61...0x66).contains($0)
        }
        var index = part.startIndex
        while index < part.endIndex {
            if part[index] == 0x25 {
                guard index + 2 < part.endIndex, isHex(part[index + 1]), isHex(part[index + 2])
                else {
                    throw fail(index - part.startIndex, "'%' must start an escape such as %20")
                }
                index += 3
            } else {
                index += 1
            }
        }
    }
}
