/// A keyboard layout name lanegate has no table for.
public struct KeyLayoutError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The name as given.
    public let name: String
    /// The names that would work.
    public let known: [String]

    /// Records that `name` is none of `known`.
    public init(name: String, known: [String]) {
        self.name = name
        self.known = known
    }

    /// `unknown keyboard layout "sv" (valid: us, uk, …)`.
    public var description: String {
        "unknown keyboard layout \"\(name)\" (valid: \(known.joined(separator: ", "))); set "
            + "the profile's layout to the scanner's country keyboard setting"
    }
}
