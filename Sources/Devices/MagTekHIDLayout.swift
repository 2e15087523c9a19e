/// Where the parts of a swipe sit in the input report of a MagTek USB HID card reader, as
/// its report descriptor declares them (never fixed offsets).
///
/// MagTek's HID readers (not keyboard emulation) declare one Application collection,
/// "Decoding reader device" (usage 0x01 on the vendor page 0xFF00, "Magnetic Stripe
/// Reader"), whose input report carries per track a decode status (usages 0x20-0x22), a
/// data length (0x28-0x2A) and a fixed-size data field (0x30-0x32, Buffered Bytes), and
/// one card encode type (0x38). MagTek, "USB HID Swipe Reader Technical Reference Manual"
/// (99875191), section 4, "HID Usages" and "Report Descriptor": 7 one-byte fields, then
/// three 110-byte track fields, 337 bytes, no report ID. The MagneSafe V5 readers
/// (Dynamag, "MagneSafe V5 Communication Reference Manual" 99875475, section 2, "Report
/// Descriptor (HID)") use the same usages with 112-byte fields and more fields after
/// them, which is why the positions are read from the descriptor.
public struct MagTekHIDLayout: Hashable, Sendable {
    /// The fields of one track.
    public struct Track: Hashable, Sendable {
        /// The track number, 1 to 3.
        public var number: Int
        /// The decode status byte; bit 0 set means the reader could not decode the track.
        public var decodeStatus: HIDPOSLayout.Bits
        /// How many bytes of the data field are the track's.
        public var length: HIDPOSLayout.Bits
        /// Where the data field starts, in bits from the start of the report's data.
        public var dataOffset: Int
        /// How many bytes the data field holds.
        public var dataCapacity: Int
    }

    /// The vendor page of MagTek's HID readers: "Magnetic Stripe Reader" page 0xFF00.
    public static let page: UInt16 = 0xFF00
    /// 0xFF00:0x01, "Decoding reader device": the reader's Application collection.
    public static let decodingReader = HIDUsage(page: page, id: 0x01)
    /// 0xFF00:0x38, "Card encode type".
    public static let cardEncodeTypeUsage = HIDUsage(page: page, id: 0x38)

    /// The usages of track `number`'s decode status, data length and data (0x20, 0x28 and
    /// 0x30 for track 1, one more for each further track).
    public static func usages(
        ofTrack number: Int
    ) -> (status: HIDUsage, length: HIDUsage, data: HIDUsage) {
        let offset = UInt16(number - 1)
        return (
            HIDUsage(page: page, id: 0x20 + offset), HIDUsage(page: page, id: 0x28 + offset),
            HIDUsage(page: page, id: 0x30 + offset)
        )
    }

    /// The swipe report's ID, nil when the reader uses no IDs (MagTek's do not).
    public var reportID: UInt8?
    /// The report's length as `read(2)` returns it, report ID byte included.
    public var reportLength: Int
    /// The tracks the report has a data field for, in track order.
    public var tracks: [Track]
    /// The card encode type byte, when the report has one.
    public var cardEncodeType: HIDPOSLayout.Bits?

    /// The layout of the first input report of a "Decoding reader device" collection that
    /// carries track data; throws when there is none or a track lacks its status or length.
    public init(descriptor: HIDReportDescriptor) throws(MagTekHIDError) {
        let reports = descriptor.collections
            .filter { $0.usage == Self.decodingReader }
            .flatMap(\.reports)
            .filter { $0.kind == .input }
        let hasTrackData = { (report: HIDReport) in
            (1...3).contains { Self.locate(Self.usages(ofTrack: $0).data, in: report) != nil }
        }
        guard let report = reports.first(where: hasTrackData) else {
            throw MagTekHIDError(.noSwipeReport)
        }

        var tracks: [Track] = []
        for number in 1...3 {
            let usages = Self.usages(ofTrack: number)
            guard let data = Self.locate(usages.data, in: report) else { continue }
            guard let status = Self.locate(usages.status, in: report) else {
                throw MagTekHIDError(.missingField(track: number, usage: usages.status))
            }
            guard let length = Self.locate(usages.length, in: report) else {
                throw MagTekHIDError(.missingField(track: number, usage: usages.length))
            }
            guard data.size == 8, data.offset % 8 == 0 else {
                throw MagTekHIDError(.trackDataNotBytes(track: number, bitSize: data.size))
            }
            tracks.append(
                Track(
                    number: number, decodeStatus: status.bits, length: length.bits,
                    dataOffset: data.offset, dataCapacity: data.count))
        }
        self.reportID = report.id
        self.reportLength = report.byteLength
        self.tracks = tracks
        self.cardEncodeType = Self.locate(Self.cardEncodeTypeUsage, in: report)?.bits
    }

    /// The first field with `usage`: its bit offset, bits per field, and how many
    /// consecutive fields carry the usage (Buffered Bytes count as one run).
    private static func locate(
        _ usage: HIDUsage, in report: HIDReport
    ) -> (offset: Int, size: Int, count: Int, bits: HIDPOSLayout.Bits)? {
        for field in report.fields where !field.flags.contains(.constant) {
            guard let first = field.firstField(with: usage) else { continue }
            var count = 1
            while first + count < field.count, field.usage(ofField: first + count) == usage {
                count += 1
            }
            let offset = field.bitOffset + first * field.bitSize
            let bits = HIDPOSLayout.Bits(offset: offset, size: field.bitSize)
            return (offset, field.bitSize, count, bits)
        }
        return nil
    }
}
