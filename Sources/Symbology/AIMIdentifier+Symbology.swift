extension AIMIdentifier {
    /// The symbology this identifier names on its own, before the data is looked at.
    ///
    /// Code characters and modifiers from ISO/IEC 15424:2008, table 1, and the GS1
    /// General Specifications, figure 5.1.2-2. `]E0` and `]E3` name "EAN/UPC" and say
    /// ``Symbology/ean13`` here; ``ScanDecoder`` tells EAN-13, UPC-A and UPC-E apart from
    /// the digits. `nil` for the code characters with no symbology of their own: `X`
    /// (other), `Y` (system expansion), `Z` (not from a bar code), and letters the table
    /// does not assign.
    public var symbology: Symbology? {
        switch code {
        case "A": return .code39
        case "B": return .telepen
        case "C": return code128Symbology
        case "D": return .codeOne
        case "E": return eanUPCSymbology
        case "F": return .codabar
        case "G": return .code93
        case "H": return .code11
        case "I": return .itf
        case "J": return modifier == "1" ? .gs1DotCode : .dotCode
        case "K": return .code16K
        case "L": return .pdf417
        case "M": return .msi
        case "N": return .anker
        case "O": return .codablock
        case "P": return .plessey
        case "Q": return modifier == "3" || modifier == "4" ? .gs1QR : .qr
        case "R": return .iata2of5
        case "S": return .industrial2of5
        case "T": return .code49
        case "U": return .maxiCode
        case "c": return .channelCode
        case "d": return modifier == "2" || modifier == "5" ? .gs1DataMatrix : .dataMatrix
        case "e": return modifier == "0" ? .gs1DataBar : .gs1Composite
        case "o": return .ocr
        case "p": return .posiCode
        case "s": return .superCode
        case "z": return .aztec
        default: return nil
        }
    }

    /// `C0` plain, `C1` FNC1 in the first position (GS1-128), `C2` FNC1 in the second
    /// position (an AIM application, not GS1), `C4` ISBT 128 concatenation.
    private var code128Symbology: Symbology {
        switch modifier {
        case "1": return .gs1_128
        case "4": return .isbt128
        default: return .code128
        }
    }

    /// `E0` EAN-13, UPC-A or UPC-E; `E1` and `E2` a two- or five-digit add-on alone;
    /// `E3` a main symbol with its add-on; `E4` EAN-8.
    private var eanUPCSymbology: Symbology {
        switch modifier {
        case "1", "2": return .eanUPCAddOn
        case "4": return .ean8
        default: return .ean13
        }
    }
}
