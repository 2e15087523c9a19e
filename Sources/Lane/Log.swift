import Foundation
import Symbology
import Synchronization

/// The lane's log: one line per event on standard error, with a level and key=value fields,
/// so journald keeps it (`level=info event=finalized txn=T1 earned=12`).
///
/// Card numbers never reach it whole: callers pass them through `Log.card(_:)`, which keeps
/// at most the first six and the last four digits, and every value is searched for payment
/// card numbers (`PaymentCard.masking`) before it is written.
public enum Log {
    public enum Level: Int, Sendable, Comparable {
        case debug, info, warning, error
        var name: String { ["debug", "info", "warning", "error"][rawValue] }
        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    private static let threshold = Mutex<Level>(
        ProcessInfo.processInfo.environment["LANEGATE_LOG"] == "debug" ? .debug : .info)

    /// Sets the lowest level written.
    public static func setLevel(_ level: Level) { threshold.withLock { $0 = level } }

    /// Writes one event line when `level` is at or above the threshold.
    public static func write(
        _ level: Level, _ event: String, _ fields: KeyValuePairs<String, String> = [:]
    ) {
        guard level >= threshold.withLock({ $0 }) else { return }
        var line = "level=\(level.name) event=\(event)"
        for (key, value) in fields {
            // A last guard: a payment card number that reached a value some other way (a
            // POS's `txn`, a message quoting a field) is masked here too.
            line += " \(key)=\(quoted(PaymentCard.masking(value)))"
        }
        line += "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    public static func info(_ event: String, _ fields: KeyValuePairs<String, String> = [:]) {
        write(.info, event, fields)
    }
    public static func warning(_ event: String, _ fields: KeyValuePairs<String, String> = [:]) {
        write(.warning, event, fields)
    }
    public static func error(_ event: String, _ fields: KeyValuePairs<String, String> = [:]) {
        write(.error, event, fields)
    }
    public static func debug(_ event: String, _ fields: KeyValuePairs<String, String> = [:]) {
        write(.debug, event, fields)
    }

    /// A card number as logs may show it: first six and last four digits at most
    /// (`Symbology.PaymentCard.mask`).
    public static func card(_ number: String) -> String {
        PaymentCard.mask(number)
    }

    /// `text` with every run of 13 to 19 digits (a payment card number's lengths) masked as
    /// `card(_:)` masks it, for free text that may quote what a POS or a scanner sent.
    public static func scrubbed(_ text: String) -> String {
        var output = ""
        var digits = ""
        func flush() {
            output += (13...19).contains(digits.count) ? card(digits) : digits
            digits = ""
        }
        for character in text {
            if character.isASCII && character.isNumber {
                digits.append(character)
            } else {
                flush()
                output.append(character)
            }
        }
        flush()
        return output
    }

    private static func quoted(_ value: String) -> String {
        if !value.isEmpty && !value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" }) {
            return value
        }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
