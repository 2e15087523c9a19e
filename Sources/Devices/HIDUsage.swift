/// One HID usage: a usage page and a usage ID on it.
///
/// The values are the ones the USB "HID Usage Tables" list (version 1.6): section 4
/// (Generic Desktop Page, 0x01) and section 32 (Barcode Scanner Page, 0x8C).
public struct HIDUsage: Hashable, Sendable, CustomStringConvertible {
    /// The usage page (`0x8C` for the Barcode Scanner Page).
    public var page: UInt16
    /// The usage ID on that page.
    public var id: UInt16

    /// The usage `id` on `page`.
    public init(page: UInt16, id: UInt16) {
        self.page = page
        self.id = id
    }

    /// The 32-bit extended form (page in the high half), as a 4-byte Usage item carries it.
    public init(extended value: UInt32) {
        self.page = UInt16(truncatingIfNeeded: value >> 16)
        self.id = UInt16(truncatingIfNeeded: value)
    }

    /// `0x8C:0x02 (Barcode Scanner)`, the name where this table knows it.
    public var description: String {
        let code = "0x\(Self.hex(page, width: 2)):0x\(Self.hex(id, width: 2))"
        return name.map { "\(code) (\($0))" } ?? code
    }

    /// The name the HID Usage Tables give this usage, for the usages lanegate looks for.
    public var name: String? {
        Self.names[self]
    }

    /// Whether the page is in the vendor-defined range 0xFF00-0xFFFF (HUT 1.6, section 3).
    public var isVendorDefined: Bool {
        page >= 0xFF00
    }

    /// Generic Desktop Page (HUT 1.6, section 4).
    public static let genericDesktopPage: UInt16 = 0x01
    /// Barcode Scanner Page (HUT 1.6, section 32).
    public static let barcodeScannerPage: UInt16 = 0x8C

    /// Generic Desktop: Keyboard (CA), a keyboard interface (a scanner in keyboard wedge mode).
    public static let keyboard = HIDUsage(page: 0x01, id: 0x06)
    /// Generic Desktop: Byte Count (DV), how many bytes of a buffer a report fills.
    public static let byteCount = HIDUsage(page: 0x01, id: 0x3B)
    /// Barcode Scanner: Barcode Badge Reader (CA).
    public static let barcodeBadgeReader = HIDUsage(page: 0x8C, id: 0x01)
    /// Barcode Scanner: Barcode Scanner (CA), the application collection of a HID POS scanner.
    public static let barcodeScanner = HIDUsage(page: 0x8C, id: 0x02)
    /// Barcode Scanner: Dumb Bar Code Scanner (CA).
    public static let dumbBarCodeScanner = HIDUsage(page: 0x8C, id: 0x03)
    /// Barcode Scanner: Cordless Scanner Base (CA).
    public static let cordlessScannerBase = HIDUsage(page: 0x8C, id: 0x04)
    /// Barcode Scanner: Bar Code Scanner Cradle (CA).
    public static let barCodeScannerCradle = HIDUsage(page: 0x8C, id: 0x05)
    /// Barcode Scanner: Scanned Data Report (CL), the input report that carries a scan.
    public static let scannedDataReport = HIDUsage(page: 0x8C, id: 0x12)
    /// Barcode Scanner: Symbology Identifier 1 (DV), the AIM identifier's `]`.
    public static let symbologyIdentifier1 = HIDUsage(page: 0x8C, id: 0xFB)
    /// Barcode Scanner: Symbology Identifier 2 (DV), the AIM code character.
    public static let symbologyIdentifier2 = HIDUsage(page: 0x8C, id: 0xFC)
    /// Barcode Scanner: Symbology Identifier 3 (DV), the AIM modifier character.
    public static let symbologyIdentifier3 = HIDUsage(page: 0x8C, id: 0xFD)
    /// Barcode Scanner: Decoded Data (DV), the scanned bytes.
    public static let decodedData = HIDUsage(page: 0x8C, id: 0xFE)
    /// Barcode Scanner: Decode Data Continued (DF), set while more reports of one scan follow.
    public static let decodeDataContinued = HIDUsage(page: 0x8C, id: 0xFF)

    /// The application collections of the Barcode Scanner Page that read bar codes.
    public static let scannerApplications: Set<HIDUsage> = [
        barcodeScanner, barcodeBadgeReader, dumbBarCodeScanner, cordlessScannerBase,
        barCodeScannerCradle,
    ]

    private static let names: [HIDUsage: String] = [
        keyboard: "Keyboard", byteCount: "Byte Count",
        HIDUsage(page: 0x01, id: 0x02): "Mouse",
        HIDUsage(page: 0x0C, id: 0x01): "Consumer Control",
        barcodeBadgeReader: "Barcode Badge Reader", barcodeScanner: "Barcode Scanner",
        dumbBarCodeScanner: "Dumb Bar Code Scanner", cordlessScannerBase: "Cordless Scanner Base",
        barCodeScannerCradle: "Bar Code Scanner Cradle", scannedDataReport: "Scanned Data Report",
        HIDUsage(page: 0x8C, id: 0x14): "Trigger Report",
        symbologyIdentifier1: "Symbology Identifier 1",
        symbologyIdentifier2: "Symbology Identifier 2",
        symbologyIdentifier3: "Symbology Identifier 3", decodedData: "Decoded Data",
        decodeDataContinued: "Decode Data Continued",
    ]

    static func hex<T: BinaryInteger>(_ value: T, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
