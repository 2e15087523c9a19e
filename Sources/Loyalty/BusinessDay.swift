/// A business day of a store, named by its calendar date (proleptic Gregorian).
///
/// A business day runs from `StoreCalendar.dayStartsAt` on its date to the same wall-clock
/// time on the next date, so with a 04:00 start the night 00:00–03:59 belongs to the day
/// before.
public struct BusinessDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year, e.g. 2022.
    public let year: Int
    /// The month, 1 to 12.
    public let month: Int
    /// The day of the month, 1 to 31.
    public let day: Int

    /// A day from its date; stops the program when the date does not exist.
    public init(year: Int, month: Int, day: Int) {
        precondition((1...12).contains(month), "month \(month) is not 1...12")
        precondition(
            (1...BusinessDay.daysIn(month: month, year: year)).contains(day),
            "\(year)-\(month)-\(day) is not a date")
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day `count` days later (earlier when negative).
    public func adding(days count: Int) -> BusinessDay {
        BusinessDay(dayNumber: dayNumber + count)
    }

    /// The ISO 8601 date, `2022-02-21`.
    public var description: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Orders days by date.
    public static func < (lhs: BusinessDay, rhs: BusinessDay) -> Bool {
        lhs.dayNumber < rhs.dayNumber
    }

    /// Days since 1970-01-01 (negative before). The usual civil-calendar arithmetic: years
    /// are counted from March so that the leap day is the last day of the counted year.
    package var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = (month + 9) % 12
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The day with this number of days since 1970-01-01.
    package init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra =
            (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.init(year: year, month: month, day: day)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2:
            let leap =
                year.isMultiple(of: 4)
                && (!year.isMultiple(of: 100)
                    || year.isMultiple(of: 400))
            return leap ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
