/// A line speed `SerialOptions` cannot take.
public struct SerialOptionsError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The rate asked for, in bits per second.
    public let baud: Int

    /// Describes the refused rate.
    public init(baud: Int) {
        self.baud = baud
    }

    /// `10 baud is out of range (valid: 50...4000000 bit/s)`.
    public var description: String {
        let range = SerialOptions.supportedBauds
        return "\(baud) baud is out of range (valid: \(range.lowerBound)...\(range.upperBound)"
            + " bit/s)"
    }
}
