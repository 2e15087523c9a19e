/// Two-digit-year dates of GS1 element strings (GS1 General Specifications, 7.12).
enum GS1Date {
    /// The full year of a two-digit year `yy`, read against `referenceYear` by the GS1
    /// rule (General Specifications 7.12, "Determination of century in dates"): with
    /// `d = yy - (referenceYear mod 100)`, a `d` of 51 to 99 is in the previous century,
    /// -99 to -50 in the next one, anything else in the reference year's own century. The
    /// window so runs from 49 years before the reference year to 50 years after it.
    static func fullYear(_ yy: Int, referenceYear: Int) -> Int {
        let century = referenceYear - referenceYear % 100
        let difference = yy - referenceYear % 100
        if difference >= 51 { return century - 100 + yy }
        if difference <= -50 { return century + 100 + yy }
        return century + yy
    }

    /// Whether a year of the Gregorian calendar is a leap year.
    static func isLeapYear(_ year: Int) -> Bool {
        year.isMultiple(of: 4) && (!year.isMultiple(of: 100) || year.isMultiple(of: 400))
    }

    /// The number of days in a month, 1 to 12, of a year.
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `YYMMDD` as ISO 8601 `YYYY-MM-DD`, a day of 00 read as the last day of the month;
    /// `nil` unless it is six digits naming a real month and day.
    static func iso8601(_ yymmdd: String, referenceYear: Int) -> String? {
        guard let digits = GTIN.digitValues(yymmdd), digits.count == 6 else { return nil }
        let year = fullYear(digits[0] * 10 + digits[1], referenceYear: referenceYear)
        let month = digits[2] * 10 + digits[3]
        var day = digits[4] * 10 + digits[5]
        guard (1...12).contains(month) else { return nil }
        let lastDay = daysIn(month: month, year: year)
        if day == 0 { day = lastDay }
        guard day <= lastDay else { return nil }
        return String(year).leftPadded(to: 4) + "-" + String(month).leftPadded(to: 2) + "-"
            + String(day).leftPadded(to: 2)
    }
}
