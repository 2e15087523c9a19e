import Foundation
import Testing

@testable import Loyalty

/// An instant from RFC 3339 text, for readable tests.
func instant(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    guard let date = formatter.date(from: text) else { fatalError("bad date \(text)") }
    return date
}

func zone(_ identifier: String) -> TimeZone {
    guard let zone = TimeZone(identifier: identifier) else { fatalError("no zone \(identifier)") }
    return zone
}

@Suite struct StoreCalendarTests {
    static let bangkok = StoreCalendar(timeZone: zone("Asia/Bangkok"))
    static let amsterdam = StoreCalendar(timeZone: zone("Europe/Amsterdam"))
    static let amsterdamAt4 = StoreCalendar(
        timeZone: zone("Europe/Amsterdam"), dayStartsAt: (hour: 4, minute: 0))

    /// Case L03: last valid day 2022-02-21 in Bangkok expires at 2022-02-21T17:00:00Z.
    @Test func l03ValidityInTheStoresZone() {
        let issued = instant("2022-01-22T09:30:00+07:00")
        let last = Self.bangkok.lastValidDay(issuedAt: issued, validDays: 30)
        let expires = Self.bangkok.expiry(issuedAt: issued, validDays: 30)
        #expect(last == BusinessDay(year: 2022, month: 2, day: 21))
        #expect(expires == instant("2022-02-21T17:00:00Z"))

        let voucher = IssuedVoucher(
            code: "994000000000000000000002", reward: "r", title: "t",
            amount: Money(minorUnits: 500, scale: 2), expires: expires, lastValidDay: last)
        #expect(voucher.isValid(at: instant("2022-02-21T17:00:00+07:00")))
        #expect(voucher.isValid(at: instant("2022-02-21T23:59:59+07:00")))
        #expect(!voucher.isValid(at: instant("2022-02-22T00:00:00+07:00")))
        #expect(!voucher.isValid(at: instant("2022-02-22T00:00:01+07:00")))
    }

    @Test(arguments: [
        // A sale at 02:00 belongs to the day before when days start at 04:00.
        ("2024-03-21T02:00:00+01:00", 4, "2024-03-20"),
        ("2024-03-21T03:59:59+01:00", 4, "2024-03-20"),
        ("2024-03-21T04:00:00+01:00", 4, "2024-03-21"),
        ("2024-03-21T02:00:00+01:00", 0, "2024-03-21"),
        ("2024-03-20T23:59:59+01:00", 0, "2024-03-20"),
        // Spring-forward night: 03:30 CEST is still the 30th with a 04:00 start.
        ("2024-03-31T03:30:00+02:00", 4, "2024-03-30"),
        ("2024-03-31T04:00:00+02:00", 4, "2024-03-31"),
        // Fall-back night: both 02:30s are the 26th with a 04:00 start.
        ("2024-10-27T02:30:00+02:00", 4, "2024-10-26"),
        ("2024-10-27T02:30:00+01:00", 4, "2024-10-26"),
        ("2024-10-27T03:59:59+01:00", 4, "2024-10-26"),
    ])
    func businessDayOfASale(at text: String, startHour: Int, day: String) {
        let calendar = StoreCalendar(
            timeZone: zone("Europe/Amsterdam"), dayStartsAt: (hour: startHour, minute: 0))
        #expect(calendar.businessDay(of: instant(text)).description == day)
    }

    @Test func amsterdamDSTDaysAre23And25HoursLong() {
        let march31 = BusinessDay(year: 2024, month: 3, day: 31)
        let october27 = BusinessDay(year: 2024, month: 10, day: 27)
        let cal = Self.amsterdam
        #expect(cal.start(of: march31) == instant("2024-03-30T23:00:00Z"))
        #expect(cal.start(of: march31.adding(days: 1)) == instant("2024-03-31T22:00:00Z"))
        #expect(cal.start(of: october27) == instant("2024-10-26T22:00:00Z"))
        #expect(cal.start(of: october27.adding(days: 1)) == instant("2024-10-27T23:00:00Z"))

        let at4 = Self.amsterdamAt4
        #expect(at4.start(of: march31) == instant("2024-03-31T04:00:00+02:00"))
        #expect(at4.start(of: october27) == instant("2024-10-27T04:00:00+01:00"))
    }

    @Test func aDayStartInsideTheSkippedHourStartsAtTheTransition() {
        let cal = StoreCalendar(timeZone: zone("Europe/Amsterdam"), dayStartsAt: (2, 30))
        #expect(
            cal.start(of: BusinessDay(year: 2024, month: 3, day: 31))
                == instant("2024-03-31T03:00:00+02:00"))
        // Twice 02:30 in October: the earlier one starts the day.
        #expect(
            cal.start(of: BusinessDay(year: 2024, month: 10, day: 27))
                == instant("2024-10-27T02:30:00+02:00"))
        #expect(
            cal.businessDay(of: instant("2024-03-31T01:59:59+01:00")).description
                == "2024-03-30")
        #expect(
            cal.businessDay(of: instant("2024-03-31T03:00:00+02:00")).description
                == "2024-03-31")
        // The second 02:10 of the October night comes after the day's start (the first
        // 02:30), so it belongs to the new day, not the one before.
        #expect(
            cal.businessDay(of: instant("2024-10-27T02:10:00+01:00")).description
                == "2024-10-27")
        #expect(
            cal.businessDay(of: instant("2024-10-27T02:29:59+02:00")).description
                == "2024-10-26")
    }

    @Test(arguments: [
        // Issued before the spring change, expiring after it: the expiry is in CEST.
        ("2024-03-20T12:00:00+01:00", 0, 30, "2024-04-19", "2024-04-19T22:00:00Z"),
        // 03:00 still belongs to the 20th when days start at 04:00.
        ("2024-03-21T03:00:00+01:00", 4, 30, "2024-04-19", "2024-04-20T02:00:00Z"),
        // Across the autumn change: the expiry is in CET.
        ("2024-10-20T18:00:00+02:00", 0, 10, "2024-10-30", "2024-10-30T23:00:00Z"),
        ("2024-12-31T23:59:59+01:00", 0, 1, "2025-01-01", "2025-01-01T23:00:00Z"),
        ("2024-02-28T10:00:00+01:00", 0, 1, "2024-02-29", "2024-02-29T23:00:00Z"),
    ])
    func voucherExpiryInAmsterdam(
        issued: String, startHour: Int, days: Int, last: String, expires: String
    ) {
        let cal = StoreCalendar(
            timeZone: zone("Europe/Amsterdam"), dayStartsAt: (hour: startHour, minute: 0))
        #expect(cal.lastValidDay(issuedAt: instant(issued), validDays: days).description == last)
        #expect(cal.expiry(issuedAt: instant(issued), validDays: days) == instant(expires))
    }

    @Test(arguments: [("04:00", 4, 0), ("00:00", 0, 0), ("23:59", 23, 59), ("06:30", 6, 30)])
    func readsADayStart(text: String, hour: Int, minute: Int) throws {
        let start = try #require(StoreCalendar.dayStart(parsing: text))
        #expect(start.hour == hour && start.minute == minute)
    }

    @Test(arguments: ["4:00", "24:00", "04:60", "04:00:00", "04-00", "", "0a:00", " 4:00"])
    func refusesADayStart(text: String) {
        #expect(StoreCalendar.dayStart(parsing: text) == nil)
    }

    @Test(arguments: [
        (0, "1970-01-01"), (-1, "1969-12-31"), (19_044, "2022-02-21"),
        (11_016, "2000-02-29"), (-719_468, "0000-03-01"),
    ])
    func dayNumbers(number: Int, text: String) {
        let day = BusinessDay(dayNumber: number)
        #expect(day.description == text)
        #expect(day.dayNumber == number)
    }
}
