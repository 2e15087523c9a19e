import StrictJSON

/// Every problem found in a program file, one per line, as
/// `FILE:LINE:COLUMN: $.earn[0].points.per: what is wrong (valid: …)`.
public struct ProgramError: Error, Sendable, CustomStringConvertible {
    /// The problems in the order they were found (by position within each object).
    public let problems: [JSONProblem]

    /// An error listing problems.
    public init(problems: [JSONProblem]) {
        self.problems = problems
    }

    /// One problem per line.
    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
