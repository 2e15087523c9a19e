/// QR error correction level, set with `GS ( k` function 169 (`31 45 n`).
public enum QRErrorCorrection: Sendable, Equatable {
    /// About 7 % of the symbol can be restored.
    case l
    /// About 15 %.
    case m
    /// About 25 %.
    case q
    /// About 30 %.
    case h

    /// The `n` byte of function 169: 48 to 51 (ASCII `0` to `3`).
    public var parameter: UInt8 {
        switch self {
        case .l: 0x30
        case .m: 0x31
        case .q: 0x32
        case .h: 0x33
        }
    }

    /// The level a function 169 parameter selects, or nil for a value out of range.
    public init?(parameter: UInt8) {
        switch parameter {
        case 0x30: self = .l
        case 0x31: self = .m
        case 0x32: self = .q
        case 0x33: self = .h
        default: return nil
        }
    }
}
