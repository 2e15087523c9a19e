/// Turns the input reports of a HID POS scanner into scans, from the field layout its
/// report descriptor declares (never from fixed offsets).
///
/// A pure value: fed one report at a time (one `read(2)` on the hidraw node), it returns
/// a scan, "need more" while a scan continues, or why the report was ignored or dropped.
/// A scan longer than one report's Decoded Data comes in several reports: each carries
/// the next part and sets Decode Data Continued (0x8C:0xFF) while more follow. Where a
/// layout has no such flag, a Byte Count larger than the report holds means the scan
/// goes on in the next report. Reports with another report ID are ignored.
// TODO: Zebra scanners are not decoded. Their USB host modes for POS software are IBM
// Hand-held USB and SNAPI (Symbol Native API), vendor protocols whose reports are not
// the HID POS Scanned Data Report; no source at hand established the layout a Zebra
// DS2208 uses in a HID POS mode, so none is claimed here. Such a scanner must be set
// to a keyboard or CDC serial mode until a recording of its descriptor and reports
// shows what to decode.
public struct HIDPOSDecoder: Sendable {
    /// What one report came to.
    public enum Outcome: Hashable, Sendable {
        /// A complete scan.
        case scan(HIDPOSScan)
        /// Part of a scan; its next report is awaited.
        case needMore
        /// Not a Scanned Data Report, or one with nothing in it; the text says which.
        case ignored(String)
        /// The report, or the scan it belonged to, was dropped.
        case dropped(HIDPOSDecoderError)
    }

    /// The longest scan kept unless told otherwise (a QR code holds at most 7089
    /// digits, 2953 bytes).
    public static let defaultMaximumScanLength = 8192

    /// Where the parts of a scan sit.
    public let layout: HIDPOSLayout
    /// The longest scan kept; a longer one is dropped.
    public let maximumScanLength: Int

    private var pending: [UInt8] = []
    private var pendingIdentifier: [UInt8] = []
    private var pendingReports = 0
    private var discarding = false

    /// A decoder for `layout`.
    public init(layout: HIDPOSLayout, maximumScanLength: Int = defaultMaximumScanLength) {
        self.layout = layout
        self.maximumScanLength = maximumScanLength
    }

    /// A decoder for the Scanned Data Report `descriptor` declares.
    public init(
        descriptor: HIDReportDescriptor, maximumScanLength: Int = defaultMaximumScanLength
    ) throws(HIDPOSDecoderError) {
        self.init(
            layout: try HIDPOSLayout(descriptor: descriptor),
            maximumScanLength: maximumScanLength)
    }

    /// Whether part of a scan is waiting for its next report.
    public var hasPartialScan: Bool {
        pendingReports > 0
    }

    /// Forgets a partial scan (the device left); returns whether there was one.
    @discardableResult
    public mutating func reset() -> Bool {
        let had = hasPartialScan
        pending = []
        pendingIdentifier = []
        pendingReports = 0
        discarding = false
        return had
    }

    /// Decodes one input report, report ID first when the device uses IDs.
    public mutating func feed(_ report: [UInt8]) -> Outcome {
        if let id = layout.reportID {
            guard let first = report.first, first == id else {
                let got = report.first.map { "report ID \($0)" } ?? "an empty report"
                return .ignored("\(got) is not the Scanned Data Report (ID \(id))")
            }
        }
        guard report.count >= layout.reportLength else {
            reset()
            return .dropped(
                HIDPOSDecoderError(
                    .shortReport(length: report.count, expected: layout.reportLength)))
        }
        let data = Array(report.dropFirst(layout.reportID == nil ? 0 : 1))

        let (part, continues) = parts(of: data)
        if discarding {
            if !continues {
                discarding = false
            }
            return .ignored("part of a scan already dropped")
        }
        if pendingReports == 0 {
            pendingIdentifier = layout.symbologyIdentifier
                .map { UInt8(truncatingIfNeeded: Self.bits($0, of: data)) }
                .filter { $0 != 0 }
        }
        pending += part
        pendingReports += 1

        if pending.count > maximumScanLength {
            reset()
            discarding = continues
            return .dropped(HIDPOSDecoderError(.scanTooLong(limit: maximumScanLength)))
        }
        if continues {
            return .needMore
        }
        return finish()
    }

    /// This report's Decoded Data bytes, and whether the scan goes on in the next report.
    private func parts(of data: [UInt8]) -> (part: [UInt8], continues: Bool) {
        let start = layout.dataOffset / 8
        let field = Array(data[start..<(start + layout.dataCapacity)])

        let declared: Int
        if let byteCount = layout.byteCount {
            declared = Int(Self.bits(byteCount, of: data))
        } else {
            // Without a Byte Count the padding NULs at the end are not data.
            declared = (field.lastIndex { $0 != 0 }).map { $0 + 1 } ?? 0
        }
        let taken = min(declared, layout.dataCapacity)

        let continues: Bool
        if let flag = layout.continued {
            continues = Self.bits(flag, of: data) != 0
        } else {
            continues = declared > layout.dataCapacity
        }
        return (Array(field[..<taken]), continues)
    }

    private mutating func finish() -> Outcome {
        defer { reset() }
        guard !pending.isEmpty else {
            return .ignored("Scanned Data Report with no Decoded Data")
        }
        let identifier = pendingIdentifier
        let aim: String? =
            identifier.count == 3 && identifier[0] == 0x5D
                && identifier.allSatisfy { $0 >= 0x21 && $0 < 0x7F }
            ? String(decoding: identifier, as: UTF8.self) : nil
        return .scan(
            HIDPOSScan(
                aim: aim, symbologyIdentifier: identifier, data: pending,
                reportCount: pendingReports))
    }

    /// The unsigned value of `bits` in `data`, least significant bit first (HID 1.11,
    /// section 5.8: reports are little-endian, bit 0 of byte 0 first).
    static func bits(_ bits: HIDPOSLayout.Bits, of data: [UInt8]) -> UInt32 {
        var value: UInt32 = 0
        for index in 0..<min(bits.size, 32) {
            let bit = bits.offset + index
            guard bit / 8 < data.count else { break }
            if data[bit / 8] >> (bit % 8) & 1 == 1 {
                value |= 1 << index
            }
        }
        return value
    }
}
