import Testing

@testable import Devices

@Suite struct HIDPOSDecoderTests {
    static let qr = Array(
        ("https://lanegate.example/v/9712345678901234567890?store=S01&lane=L03"
            + "&issued=2024-05-17T10:42:00%2B02:00&member=2900123456784&sig=7f3a9c1e").utf8)

    static func decoder(_ fixture: String, maximum: Int = 8192) throws
        -> (HIDPOSDecoder, HIDRawRecording)
    {
        let recording = try HIDRawRecording.load(fixture)
        let descriptor = try HIDReportDescriptor(parsing: recording.descriptor)
        return (try HIDPOSDecoder(descriptor: descriptor, maximumScanLength: maximum), recording)
    }

    static func feed(_ decoder: inout HIDPOSDecoder, _ reports: [[UInt8]])
        -> [HIDPOSDecoder.Outcome]
    {
        reports.map { decoder.feed($0) }
    }

    @Test func honeywellLayoutComesFromTheDescriptor() throws {
        let (decoder, _) = try Self.decoder("honeywell-xenon-1900-hidpos.replay")
        let layout = decoder.layout
        #expect(layout.reportID == 2)
        #expect(layout.reportLength == 64)
        #expect(layout.byteCount == .init(offset: 0, size: 8))
        #expect(layout.symbologyIdentifier.map(\.offset) == [8, 16, 24])
        #expect(layout.dataOffset == 32)
        #expect(layout.dataCapacity == 56)
        #expect(layout.continued == .init(offset: 496, size: 1))
    }

    @Test func newlandLayoutHasNoAIMFields() throws {
        let (decoder, _) = try Self.decoder("newland-fm420-hidpos.replay")
        let layout = decoder.layout
        #expect(layout.symbologyIdentifier.isEmpty)
        #expect(layout.dataOffset == 8)
        #expect(layout.dataCapacity == 56)
        #expect(layout.continued == .init(offset: 496, size: 1))
    }

    @Test func honeywellEAN13AndASplitQRCode() throws {
        var (decoder, recording) = try Self.decoder("honeywell-xenon-1900-hidpos.replay")
        let outcomes = Self.feed(&decoder, recording.inputs)
        #expect(
            outcomes == [
                .scan(
                    HIDPOSScan(
                        aim: "]E0", symbologyIdentifier: Array("]E0".utf8),
                        data: Array("4006381333931".utf8), reportCount: 1)),
                .needMore, .needMore,
                .scan(
                    HIDPOSScan(
                        aim: "]Q1", symbologyIdentifier: Array("]Q1".utf8), data: Self.qr,
                        reportCount: 3)),
            ])
        if case .scan(let scan) = outcomes[0] {
            #expect(scan.bytes == Array("]E04006381333931".utf8))
        }
        #expect(!decoder.hasPartialScan)
    }

    @Test func newlandScansHaveNoAIMIdentifier() throws {
        var (decoder, recording) = try Self.decoder("newland-fm420-hidpos.replay")
        #expect(
            Self.feed(&decoder, recording.inputs) == [
                .scan(
                    HIDPOSScan(
                        aim: nil, symbologyIdentifier: [], data: Array("4006381333931".utf8),
                        reportCount: 1)),
                .needMore, .needMore,
                .scan(HIDPOSScan(aim: nil, symbologyIdentifier: [], data: Self.qr, reportCount: 3)),
            ])
    }

    @Test func anotherReportIDIsIgnoredAndDoesNotBreakAScan() throws {
        var (decoder, recording) = try Self.decoder("honeywell-xenon-1900-hidpos.replay")
        let qr = Array(recording.inputs[1...])
        let trigger: [UInt8] = [0x04, 0x40]
        let outcomes = Self.feed(&decoder, [qr[0], trigger, qr[1], qr[2]])
        #expect(outcomes[1] == .ignored("report ID 4 is not the Scanned Data Report (ID 2)"))
        #expect(
            outcomes[3]
                == .scan(
                    HIDPOSScan(
                        aim: "]Q1", symbologyIdentifier: Array("]Q1".utf8), data: Self.qr,
                        reportCount: 3)))
    }

    @Test func aShortReportIsDroppedWithItsLengths() throws {
        var (decoder, recording) = try Self.decoder("honeywell-xenon-1900-hidpos.replay")
        let outcome = decoder.feed(Array(recording.inputs[0].prefix(20)))
        #expect(outcome == .dropped(HIDPOSDecoderError(.shortReport(length: 20, expected: 64))))
        #expect(
            HIDPOSDecoderError(.shortReport(length: 20, expected: 64)).description
                == "Scanned Data Report of 20 bytes, 64 expected from the report descriptor; "
                + "the report was dropped")
    }

    @Test func aScanPastTheLimitIsDroppedAndItsRestIgnored() throws {
        var (decoder, recording) = try Self.decoder(
            "honeywell-xenon-1900-hidpos.replay", maximum: 100)
        let outcomes = Self.feed(&decoder, Array(recording.inputs[1...]) + [recording.inputs[0]])
        #expect(
            outcomes == [
                .needMore,
                .dropped(HIDPOSDecoderError(.scanTooLong(limit: 100))),
                .ignored("part of a scan already dropped"),
                .scan(
                    HIDPOSScan(
                        aim: "]E0", symbologyIdentifier: Array("]E0".utf8),
                        data: Array("4006381333931".utf8), reportCount: 1)),
            ])
    }

    @Test func resetForgetsAPartialScan() throws {
        var (decoder, recording) = try Self.decoder("honeywell-xenon-1900-hidpos.replay")
        let first = decoder.feed(recording.inputs[1])
        let hadPartial = decoder.reset()
        let hadPartialAgain = decoder.reset()
        let last = decoder.feed(recording.inputs[3])
        #expect(first == .needMore)
        #expect(hadPartial)
        #expect(!hadPartialAgain)
        #expect(
            last
                == .scan(
                    HIDPOSScan(
                        aim: "]Q1", symbologyIdentifier: Array("]Q1".utf8),
                        data: Array(Self.qr[112...]), reportCount: 1)))
    }

    /// A layout with a Byte Count but no Decode Data Continued flag: 1 count byte and
    /// 8 data bytes; a count above 8 means the scan goes on in the next report.
    static let unflagged: [UInt8] = [
        0x05, 0x8C, 0x09, 0x02, 0xA1, 0x01, 0x85, 0x02, 0x15, 0x00, 0x26, 0xFF, 0x00, 0x75,
        0x08, 0x95, 0x01, 0x05, 0x01, 0x09, 0x3B, 0x81, 0x02, 0x95, 0x08, 0x05, 0x8C, 0x09,
        0xFE, 0x82, 0x02, 0x01, 0xC0,
    ]

    @Test func withoutAFlagALengthBeyondTheReportContinuesTheScan() throws {
        var decoder = try HIDPOSDecoder(descriptor: HIDReportDescriptor(parsing: Self.unflagged))
        #expect(decoder.layout.continued == nil)
        let first: [UInt8] = [0x02, 13] + Array("40063813".utf8)
        let second: [UInt8] = [0x02, 5] + Array("33931".utf8) + [0, 0, 0]
        #expect(
            Self.feed(&decoder, [first, second]) == [
                .needMore,
                .scan(
                    HIDPOSScan(
                        aim: nil, symbologyIdentifier: [], data: Array("4006381333931".utf8),
                        reportCount: 2)),
            ])
    }

    @Test func aDescriptorWithoutDecodedDataHasNoLayout() throws {
        let keyboard = try HIDReportDescriptor(
            parsing: HIDRawRecording.load("composite-keyboard-hidraw0.replay").descriptor)
        #expect(throws: HIDPOSDecoderError(.noScannedDataReport)) {
            try HIDPOSLayout(descriptor: keyboard)
        }
    }
}
