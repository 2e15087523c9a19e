/// A device recording (docs/recordings.md) that cannot be read, with the place and the fix.
public struct RecordingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file as named by the caller.
    public let file: String
    /// The line, counted from 1; 0 when the file as a whole is the problem.
    public let line: Int
    /// What is wrong, and what would be right.
    public let problem: String

    /// Describes a problem at `line` of `file`.
    public init(file: String, line: Int, problem: String) {
        self.file = file
        self.line = line
        self.problem = problem
    }

    /// `K01.replay:12: unknown direction "out" (valid for evdev: in, gone)`.
    public var description: String {
        line > 0 ? "\(file):\(line): \(problem)" : "\(file): \(problem)"
    }
}
