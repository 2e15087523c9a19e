/// One problem in one file, with the place and the JSON path of the value at fault.
public struct JSONProblem: Sendable, Hashable, CustomStringConvertible {
    /// The file as the user named it.
    public let file: String
    /// Where the problem is in the file.
    public let position: SourcePosition
    /// The JSON path of the value, e.g. `$.devices[1].port`.
    public let path: String
    /// What is wrong, and the valid choices where there are some.
    public let message: String

    /// Makes a problem.
    public init(file: String, position: SourcePosition, path: String, message: String) {
        self.file = file
        self.position = position
        self.path = path
        self.message = message
    }

    /// `FILE:LINE:COLUMN: PATH: message`, for example
    /// `lane.json:7:15: $.devices[1].port: expected a string, found a number`.
    public var description: String { "\(file):\(position): \(path): \(message)" }
}

/// Every problem found in a file, thrown when a loader is done with it.
public struct JSONProblems: Error, Sendable, CustomStringConvertible {
    /// The problems in the order they were found.
    public let problems: [JSONProblem]

    /// Wraps a list of problems.
    public init(problems: [JSONProblem]) {
        self.problems = problems
    }

    /// One problem per line.
    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
