/// A bar code symbology, as the lane reports it (`"symbology"` in `lanegate scan --json`).
///
/// The raw values are the contract names of DESIGN.md ("Command line"). Most cases come
/// from the code characters of the AIM symbology identifier table (ISO/IEC 15424:2008,
/// table 1); the GS1 cases are the GS1 uses of those carriers (GS1 General Specifications,
/// figure 5.1.2-2 "Symbology identifiers for GS1 data carriers").
public enum Symbology: String, Sendable, CaseIterable {
    /// EAN-13 (`]E0` with 13 digits not starting with 0, or inferred).
    case ean13 = "ean-13"
    /// EAN-8 (`]E4`).
    case ean8 = "ean-8"
    /// UPC-A (`]E0` with 12 digits, or 13 digits starting with 0).
    case upcA = "upc-a"
    /// UPC-E, the zero-suppressed form of a UPC-A (`]E0` with 6, 7 or 8 digits).
    case upcE = "upc-e"
    /// A two- or five-digit EAN/UPC add-on symbol sent on its own (`]E1`, `]E2`).
    case eanUPCAddOn = "ean-upc-add-on"
    /// Code 128 with FNC1 in the first position (`]C1`): a GS1 element string.
    case gs1_128 = "gs1-128"
    /// GS1 Data Matrix, ECC 200 with FNC1 in the first position (`]d2`, `]d5`).
    case gs1DataMatrix = "gs1-datamatrix"
    /// GS1 QR Code, FNC1 in the first position (`]Q3`, `]Q4`).
    case gs1QR = "gs1-qr"
    /// GS1 DataBar, any variant (`]e0`).
    case gs1DataBar = "gs1-databar"
    /// A GS1 Composite symbol's 2D part sent as its own packet (`]e1`, `]e2`).
    case gs1Composite = "gs1-composite"
    /// GS1 DotCode (`]J1`).
    case gs1DotCode = "gs1-dotcode"
    /// Code 128 without GS1 meaning (`]C0`, `]C2`).
    case code128 = "code128"
    /// ISBT 128, Code 128 concatenated for blood banks (`]C4`).
    case isbt128 = "isbt128"
    /// Code 39 (`]A0` to `]A7`: check digit and full ASCII variants).
    case code39 = "code39"
    /// Code 93 (`]G`).
    case code93 = "code93"
    /// Code 11 (`]H`).
    case code11 = "code11"
    /// Codabar (`]F`).
    case codabar = "codabar"
    /// Interleaved 2 of 5, ITF-14 included (`]I0`, `]I1`, `]I3`).
    case itf = "itf"
    /// Straight 2 of 5 with two-bar start and stop, known as IATA 2 of 5 (`]R`).
    case iata2of5 = "iata-2-of-5"
    /// Straight 2 of 5 with three-bar start and stop, known as Industrial 2 of 5 (`]S`).
    case industrial2of5 = "industrial-2-of-5"
    /// MSI Plessey (`]M`).
    case msi = "msi"
    /// Plessey Code (`]P`).
    case plessey = "plessey"
    /// Telepen (`]B`).
    case telepen = "telepen"
    /// Anker Code (`]N`).
    case anker = "anker"
    /// Channel Code (`]c`).
    case channelCode = "channel-code"
    /// QR Code and Micro QR Code without GS1 meaning (`]Q0` to `]Q2`, `]Q5`, `]Q6`).
    case qr = "qr"
    /// Data Matrix without GS1 meaning (`]d0`, `]d1`, `]d3`, `]d4`, `]d6`).
    case dataMatrix = "datamatrix"
    /// PDF417 and MicroPDF417 (`]L`).
    case pdf417 = "pdf417"
    /// Aztec Code (`]z`).
    case aztec = "aztec"
    /// MaxiCode (`]U`).
    case maxiCode = "maxicode"
    /// DotCode without GS1 meaning (`]J0`).
    case dotCode = "dotcode"
    /// Code One (`]D`).
    case codeOne = "code-one"
    /// Code 16K (`]K`).
    case code16K = "code16k"
    /// Code 49 (`]T`).
    case code49 = "code49"
    /// Codablock (`]O`).
    case codablock = "codablock"
    /// PosiCode (`]p`).
    case posiCode = "posicode"
    /// SuperCode (`]s`).
    case superCode = "supercode"
    /// Text read by optical character recognition (`]o`).
    case ocr = "ocr"

    /// Whether the symbology carries a GS1 element string: Application Identifiers and
    /// values, FNC1 sent as GS (GS1 General Specifications, section 5.1.2).
    public var carriesGS1ElementString: Bool {
        switch self {
        case .gs1_128, .gs1DataMatrix, .gs1QR, .gs1DataBar, .gs1Composite, .gs1DotCode:
            return true
        default:
            return false
        }
    }
}
