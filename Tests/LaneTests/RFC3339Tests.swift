import Foundation
import Testing

@testable import Lane

@Suite struct RFC3339Tests {
    static let zones = [
        "Europe/Amsterdam", "UTC", "America/St_Johns", "Asia/Kolkata",
        "Pacific/Chatham", "America/Los_Angeles",
    ]

    /// Instants around the year's turns and the zones' daylight-saving changes, leap days
    /// and far dates.
    static let instants: [TimeInterval] = [
        0, 951_782_400, 1_709_164_799, 1_709_164_800, 1_711_846_799, 1_711_846_800,
        1_729_990_800, 1_798_761_599, 1_798_761_600, 1_800_000_000.75, 4_102_444_800,
        253_402_300_799,
    ]

    @Test(arguments: zones)
    func formatsAsFoundationsFormatterDoes(_ zone: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        let reference = ISO8601DateFormatter()
        reference.formatOptions = [.withInternetDateTime]
        reference.timeZone = timeZone
        for seconds in Self.instants {
            let date = Date(timeIntervalSince1970: seconds)
            var expected = reference.string(from: date)
            if expected.hasSuffix("Z") { expected = String(expected.dropLast()) + "+00:00" }
            #expect(RFC3339.format(date, in: timeZone) == expected, "\(zone) \(seconds)")
        }
    }

    @Test func writesTheStoresOffsetAndPadsEveryField() throws {
        let amsterdam = try #require(TimeZone(identifier: "Europe/Amsterdam"))
        let date = try #require(RFC3339.parse("2027-01-03T00:00:00+01:00"))
        #expect(RFC3339.format(date, in: amsterdam) == "2027-01-03T00:00:00+01:00")
        let utc = try #require(TimeZone(identifier: "UTC"))
        #expect(
            RFC3339.format(Date(timeIntervalSince1970: 65), in: utc)
                == "1970-01-01T00:01:05+00:00")
    }
}
