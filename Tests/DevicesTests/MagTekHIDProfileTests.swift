import Foundation
import StrictJSON
import Testing

@testable import Devices

/// `"hid": {"report": "magtek-msr"}` and the bundled `magtek-dynamag-hid` profile.
@Suite struct MagTekHIDProfileTests {
    @Test func theBundledProfileReadsMagTekReportsOnHidraw() throws {
        let profile = try DeviceProfile.load(
            path: DeviceProfileTests.folder + "/magtek-dynamag-hid.json")
        #expect(profile.kind == .cardReader)
        #expect(profile.scanner?.interface == .hidraw)
        #expect(profile.scanner?.hidReportFormat == .magTekMSR)
        #expect(profile.scanner?.enablingFeatureReport == nil)
        #expect(
            profile.match
                == ProfileMatch(
                    usb: [
                        .init(vendor: 0x0801, product: 0x0011),
                        .init(vendor: 0x0801, product: 0x0002),
                    ], usagePage: 0xFF00, subsystems: ["hidraw"]))
    }

    @Test func aHIDPOSProfileKeepsTheHIDPOSDecoder() throws {
        let profile = try DeviceProfile.parse(
            Array(DeviceProfileMatchTests.hidScanner.utf8), file: "acme-hid.json")
        #expect(profile.scanner?.hidReportFormat == .hidPOS)
        #expect(profile.scanner?.enablingFeatureReport == [0xFE, 0x01])
    }

    @Test func bothKeysMayBeGiven() throws {
        let text = DeviceProfileMatchTests.edited(
            DeviceProfileMatchTests.hidScanner, #"{ "enableFeatureReport": "FE 01" }"#,
            #"{ "enableFeatureReport": "FE 01", "report": "magtek-msr" }"#)
        let profile = try DeviceProfile.parse(Array(text.utf8), file: "acme-hid.json")
        #expect(profile.scanner?.hidReportFormat == .magTekMSR)
        #expect(profile.scanner?.enablingFeatureReport == [0xFE, 0x01])
    }

    @Test func anUnknownReportIsRefusedWithTheValidOnes() {
        let text = DeviceProfileMatchTests.edited(
            DeviceProfileMatchTests.hidScanner, #"{ "enableFeatureReport": "FE 01" }"#,
            #"{ "report": "magtek" }"#)
        // `    "hid": { "report": ` is 23 characters.
        #expect(
            DeviceProfileMatchTests.problems(text) == [
                #"acme-hid.json:9:24: $.scanner.hid.report: "magtek" is not allowed"#
                    + " (valid: hid-pos, magtek-msr)"
            ])
    }

    @Test func theReportNeedsHidraw() {
        var text = DeviceProfileMatchTests.edited(
            DeviceProfileMatchTests.hidScanner, #"{ "enableFeatureReport": "FE 01" }"#,
            #"{ "report": "magtek-msr" }"#)
        text = DeviceProfileMatchTests.edited(
            text, #""interface": "hidraw""#, #""interface": "serial""#)
        #expect(
            DeviceProfileMatchTests.problems(text) == [
                #"acme-hid.json:9:12: $.scanner.hid: "hid" applies to HID POS scanners"#
                    + #" only (valid: set "interface": "hidraw", or remove "hid")"#
            ])
    }
}
