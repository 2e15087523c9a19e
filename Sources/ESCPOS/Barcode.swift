/// A one-dimensional barcode found in a command stream (`GS k`).
public struct Barcode: Sendable, Equatable {
    /// The symbology, from the `m` of `GS k m`.
    public var type: BarcodeType
    /// The data bytes as sent, code set selections (`{B`, `{C`) included for CODE128.
    public var data: [UInt8]
    /// Where the human-readable text prints (`GS H`).
    public var hri: HRIPosition
    /// Module width in dots (`GS w`).
    public var moduleWidth: Int
    /// Bar height in dots (`GS h`).
    public var height: Int
    /// Justification in force when it printed (`ESC a`).
    public var alignment: Alignment

    /// Creates a barcode description.
    public init(
        type: BarcodeType, data: [UInt8], hri: HRIPosition, moduleWidth: Int, height: Int,
        alignment: Alignment = .left
    ) {
        self.type = type
        self.data = data
        self.hri = hri
        self.moduleWidth = moduleWidth
        self.height = height
        self.alignment = alignment
    }

    /// The text a reader of the barcode gets: for CODE128 (`GS k` function 73) the
    /// code set selections are removed, `{{` is `{` and set C bytes are digit pairs;
    /// other symbologies carry their characters as they are.
    public var humanReadable: String {
        guard type == .code128 else {
            return String(decoding: data.map { $0 < 0x80 ? $0 : 0x3F }, as: UTF8.self)
        }

        var text = ""
        var inSetC = false
        var index = 0
        while index < data.count {
            let byte = data[index]
            index += 1
            if byte == 0x7B, index < data.count {
                let code = data[index]
                index += 1
                switch code {
                case 0x41, 0x42: inSetC = false
                case 0x43: inSetC = true
                case 0x7B: text.append("{")
                default: break  // FNC1 to FNC4 and shift carry no text
                }
            } else if inSetC {
                let pair = Int(byte)
                text += pair < 10 ? "0\(pair)" : "\(pair)"
            } else {
                text.append(Character(Unicode.Scalar(byte < 0x80 ? byte : 0x3F)))
            }
        }
        return text
    }
}

/// A barcode symbology as `GS k` selects it.
public enum BarcodeType: Sendable, Equatable {
    case upcA, upcE, ean13, ean8, code39, itf, codabar, code93, code128
    case gs1_128, gs1DataBarOmnidirectional, gs1DataBarTruncated, gs1DataBarLimited
    case gs1DataBarExpanded, code128Auto
    /// A function number this module does not name.
    case other(UInt8)

    /// The symbology of `GS k m`; functions 0 to 6 (NUL-ended data) and 65 to 71
    /// (length-prefixed) name the same seven symbologies.
    public init(function m: UInt8) {
        let named: [BarcodeType] = [.upcA, .upcE, .ean13, .ean8, .code39, .itf, .codabar]
        switch m {
        case 0...6: self = named[Int(m)]
        case 65...71: self = named[Int(m) - 65]
        case 72: self = .code93
        case 73: self = .code128
        case 74: self = .gs1_128
        case 75: self = .gs1DataBarOmnidirectional
        case 76: self = .gs1DataBarTruncated
        case 77: self = .gs1DataBarLimited
        case 78: self = .gs1DataBarExpanded
        case 79: self = .code128Auto
        default: self = .other(m)
        }
    }
}
