/// A QR code found in a command stream (`GS ( k`, cn 49).
public struct QRCode: Sendable, Equatable {
    /// The data stored with function 180 before the print (function 181).
    public var data: [UInt8]
    /// The model from function 165: 1, 2, or 3 for Micro QR.
    public var model: Int
    /// Module size in dots, from function 167.
    public var moduleSize: Int
    /// Error correction level, from function 169.
    public var errorCorrection: QRErrorCorrection
    /// Justification in force when it printed (`ESC a`).
    public var alignment: Alignment

    /// Creates a QR code description; the defaults are the printer's after `ESC @`.
    public init(
        data: [UInt8], model: Int = 2, moduleSize: Int = 3,
        errorCorrection: QRErrorCorrection = .l, alignment: Alignment = .left
    ) {
        self.data = data
        self.model = model
        self.moduleSize = moduleSize
        self.errorCorrection = errorCorrection
        self.alignment = alignment
    }
}
