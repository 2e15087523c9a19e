/// A request the gateway refuses, with what goes into the `error` reply.
public struct LaneLinkFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The stable code the POS acts on.
    public let code: LaneLinkErrorCode
    /// What is wrong, naming the field and the fix.
    public let message: String
    /// The request's id, `null` when the line could not be read that far.
    public let id: LaneLinkID

    /// Makes a failure.
    public init(code: LaneLinkErrorCode, message: String, id: LaneLinkID) {
        self.code = code
        self.message = message
        self.id = id
    }

    /// `code: message (id ID)`, for logs.
    public var description: String { "\(code.rawValue): \(message) (id \(id))" }
}
