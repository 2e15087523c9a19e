/// Why a printer probe could not start.
public struct PrinterProbeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The port as given.
    public let port: String
    /// What is wrong, and what to do.
    public let problem: String

    /// Creates an error for `port`.
    public init(port: String, problem: String) {
        self.port = port
        self.problem = problem
    }

    public var description: String { "\(port): \(problem)" }
}
