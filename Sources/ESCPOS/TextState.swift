/// The print settings a run of text was printed with, as a parser tracks them.
public struct TextState: Sendable, Equatable {
    /// Emphasized (bold), from `ESC E n` or bit 3 of `ESC ! n`.
    public var emphasized: Bool
    /// Underline thickness in dots (0 off, 1 or 2), from `ESC - n` or bit 7 of `ESC ! n`.
    public var underline: UInt8
    /// Character width multiplier 1 to 8, from `GS ! n` or bit 5 of `ESC ! n`.
    public var width: Int
    /// Character height multiplier 1 to 8, from `GS ! n` or bit 4 of `ESC ! n`.
    public var height: Int
    /// Justification, from `ESC a n`.
    public var alignment: Alignment
    /// Font (0 is font A), from `ESC M n` or bit 0 of `ESC ! n`.
    public var font: UInt8
    /// White on black, from `GS B n`.
    public var inverted: Bool

    /// Creates a state; the defaults are the printer's after `ESC @`.
    public init(
        emphasized: Bool = false, underline: UInt8 = 0, width: Int = 1, height: Int = 1,
        alignment: Alignment = .left, font: UInt8 = 0, inverted: Bool = false
    ) {
        self.emphasized = emphasized
        self.underline = underline
        self.width = width
        self.height = height
        self.alignment = alignment
        self.font = font
        self.inverted = inverted
    }
}
