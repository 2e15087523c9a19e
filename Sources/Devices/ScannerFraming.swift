/// How a scanner marks where one scan ends: suffix bytes, an idle gap, or both.
public struct ScannerFraming: Hashable, Sendable {
    /// What ends a message.
    public enum Ending: String, Hashable, Sendable {
        /// Any suffix ends a message; a run of suffixes counts as one.
        case suffix
        /// Only the idle gap ends a message; the trailing run of suffixes is then
        /// removed whole, and a suffix byte inside the burst stays in the data.
        case suffixThenIdle
        /// Only the idle gap ends a message (the scanner sends no suffix).
        case idle
    }

    /// Carriage return, `0D`.
    public static let carriageReturn: [UInt8] = [0x0D]
    /// Line feed, `0A`.
    public static let lineFeed: [UInt8] = [0x0A]
    /// CR LF, `0D 0A`.
    public static let crlf: [UInt8] = [0x0D, 0x0A]
    /// Horizontal tab, `09`.
    public static let tab: [UInt8] = [0x09]
    /// End of text, `03`.
    public static let endOfText: [UInt8] = [0x03]

    /// Bytes a scanner puts before every message (an STX, a configured
    /// preamble); stripped when present.
    public let prefix: [UInt8]
    /// The byte strings that end a message.
    public let suffixes: [[UInt8]]
    /// The silence after which a burst is complete; nil for none.
    public let idleGap: Duration?
    /// What ends a message.
    public let endsOn: Ending
    /// Whether the scanner is set to send AIM symbology identifiers (`]E0`).
    /// The framer keeps them in the message; `Symbology` reads them.
    public let sendsAIMIdentifiers: Bool
    /// The longest message kept; a longer one is dropped with an error.
    public let maximumMessageSize: Int

    /// Checks that the settings can work together: `.suffix` and
    /// `.suffixThenIdle` need a suffix, the idle endings need a gap.
    public init(
        prefix: [UInt8] = [], suffixes: [[UInt8]], idleGap: Duration? = nil,
        endsOn: Ending = .suffix, sendsAIMIdentifiers: Bool = true,
        maximumMessageSize: Int = 8192
    ) throws(ScannerFramingError) {
        if suffixes.contains(where: \.isEmpty) {
            throw .invalidFraming("a suffix is empty; give at least one byte, e.g. 0D")
        }
        if endsOn != .idle && suffixes.isEmpty {
            throw .invalidFraming("ending on \"\(endsOn.rawValue)\" needs at least one suffix")
        }
        if endsOn != .suffix && (idleGap ?? .zero) <= .zero {
            throw .invalidFraming("ending on \"\(endsOn.rawValue)\" needs an idle gap above 0")
        }
        if maximumMessageSize < 1 {
            throw .invalidFraming("the maximum message size must be at least 1 byte")
        }
        self.prefix = prefix
        self.suffixes = suffixes.sorted { $0.count > $1.count }
        self.idleGap = idleGap
        self.endsOn = endsOn
        self.sendsAIMIdentifiers = sendsAIMIdentifiers
        self.maximumMessageSize = maximumMessageSize
    }

    /// A scanner that may send AIM identifiers and ends with CR, LF or CRLF.
    public static let standard = try! ScannerFraming(
        suffixes: [carriageReturn, lineFeed, crlf], endsOn: .suffix)
}
