/// One line as it would appear on the paper roll.
public struct PaperLine: Sendable, Equatable {
    /// The characters, already aligned; no trailing spaces.
    public var text: String
    /// Whether any of the line printed emphasized, so a terminal can bold it.
    public var bold: Bool
    /// What the line shows.
    public var kind: Kind

    /// Creates a line.
    public init(text: String, bold: Bool = false, kind: Kind = .text) {
        self.text = text
        self.bold = bold
        self.kind = kind
    }

    /// What a paper line shows.
    public enum Kind: Sendable, Equatable {
        /// Printed characters (or an empty fed line).
        case text
        /// The bars of a barcode whose human-readable text is given; the text itself,
        /// when printed, is a separate `.text` line.
        case barcode(String)
        /// A marker where a QR code with this data prints; the terminal draws it.
        case qr([UInt8])
        /// A marker where an image of this size in dots prints.
        case image(width: Int, height: Int)
        /// The cut, drawn as a dashed line with scissors.
        case cut
    }
}
