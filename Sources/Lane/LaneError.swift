/// A runtime failure of the lane, in words a person can act on.
public struct LaneError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
