/// Keyboard-wedge settings that cannot work, with what to change.
public struct KeyboardWedgeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong and how to fix it.
    public let problem: String

    /// Describes the problem.
    public init(problem: String) {
        self.problem = problem
    }

    /// `keyboard wedge: the idle gap must be above 0 ms`.
    public var description: String {
        "keyboard wedge: \(problem)"
    }
}
