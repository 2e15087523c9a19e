/// One scan read from a HID POS scanner, joined from as many reports as it took.
public struct HIDPOSScan: Hashable, Sendable {
    /// The AIM symbology identifier (ISO/IEC 15424), `]E0` for an EAN-13, when the
    /// Symbology Identifier fields hold one (`]` and two characters).
    public var aim: String?
    /// The Symbology Identifier bytes as sent, NULs removed (empty when the report has none).
    public var symbologyIdentifier: [UInt8]
    /// The Decoded Data bytes, joined across reports, padding removed.
    public var data: [UInt8]
    /// How many input reports carried the scan.
    public var reportCount: Int

    /// A scan with these parts.
    public init(aim: String?, symbologyIdentifier: [UInt8], data: [UInt8], reportCount: Int) {
        self.aim = aim
        self.symbologyIdentifier = symbologyIdentifier
        self.data = data
        self.reportCount = reportCount
    }

    /// The bytes a serial scanner with AIM identifiers on would send, suffix left out:
    /// the AIM identifier, then the data. What `ScannerEvent.scan` carries.
    public var bytes: [UInt8] {
        Array((aim ?? "").utf8) + data
    }
}
