/// Horizontal justification of a printed line, the `n` of `ESC a n`.
public enum Alignment: UInt8, Sendable {
    /// Flush left (the printer's default).
    case left = 0
    /// Centred between the margins.
    case center = 1
    /// Flush right.
    case right = 2
}
