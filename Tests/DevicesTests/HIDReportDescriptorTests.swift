import Testing

@testable import Devices

@Suite struct HIDReportDescriptorTests {
    static func honeywell() throws -> HIDReportDescriptor {
        try HIDReportDescriptor(
            parsing: HIDRawRecording.load("honeywell-xenon-1900-hidpos.replay").descriptor)
    }

    static func keyboard() throws -> HIDReportDescriptor {
        try HIDReportDescriptor(
            parsing: HIDRawRecording.load("composite-keyboard-hidraw0.replay").descriptor)
    }

    @Test func honeywellHasOneBarcodeScannerCollectionWithFourReports() throws {
        let descriptor = try Self.honeywell()
        #expect(descriptor.bytes.count == 0x90)
        #expect(descriptor.collections.count == 1)
        let scanner = try #require(descriptor.collections.first)
        #expect(scanner.usage == .barcodeScanner)
        #expect(scanner.type == 1)
        #expect(scanner.reportIDs == [2, 4, 0xFE, 0xFD])
        #expect(scanner.reports.map(\.kind) == [.input, .output, .feature, .output])
        #expect(descriptor.usesReportIDs)
    }

    @Test func honeywellScannedDataReportFieldsSitWhereTheFirmwarePutsThem() throws {
        let report = try #require(Self.honeywell().collections[0].report(.input, id: 2))
        #expect(report.byteLength == 64)

        struct Shape: Equatable {
            var offset: Int, size: Int, count: Int, usages: [HIDUsage], buffered: Bool
        }
        let shapes = report.fields.map {
            Shape(
                offset: $0.bitOffset, size: $0.bitSize, count: $0.count, usages: $0.usages,
                buffered: $0.flags.contains(.bufferedBytes))
        }
        #expect(
            shapes == [
                Shape(offset: 0, size: 8, count: 1, usages: [.byteCount], buffered: false),
                Shape(
                    offset: 8, size: 8, count: 3,
                    usages: [.symbologyIdentifier1, .symbologyIdentifier2, .symbologyIdentifier3],
                    buffered: false),
                Shape(offset: 32, size: 8, count: 56, usages: [.decodedData], buffered: true),
                Shape(
                    offset: 480, size: 8, count: 2,
                    usages: [HIDUsage(page: 0xFF66, id: 0x04), HIDUsage(page: 0xFF66, id: 0x00)],
                    buffered: false),
                Shape(
                    offset: 496, size: 1, count: 8, usages: [.decodeDataContinued], buffered: false),
            ])
        #expect(report.fields[2].collectionPath == [.barcodeScanner, .scannedDataReport])
        #expect(report.fields[4].logicalMaximum == 1)
        #expect(report.fields[0].logicalMaximum == 255)
    }

    @Test func honeywellFeatureReportIsOneVendorByte() throws {
        let feature = try #require(Self.honeywell().collections[0].report(.feature, id: 0xFE))
        #expect(feature.byteLength == 2)
        #expect(feature.fields.map(\.usages) == [[HIDUsage(page: 0xFF66, id: 0x03)]])
    }

    @Test func bootKeyboardLayout() throws {
        let descriptor = try Self.keyboard()
        #expect(descriptor.collections.map(\.usage) == [.keyboard])
        #expect(!descriptor.usesReportIDs)
        let input = try #require(descriptor.collections[0].report(.input, id: nil))
        #expect(input.byteLength == 8)
        #expect(input.fields.map(\.bitOffset) == [0, 8, 16])
        #expect(input.fields[0].usages.count == 8)
        #expect(input.fields[0].usage(ofField: 7) == HIDUsage(page: 0x07, id: 0xE7))
        #expect(input.fields[1].flags.contains(.constant))
        #expect(input.fields[2].usages.count == 0x66)
        #expect(input.fields[2].usage(ofField: 0) == nil)
        let output = try #require(descriptor.collections[0].report(.output, id: nil))
        #expect(output.byteLength == 1)
    }

    @Test func longItemsAndPushPopAreReadPast() throws {
        let plain: [UInt8] = [
            0x05, 0x8C, 0x09, 0x02, 0xA1, 0x01, 0x75, 0x08, 0x95, 0x04, 0x09, 0xFE, 0x81, 0x02,
            0xC0,
        ]
        var decorated = Array(plain[..<6])
        decorated += [0xFE, 0x02, 0x10, 0xAA, 0xBB]  // a long item, tag 0x10, 2 data bytes
        decorated += [0xA4, 0x75, 0x01, 0xB4]  // Push, Report Size 1, Pop: size 8 again
        decorated += plain[6...]
        // Equal but for where the main item sits in the descriptor.
        func layout(_ bytes: [UInt8]) throws -> [String] {
            try HIDReportDescriptor(parsing: bytes).collections.flatMap(\.reports)
                .flatMap(\.fields).map {
                    "\($0.kind) \($0.bitOffset) \($0.bitSize)x\($0.count) \($0.usages)"
                }
        }
        #expect(try layout(decorated) == ["input 0 8x4 [0x8C:0xFE (Decoded Data)]"])
        #expect(try layout(plain) == layout(decorated))
    }

    @Test func extendedUsagesNameTheirOwnPage() throws {
        // Usage Page Generic Desktop, then a 4-byte usage 0x008C_0002.
        let bytes: [UInt8] = [0x05, 0x01, 0x0B, 0x02, 0x00, 0x8C, 0x00, 0xA1, 0x01, 0xC0]
        #expect(
            try HIDReportDescriptor(parsing: bytes).collections.map(\.usage)
                == [.barcodeScanner])
    }

    static let malformed: [([UInt8], HIDDescriptorError)] = [
        ([], HIDDescriptorError(offset: 0, reason: .empty)),
        (
            [0x05, 0x8C, 0x26, 0xFF],
            HIDDescriptorError(
                offset: 2, reason: .truncatedItem(needed: 2, available: 1))
        ),
        ([0xC0], HIDDescriptorError(offset: 0, reason: .unbalancedEndCollection)),
        (
            [0x05, 0x8C, 0x09, 0x02, 0xA1, 0x01, 0xA1, 0x02, 0xC0],
            HIDDescriptorError(offset: 4, reason: .unclosedCollections(1))
        ),
        ([0xB4], HIDDescriptorError(offset: 0, reason: .popWithoutPush)),
        ([0x85, 0x00], HIDDescriptorError(offset: 0, reason: .reportIDZero)),
        ([0x0C], HIDDescriptorError(offset: 0, reason: .reservedItemType(prefix: 0x0C))),
        (
            [0xA1, 0x01, 0x81, 0x02, 0xC0],
            HIDDescriptorError(offset: 2, reason: .missingReportSizeOrCount)
        ),
        (
            [0xA1, 0x01, 0x75, 0x40, 0x95, 0x01, 0x81, 0x02, 0xC0],
            HIDDescriptorError(offset: 6, reason: .reportSizeTooLarge(64))
        ),
        (
            [0x19, 0x10, 0x29, 0x01, 0xA1, 0x01, 0xC0],
            HIDDescriptorError(offset: 4, reason: .badUsageRange(minimum: 0x10, maximum: 0x01))
        ),
        ([0xF1, 0x00], HIDDescriptorError(offset: 0, reason: .unknownMainItem(tag: 0xF))),
        (
            [0xFE, 0x05, 0x10, 0x01],
            HIDDescriptorError(
                offset: 0, reason: .truncatedItem(needed: 5, available: 1))
        ),
    ]

    @Test(arguments: malformed)
    func malformedDescriptorsFailAtTheOffendingItem(
        bytes: [UInt8], expected: HIDDescriptorError
    ) {
        #expect(throws: expected) {
            try HIDReportDescriptor(parsing: bytes)
        }
    }

    @Test func errorTextNamesTheOffsetAndTheFix() {
        let error = HIDDescriptorError(offset: 18, reason: .truncatedItem(needed: 2, available: 0))
        #expect(
            error.description == "report descriptor byte 18 (0x12): item needs 2 data "
                + "bytes but only 0 remain; the descriptor was cut short (read it again, all of "
                + "it: HIDIOCGRDESCSIZE bytes)")
    }
}
