import Foundation

/// An RFC 3339 date-time with an offset, as the POS sent it, and the instant it names.
///
/// The text is kept (it is the POS's own time, recorded as given); `date` is for
/// ordering and arithmetic. Grammar: RFC 3339 §5.6 `date-time`, `T` and `Z` in either
/// case, fractions of a second allowed, the offset required (`Z` or `±HH:MM`).
public struct LaneLinkTimestamp: Sendable, Hashable, CustomStringConvertible {
    /// The text as sent, e.g. `2024-05-02T14:03:11+02:00`.
    public let text: String
    /// The instant.
    public let date: Date

    /// Parses RFC 3339 text; nil when it is not a valid date-time with an offset.
    public init?(_ text: String) {
        guard let date = LaneLinkTimestamp.parse(Array(text.utf8)) else { return nil }
        self.text = text
        self.date = date
    }

    /// The text as sent.
    public var description: String { text }

    private static func parse(_ b: [UInt8]) -> Date? {
        // YYYY-MM-DDTHH:MM:SS is 19 bytes; the shortest offset, Z, makes 20.
        guard b.count >= 20, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
            b[10] | 0x20 == UInt8(ascii: "t"), b[13] == UInt8(ascii: ":"),
            b[16] == UInt8(ascii: ":"),
            let year = digits(b, 0, 4), let month = digits(b, 5, 2),
            let day = digits(b, 8, 2), let hour = digits(b, 11, 2),
            let minute = digits(b, 14, 2), let second = digits(b, 17, 2)
        else {
            return nil
        }
        guard (1...12).contains(month), (1...daysIn(month, year)).contains(day),
            hour <= 23, minute <= 59, second <= 60
        else {
            return nil
        }

        var index = 19
        var fraction = 0.0
        if b[index] == UInt8(ascii: ".") {
            let start = index + 1
            index = start
            while index < b.count, isDigit(b[index]) { index += 1 }
            guard index > start, index < b.count else { return nil }
            fraction = Double(String(decoding: b[(start - 1)..<index], as: UTF8.self)) ?? 0
        }

        var offset = 0
        if b[index] | 0x20 == UInt8(ascii: "z"), index + 1 == b.count {
            offset = 0
        } else if b[index] == UInt8(ascii: "+") || b[index] == UInt8(ascii: "-"),
            index + 6 == b.count, b[index + 3] == UInt8(ascii: ":"),
            let hours = digits(b, index + 1, 2), let minutes = digits(b, index + 4, 2),
            hours <= 23, minutes <= 59
        {
            offset = (hours * 60 + minutes) * 60 * (b[index] == UInt8(ascii: "-") ? -1 : 1)
        } else {
            return nil
        }

        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    private static func digits(_ b: [UInt8], _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for index in start..<start + count {
            guard isDigit(b[index]) else { return nil }
            value = value * 10 + Int(b[index] - UInt8(ascii: "0"))
        }
        return value
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's
    /// `days_from_civil` algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
