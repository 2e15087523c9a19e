import CShim
import DeviceIO
import Foundation
import Testing

@testable import Devices

/// The MagTek recording replayed through `HIDRawReader` over the `SystemCalls` seam, as
/// the HID POS tests do: the descriptor ioctls, one report per read, the unplug.
@Suite struct MagTekHIDReaderTests {
    static let info = HIDRawDeviceInfo(bus: 3, vendor: 0x0801, product: 0x0002)

    /// The fixture through the shared recording parser, handed to the replay seam.
    static func replay() throws -> ReplaySystemCalls {
        let recording = try MagTekHIDDecoderTests.recording()
        var replayed = HIDRawRecording()
        replayed.device = recording.device ?? ""
        replayed.descriptor = recording.descriptor
        replayed.events = recording.events.compactMap { event in
            switch event.action {
            case .input(let bytes): .input(bytes)
            case .feature(let bytes): .feature(bytes)
            case .gone: .gone
            default: nil
            }
        }
        return ReplaySystemCalls(replayed, info: info)
    }

    static func scan(_ text: String) -> HIDRawEvent {
        .scan(HIDPOSScan(aim: nil, symbologyIdentifier: [], data: Array(text.utf8), reportCount: 1))
    }

    @Test func theRecordedSwipesArriveAsTrackText() async throws {
        let system = try Self.replay()
        let reader = HIDRawReader(
            path: "/dev/hidraw4", configuration: .init(reportFormat: .magTekMSR), system: system)
        try await reader.start()

        var events: [HIDRawEvent] = []
        for await event in reader.events { events.append(event) }

        #expect(
            events == [
                .connected(path: "/dev/hidraw4", info: Self.info, layout: nil),
                Self.scan(";2900000000063=?"),
                Self.scan(
                    "%B4111111111111111^DOE/JOHN^28121010000000000000?"
                        + ";4111111111111111=28121010000000000000?"),
                Self.scan("%E?;2900000000063=?"),
                // The blank card gives nothing; then the unplug ends the stream.
                .disconnected(
                    reason: "/dev/hidraw4 left: read(/dev/hidraw4): Input/output error (EIO)",
                    partialScanDropped: false),
            ])
        // No feature report is sent: the reader sends swipes unasked.
        #expect(
            system.ioctls.map(\.request) == [
                lanegate_ioctl_HIDIOCGRDESCSIZE(), lanegate_ioctl_HIDIOCGRDESC(),
                lanegate_ioctl_HIDIOCGRAWINFO(),
            ])
        #expect(system.closeCount == 1)
    }

    @Test func aHIDPOSReaderRefusesTheCardReaderWithTheFix() async throws {
        let reader = HIDRawReader(path: "/dev/hidraw4", system: try Self.replay())
        await #expect(
            throws: HIDRawReaderError(
                path: "/dev/hidraw4", reason: .layout(HIDPOSDecoderError(.noScannedDataReport)))
        ) {
            try await reader.start()
        }
    }

    @Test func aCardReaderProfileOnAHIDPOSScannerSaysWhatToCheck() async throws {
        let honeywell = try HIDRawRecording.load("honeywell-xenon-1900-hidpos.replay")
        let reader = HIDRawReader(
            path: "/dev/hidraw3", configuration: .init(reportFormat: .magTekMSR),
            system: ReplaySystemCalls(honeywell))
        let expected = HIDRawReaderError(
            path: "/dev/hidraw3", reason: .cardReaderLayout(MagTekHIDError(.noSwipeReport)))
        await #expect(throws: expected) {
            try await reader.start()
        }
        #expect(
            expected.description.hasSuffix(
                #"check that the profile with "hid": {"report": "magtek-msr"} is the "#
                    + "reader's, and that the reader is in HID mode"))
    }
}
