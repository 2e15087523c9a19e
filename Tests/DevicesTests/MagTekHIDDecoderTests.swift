import Foundation
import Testing

@testable import Devices

/// The MagTek HID swipe report, laid out from its report descriptor and decoded report by
/// report: sentinels rebuilt, unreadable tracks marked, blank tracks left out.
@Suite struct MagTekHIDDecoderTests {
    /// The USB HID Swipe Reader's descriptor (MagTek 99875191, section 4), as in
    /// Tests/Fixtures/hidraw/magtek-usb-hid-swipe-reader.replay.
    static func recording() throws -> Recording {
        try Recording(
            contentsOf: HIDRawRecording.folder.path + "/magtek-usb-hid-swipe-reader.replay")
    }

    static func decoder() throws -> MagTekHIDDecoder {
        try MagTekHIDDecoder(descriptor: HIDReportDescriptor(parsing: recording().descriptor))
    }

    /// A report of the 337-byte layout: statuses, lengths, encode type, three 110-byte
    /// fields holding `tracks`, the rest of each field `filler`.
    static func report(
        status: [UInt8] = [0, 0, 0], _ tracks: [String], encode: UInt8 = 0, filler: UInt8 = 0,
        lengths: [UInt8]? = nil
    ) -> [UInt8] {
        var bytes = status + (lengths ?? tracks.map { UInt8($0.utf8.count) }) + [encode]
        for track in tracks {
            bytes += Array(track.utf8) + Array(repeating: filler, count: 110 - track.utf8.count)
        }
        return bytes
    }

    @Test func theLayoutComesFromTheDescriptor() throws {
        let layout = try Self.decoder().layout
        #expect(layout.reportID == nil)
        #expect(layout.reportLength == 337)
        #expect(layout.tracks.map(\.number) == [1, 2, 3])
        #expect(layout.tracks.map(\.decodeStatus.offset) == [0, 8, 16])
        #expect(layout.tracks.map(\.length.offset) == [24, 32, 40])
        #expect(layout.tracks.map(\.dataOffset) == [56, 936, 1816])
        #expect(layout.tracks.map(\.dataCapacity) == [110, 110, 110])
        #expect(layout.cardEncodeType?.offset == 48)
    }

    @Test func theRecordedSwipesDecode() throws {
        let decoder = try Self.decoder()
        let outcomes = try Self.recording().inputs.map(decoder.decode)
        #expect(
            outcomes == [
                .swipe(
                    MagTekHIDSwipe(
                        tracks: [.init(number: 2, status: .read, text: ";2900000000063=?")],
                        encodeType: .isoABA)),
                .swipe(
                    MagTekHIDSwipe(
                        tracks: [
                            .init(
                                number: 1, status: .read,
                                text: "%B4111111111111111^DOE/JOHN^28121010000000000000?"),
                            .init(
                                number: 2, status: .read,
                                text: ";4111111111111111=28121010000000000000?"),
                        ], encodeType: .isoABA)),
                .swipe(
                    MagTekHIDSwipe(
                        tracks: [
                            .init(number: 1, status: .decodeError, text: "%E?"),
                            .init(number: 2, status: .read, text: ";2900000000063=?"),
                        ], encodeType: .isoABA)),
                .ignored("swipe with no data on any track (card encode type: blank)"),
            ])
    }

    @Test func theSwipeTextIsWhatMagneticStripeReads() throws {
        guard
            case .swipe(let swipe) = try Self.decoder().decode(
                Self.report(
                    status: [1, 0, 0], ["", ";2900000000063=?", ";123456789?"]))
        else {
            Issue.record("expected a swipe")
            return
        }
        // Track 3 gets MagTek's `+` so that it is not read as a second track 2.
        #expect(swipe.text == "%E?;2900000000063=?+123456789?")
        #expect(swipe.bytes == Array(swipe.text.utf8))
    }

    @Test func bytesPastTheLengthAreIgnored() throws {
        // The manual: data past the length "are undefined and should be ignored".
        let outcome = try Self.decoder().decode(
            Self.report(["", ";2900000000063=?", ""], filler: 0x3F))
        #expect(
            outcome
                == .swipe(
                    MagTekHIDSwipe(
                        tracks: [.init(number: 2, status: .read, text: ";2900000000063=?")],
                        encodeType: .isoABA)))
    }

    struct BadTrack: Sendable, CustomTestStringConvertible {
        let name: String
        let track2: String
        var lengths: [UInt8]? = nil
        var testDescription: String { name }
    }

    static let badTracks: [BadTrack] = [
        BadTrack(name: "a letter on track 2", track2: ";29000A0000063=?"),
        BadTrack(name: "ciphertext bytes", track2: "\u{7F}\u{01}\u{02}\u{03}"),
        BadTrack(name: "sentinels only", track2: ";?"),
        BadTrack(name: "a length past the field", track2: ";1?", lengths: [0, 111, 0]),
    ]

    @Test(arguments: badTracks)
    func aTrackThatIsNotISOIsMarkedUnreadable(_ item: BadTrack) throws {
        let outcome = try Self.decoder().decode(
            Self.report(["", item.track2, ""], lengths: item.lengths))
        #expect(
            outcome
                == .swipe(
                    MagTekHIDSwipe(
                        tracks: [.init(number: 2, status: .notISO, text: ";E?")],
                        encodeType: .isoABA)))
    }

    @Test func sentinelsAreRebuiltWhenTheReaderLeavesThemOut() throws {
        let outcome = try Self.decoder().decode(Self.report(["B1^A/B^", "2900000000063=", ""]))
        guard case .swipe(let swipe) = outcome else {
            Issue.record("expected a swipe, got \(outcome)")
            return
        }
        #expect(swipe.text == "%B1^A/B^?;2900000000063=?")
    }

    @Test func aShortReportIsDropped() throws {
        let outcome = try Self.decoder().decode(Array(repeating: 0, count: 64))
        #expect(outcome == .dropped(MagTekHIDError(.shortReport(length: 64, expected: 337))))
        #expect(
            MagTekHIDError(.shortReport(length: 64, expected: 337)).description
                == "card reader report of 64 bytes, 337 expected from the report descriptor; "
                + "the swipe was dropped: swipe the card again")
    }

    @Test func aReportIDIsReadFromTheDescriptor() throws {
        // The same layout behind Report ID 3: the ID byte comes first, fields after it.
        var bytes = try Self.recording().descriptor
        bytes.insert(contentsOf: [0x85, 0x03], at: 7)
        let decoder = try MagTekHIDDecoder(descriptor: HIDReportDescriptor(parsing: bytes))
        #expect(decoder.layout.reportID == 3)
        #expect(decoder.layout.reportLength == 338)
        let report = [0x03] + Self.report(["", ";2900000000063=?", ""])
        guard case .swipe(let swipe) = decoder.decode(report) else {
            Issue.record("expected a swipe")
            return
        }
        #expect(swipe.text == ";2900000000063=?")
        #expect(
            decoder.decode([0x04] + report.dropFirst())
                == .ignored(
                    "report ID 4 is not the card reader's swipe report (ID 3)"))
    }

    @Test func aHIDPOSDescriptorHasNoSwipeReport() throws {
        let honeywell = try HIDRawRecording.load("honeywell-xenon-1900-hidpos.replay")
        #expect(throws: MagTekHIDError(.noSwipeReport)) {
            try MagTekHIDDecoder(descriptor: HIDReportDescriptor(parsing: honeywell.descriptor))
        }
    }

    @Test func aTrackWithoutItsLengthIsRefused() throws {
        // Usage 0x29 (track 2 data length) replaced by 0x27, which the manual does not list.
        var bytes = try Self.recording().descriptor
        let at = try #require(bytes.indices.first { bytes[$0] == 0x09 && bytes[$0 + 1] == 0x29 })
        bytes[at + 1] = 0x27
        #expect(
            throws: MagTekHIDError(
                .missingField(track: 2, usage: HIDUsage(page: 0xFF00, id: 0x29)))
        ) {
            try MagTekHIDDecoder(descriptor: HIDReportDescriptor(parsing: bytes))
        }
    }

    @Test func aSwipeShowsNoCardDataWhenPrinted() throws {
        let swipe = MagTekHIDSwipe(
            tracks: [
                .init(number: 1, status: .decodeError, text: "%E?"),
                .init(number: 2, status: .read, text: ";4111111111111111=2812?"),
            ], encodeType: .isoABA)
        #expect(
            "\(swipe)" == "MagTek swipe: track 1 unreadable, track 2 (23 characters); ISO/ABA")
        var dumped = ""
        dump(swipe, to: &dumped)
        #expect(!dumped.contains("4111"))
        #expect(!String(reflecting: swipe).contains("4111"))
    }
}
