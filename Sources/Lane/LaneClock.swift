import Foundation
import Loyalty
import Synchronization

/// The lane's wall clock and random source, injected so tests can run at any moment and
/// get the same voucher codes every time.
///
/// In production both come from the system. Two environment variables fix them, and nothing
/// else differs in that mode:
/// - `LANEGATE_CLOCK=2026-12-03T10:15:00+01:00` freezes the wall clock at that instant
///   (timeouts still use the monotonic clock, so they still fire);
/// - `LANEGATE_SEED=42` draws voucher codes from a seeded generator.
public struct LaneEnvironment: Sendable {
    public var now: @Sendable () -> Date
    public var random: RandomSource

    public static let system = LaneEnvironment(now: { Date() }, random: RandomSource(seed: nil))

    /// Reads `LANEGATE_CLOCK` and `LANEGATE_SEED`; a malformed value is an error that names
    /// the variable and the expected form.
    public static func fromProcessEnvironment(
        _ variables: [String: String] = ProcessInfo.processInfo.environment
    ) throws(LaneError) -> LaneEnvironment {
        var environment = LaneEnvironment.system
        if let text = variables["LANEGATE_CLOCK"] {
            guard let instant = RFC3339.parse(text) else {
                throw LaneError(
                    "LANEGATE_CLOCK=\(text) is not an RFC 3339 instant (valid: e.g. "
                        + "2026-12-03T10:15:00+01:00)")
            }
            environment.now = { instant }
        }
        if let text = variables["LANEGATE_SEED"] {
            guard let seed = UInt64(text) else {
                throw LaneError(
                    "LANEGATE_SEED=\(text) is not a seed (valid: a decimal number from 0 to "
                        + "18446744073709551615)")
            }
            environment.random = RandomSource(seed: seed)
        }
        return environment
    }
}

/// A random number source shared by the lane's tasks: the system's, or a seeded one.
public final class RandomSource: Sendable {
    private let seeded: Mutex<SeededGenerator?>

    public init(seed: UInt64?) {
        seeded = Mutex(seed.map(SeededGenerator.init(seed:)))
    }

    /// The next 64 random bits.
    public func next() -> UInt64 {
        seeded.withLock { generator in
            if generator != nil { return generator!.next() }
            var system = SystemRandomNumberGenerator()
            return system.next()
        }
    }
}

/// A `RandomNumberGenerator` view of a `RandomSource`, for APIs that take `inout some
/// RandomNumberGenerator`.
public struct RandomSourceGenerator: RandomNumberGenerator {
    let source: RandomSource
    public init(_ source: RandomSource) { self.source = source }
    public mutating func next() -> UInt64 { source.next() }
}

/// RFC 3339 instants with an offset, as LaneLink and the test clock use them.
public enum RFC3339 {
    /// Parses `2026-12-03T10:15:00+01:00`, `…Z`, with optional fractional seconds.
    public static func parse(_ text: String) -> Date? {
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = withFraction.date(from: text) { return date }
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        return plain.date(from: text)
    }

    /// Formats `date` with the offset `timeZone` has at that instant, e.g.
    /// `2027-01-03T00:00:00+01:00`.
    public static func format(_ date: Date, in timeZone: TimeZone) -> String {
        // Written out by hand: ISO8601DateFormatter (an ICU formatter behind a lock) took
        // about 40 µs a call on Linux, inside the store's write lock on every voucher sale.
        // The offset is the zone's at that instant (`secondsFromGMT(for:)`), in whole
        // minutes as RFC 3339 writes it (section 5.6); the civil date comes from the day
        // count with the proleptic Gregorian rules (days_from_civil's inverse, as in
        // Howard Hinnant's "chrono-Compatible Low-Level Date Algorithms").
        let offset = timeZone.secondsFromGMT(for: date)
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down)) + Int64(offset)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400

        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra =
            (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096)
            / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)

        let sign = offset < 0 ? "-" : "+"
        let offsetMinutes = abs(offset) / 60
        return "\(digits(year, 4))-\(digits(month, 2))-\(digits(day, 2))T"
            + "\(digits(secondOfDay / 3600, 2)):\(digits(secondOfDay / 60 % 60, 2)):"
            + "\(digits(secondOfDay % 60, 2))\(sign)\(digits(Int64(offsetMinutes / 60), 2)):"
            + digits(Int64(offsetMinutes % 60), 2)
    }

    /// `value` in decimal, zero-padded on the left to `width` digits.
    private static func digits(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
