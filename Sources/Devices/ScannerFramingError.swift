/// A scanner framing that cannot work, or a message the framer had to drop.
public enum ScannerFramingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A message grew past the limit without ending; its bytes were dropped.
    case messageTooLong(limit: Int)
    /// The framing's settings contradict each other.
    case invalidFraming(String)

    /// What happened and what to change.
    public var description: String {
        switch self {
        case .messageTooLong(let limit):
            return "scan dropped: more than \(limit) bytes without an end; check the "
                + "profile's suffix (the scanner may send another terminator) or idle gap"
        case .invalidFraming(let problem):
            return "scanner framing: \(problem)"
        }
    }
}
