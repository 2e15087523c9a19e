/// Where a barcode's human-readable interpretation prints, the `n` of `GS H n`.
public enum HRIPosition: UInt8, Sendable {
    /// No human-readable text.
    case none = 0
    /// Above the bars.
    case above = 1
    /// Below the bars.
    case below = 2
    /// Both above and below.
    case both = 3
}
