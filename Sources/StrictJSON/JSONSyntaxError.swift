/// A JSON text that is not valid RFC 8259 JSON, with the place of the first fault.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the fault is.
    public let position: SourcePosition
    /// What is wrong and, where it helps, how to write it instead.
    public let message: String

    /// Makes an error.
    public init(position: SourcePosition, message: String) {
        self.position = position
        self.message = message
    }

    /// `LINE:COLUMN: message`, for example `3:17: expected ',' or '}' after a member`.
    public var description: String { "\(position): \(message)" }
}
