import Foundation

/// The store's clock rules: its IANA time zone and the wall-clock time a business day starts.
///
/// All validity windows are computed here, in the store's zone, from instants; the lane's
/// own clock may run in any zone. Offsets come from `TimeZone.secondsFromGMT(for:)` (the
/// tz database), never from a fixed offset, so DST days are 23 or 25 hours long.
///
/// The rule for date-only limits: a voucher with `validDays: n` issued on business day `d`
/// is valid through the end of business day `d + n` (its last valid day) and expires at the
/// start of business day `d + n + 1`. `expires` is the first instant at which it is no
/// longer valid: valid means `now < expires`.
public struct StoreCalendar: Sendable, Equatable {
    /// The store's time zone, e.g. `Europe/Amsterdam`.
    public let timeZone: TimeZone
    /// Seconds after local midnight at which a business day starts (0 for midnight).
    public let dayStartSeconds: Int

    /// A calendar for a zone and a business day start ("04:00" is `(hour: 4, minute: 0)`).
    public init(timeZone: TimeZone, dayStartsAt: (hour: Int, minute: Int) = (0, 0)) {
        precondition((0...23).contains(dayStartsAt.hour), "an hour is 0...23")
        precondition((0...59).contains(dayStartsAt.minute), "a minute is 0...59")
        self.timeZone = timeZone
        self.dayStartSeconds = dayStartsAt.hour * 3600 + dayStartsAt.minute * 60
    }

    /// Reads a business day start as the lane config writes it: `HH:MM`, 24-hour, two
    /// digits each ("04:00"). Nil for anything else ("4:00", "24:00", "04:00:00").
    public static func dayStart(parsing text: String) -> (hour: Int, minute: Int)? {
        let bytes = Array(text.utf8)
        guard bytes.count == 5, bytes[2] == UInt8(ascii: ":"),
            let digits = CheckDigit.digits(
                String(
                    decoding: bytes[0..<2] + bytes[3..<5],
                    as: UTF8.self))
        else { return nil }
        let hour = digits[0] * 10 + digits[1]
        let minute = digits[2] * 10 + digits[3]
        guard hour < 24, minute < 60 else { return nil }
        return (hour, minute)
    }

    /// The business day an instant belongs to: the last day whose `start(of:)` is not
    /// after it. With a 04:00 start, 02:00 on the 5th belongs to the 4th.
    public func businessDay(of instant: Date) -> BusinessDay {
        // The local wall-clock time less the day start names the day, except within a DST
        // change around the day start (a 02:30 start on a night 02:00-03:00 repeats), where
        // the day's true first instant decides.
        let offset = timeZone.secondsFromGMT(for: instant)
        let wall = Int(instant.timeIntervalSince1970.rounded(.down)) + offset - dayStartSeconds
        let day = BusinessDay(dayNumber: Self.floorDivide(wall, 86_400))
        if instant >= start(of: day.adding(days: 1)) { return day.adding(days: 1) }
        if instant < start(of: day) { return day.adding(days: -1) }
        return day
    }

    /// The first instant of a business day: its date at the day-start time, local.
    ///
    /// When DST makes that wall-clock time occur twice (autumn), the earlier instant is the
    /// start; when it does not occur at all (spring), the day starts at the transition,
    /// the first instant after the skipped hour.
    public func start(of day: BusinessDay) -> Date {
        let wall = day.dayNumber * 86_400 + dayStartSeconds

        // The offsets in force around that wall time: a day before and a day after cover
        // every transition the tz database holds (none shifts by more than a day).
        let nearby = Set([-86_400, 0, 86_400].map { offset(at: wall + $0) })
        let candidates = nearby.map { wall - $0 }.filter { wall - offset(at: $0) == $0 }
        if let first = candidates.min() {
            return Date(timeIntervalSince1970: Double(first))
        }
        return Date(timeIntervalSince1970: Double(transition(skipping: wall)))
    }

    /// The first instant at which a voucher issued at `issuedAt`, valid for `validDays`
    /// business days after its day of issue, is no longer valid.
    public func expiry(issuedAt: Date, validDays: Int) -> Date {
        start(of: lastValidDay(issuedAt: issuedAt, validDays: validDays).adding(days: 1))
    }

    /// The last business day on which a voucher issued at `issuedAt` is valid: the day of
    /// issue plus `validDays`. This is the date printed on the voucher.
    public func lastValidDay(issuedAt: Date, validDays: Int) -> BusinessDay {
        businessDay(of: issuedAt).adding(days: validDays)
    }

    /// Equal when the zones have the same identifier and the days start at the same time.
    public static func == (lhs: StoreCalendar, rhs: StoreCalendar) -> Bool {
        lhs.timeZone.identifier == rhs.timeZone.identifier
            && lhs.dayStartSeconds == rhs.dayStartSeconds
    }

    /// The instant a DST gap containing the wall time `wall` ends: the first second with
    /// the later offset, found by bisection between the two readings of `wall`.
    private func transition(skipping wall: Int) -> Int {
        let earlier = offset(at: wall - 86_400)
        let later = offset(at: wall + 86_400)
        var low = wall - later
        var high = wall - earlier
        guard low < high, offset(at: low) != later, offset(at: high) == later else {
            return wall - earlier
        }

        while high - low > 1 {
            let middle = low + (high - low) / 2
            if offset(at: middle) == later { high = middle } else { low = middle }
        }
        return high
    }

    private func offset(at seconds: Int) -> Int {
        timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds)))
    }

    private static func floorDivide(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
