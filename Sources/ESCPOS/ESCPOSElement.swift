/// One thing a printer does with a command stream, at the byte offset it starts.
public struct ESCPOSElement: Sendable, Equatable {
    /// Offset of the element's first byte in the whole stream.
    public let offset: Int
    /// What it is.
    public let kind: Kind

    /// Creates an element.
    public init(offset: Int, kind: Kind) {
        self.offset = offset
        self.kind = kind
    }

    /// The kinds of element a parser reports.
    public enum Kind: Sendable, Equatable {
        /// A run of printable bytes, decoded through the active character table,
        /// with the settings it prints in.
        case text(String, TextState)
        /// `LF` (or `ESC J`): print the line and feed.
        case lineFeed
        /// `ESC d n`: print and feed `n` lines.
        case feed(Int)
        /// `GS k`: a one-dimensional barcode.
        case barcode(Barcode)
        /// `GS ( k` function 181: print the stored QR code.
        case qrCode(QRCode)
        /// `GS V`, `ESC i` or `ESC m`: cut the paper.
        case cut
        /// `DLE EOT n`: a real-time status request.
        case statusRequest(UInt8)
        /// `GS a n`: enables Automatic Status Back for `n`'s items (none turns it off).
        case enableAutomaticStatus(AutomaticStatus.Items)
        /// `GS ( H` function 48: a process ID request with its four id bytes.
        case processIDRequest([UInt8])
        /// `ESC @`: initialize the printer.
        case initialize
        /// `ESC t n`: select character table `n`.
        case codePage(UInt8)
        /// A raster or bit image (`GS v 0`, `ESC *`, `GS ( L`/`GS 8 L` function 112),
        /// in dots.
        case image(width: Int, height: Int)
        /// Bytes the parser cannot place: an unknown command, a stray control byte,
        /// or a command cut off by the end of the stream.
        case unknown([UInt8])
    }
}
