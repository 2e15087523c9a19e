/// Where the parts of a scan sit in a scanner's Scanned Data Report, as its report
/// descriptor declares them; makers order and size the fields differently.
///
/// The usages are those of the HID Usage Tables 1.6, section 32 (Barcode Scanner Page,
/// 0x8C): Symbology Identifier 1-3 (0xFB-0xFD, the AIM identifier's three characters),
/// Decoded Data (0xFE) and Decode Data Continued (0xFF), plus Generic Desktop's Byte
/// Count (0x01:0x3B, section 4) for how many Decoded Data bytes a report fills.
public struct HIDPOSLayout: Hashable, Sendable {
    /// A run of bits in the report's data (after the report ID byte).
    public struct Bits: Hashable, Sendable {
        /// Offset from the start of the report's data, in bits.
        public var offset: Int
        /// Width in bits.
        public var size: Int
    }

    /// The Scanned Data Report's ID, nil when the device uses no IDs.
    public var reportID: UInt8?
    /// The report's length as `read(2)` returns it, report ID byte included.
    public var reportLength: Int
    /// The Byte Count field, when the report has one.
    public var byteCount: Bits?
    /// The Symbology Identifier fields (1, 2, 3 in that order) the report has.
    public var symbologyIdentifier: [Bits]
    /// Where Decoded Data starts, in bits (a byte boundary in every known layout).
    public var dataOffset: Int
    /// How many Decoded Data bytes one report holds.
    public var dataCapacity: Int
    /// The Decode Data Continued flag, when the report has one.
    public var continued: Bits?

    /// The layout of the first Barcode Scanner collection's input report with Decoded Data.
    public init(descriptor: HIDReportDescriptor) throws(HIDPOSDecoderError) {
        let reports = descriptor.collections
            .filter { HIDUsage.scannerApplications.contains($0.usage) }
            .flatMap(\.reports)
            .filter { $0.kind == .input }
        guard let report = reports.first(where: { Self.locate(.decodedData, in: $0) != nil }),
            let data = Self.locate(.decodedData, in: report)
        else {
            throw HIDPOSDecoderError(.noScannedDataReport)
        }
        guard data.size == 8 else {
            throw HIDPOSDecoderError(.decodedDataNotBytes(bitSize: data.size))
        }

        reportID = report.id
        reportLength = report.byteLength
        byteCount = Self.locate(.byteCount, in: report).map {
            Bits(offset: $0.offset, size: $0.size)
        }
        symbologyIdentifier = [
            HIDUsage.symbologyIdentifier1, .symbologyIdentifier2, .symbologyIdentifier3,
        ].compactMap { usage in
            Self.locate(usage, in: report).map { Bits(offset: $0.offset, size: $0.size) }
        }
        dataOffset = data.offset
        dataCapacity = data.count
        continued = Self.locate(.decodeDataContinued, in: report).map {
            Bits(offset: $0.offset, size: 1)
        }
    }

    /// The first field with `usage`: its bit offset, the bits per field, and how many
    /// consecutive fields carry the usage (Buffered Bytes count as one run).
    private static func locate(
        _ usage: HIDUsage, in report: HIDReport
    ) -> (offset: Int, size: Int, count: Int)? {
        for field in report.fields where !field.flags.contains(.constant) {
            guard let first = field.firstField(with: usage) else { continue }
            var count = 1
            while first + count < field.count, field.usage(ofField: first + count) == usage {
                count += 1
            }
            return (field.bitOffset + first * field.bitSize, field.bitSize, count)
        }
        return nil
    }
}
