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
    private static let formatters = Mutex<[String: ISO8601DateFormatter]>([:])

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
        // Making an ISO8601DateFormatter costs about 50 µs (it opens an ICU formatter), more
        // than the rest of a voucher's plan, which runs inside the store's write lock; one
        // per zone is kept and used under the lock.
        let text = formatters.withLock { cache in
            let formatter = cache[timeZone.identifier] ?? {
                let made = ISO8601DateFormatter()
                made.formatOptions = [.withInternetDateTime]
                made.timeZone = timeZone
                cache[timeZone.identifier] = made
                return made
            }()
            return formatter.string(from: date)
        }
        // ISO8601DateFormatter writes Z for a zero offset; the store's offset reads better.
        if text.hasSuffix("Z") { return String(text.dropLast()) + "+00:00" }
        return text
    }
}
