import Foundation
import StrictJSON
import Testing

@testable import Devices

/// `match`, `interface`, `keyboard`, `hid`, `commandSet` and the `card-reader` kind: what
/// they read into, and the exact line of each mistake.
@Suite struct DeviceProfileMatchTests {
    /// A HID POS scanner; line numbers in the tests refer to this text.
    static let hidScanner = #"""
        {
          "profile": "acme-hid",
          "kind": "scanner",
          "maker": "ACME",
          "model": "HID 1",
          "match": { "usb": [{ "vendor": "0c2e", "product": "0b81" }, { "vendor": "05e0" }], "usagePage": "0x8C" },
          "scanner": {
            "interface": "hidraw",
            "hid": { "enableFeatureReport": "FE 01" },
            "suffixes": [],
            "endsOn": "idle",
            "idleGapMs": 50,
            "aim": "always"
          },
          "sources": {
            "match": "ACME HID 1 guide, 2.1",
            "scanner.interface": "ACME HID 1 guide, 3",
            "scanner.hid": "ACME HID 1 guide, 3.2",
            "scanner.suffixes": "ACME HID 1 guide, 4",
            "scanner.endsOn": "ACME HID 1 guide, 4",
            "scanner.idleGapMs": "ACME HID 1 guide, 4",
            "scanner.aim": "ACME HID 1 guide, 5"
          }
        }
        """#

    static func problems(_ text: String, file: String = "acme-hid.json") -> [String] {
        do {
            _ = try DeviceProfile.parse(Array(text.utf8), file: file)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    static func edited(_ text: String, _ old: String, _ new: String) -> String {
        DeviceProfileTests.edited(text, old, new)
    }

    @Test func readsMatchInterfaceAndFeatureReport() throws {
        let profile = try DeviceProfile.parse(Array(Self.hidScanner.utf8), file: "acme-hid.json")
        #expect(
            profile.match
                == ProfileMatch(
                    usb: [.init(vendor: 0x0C2E, product: 0x0B81), .init(vendor: 0x05E0)],
                    usagePage: 0x8C))
        #expect(profile.scanner?.interface == .hidraw)
        #expect(profile.scanner?.enablingFeatureReport == [0xFE, 0x01])
        #expect(profile.scanner?.keyboard == nil)
        #expect(profile.sources["match"] == "ACME HID 1 guide, 2.1")
    }

    @Test func readsAKeyboardWedgeCardReader() throws {
        var text = Self.edited(Self.hidScanner, #""kind": "scanner""#, #""kind": "card-reader""#)
        text = Self.edited(text, #""interface": "hidraw""#, #""interface": "evdev""#)
        text = Self.edited(
            text, #""hid": { "enableFeatureReport": "FE 01" }"#,
            #""keyboard": { "layout": "de", "suffixKey": "keypad-enter" }"#)
        text = Self.edited(text, #""scanner.hid""#, #""scanner.keyboard""#)
        let profile = try DeviceProfile.parse(Array(text.utf8), file: "acme-hid.json")
        #expect(profile.kind == .cardReader)
        #expect(profile.scanner?.interface == .evdev)
        #expect(
            profile.scanner?.keyboard
                == DeviceProfile.KeyboardSettings(layout: "de", suffixKey: .keypadEnter))
    }

    @Test func aSerialScannerIsTheDefault() throws {
        let profile = try DeviceProfile.parse(
            Array(DeviceProfileTests.scanner.utf8), file: "acme-1000.json")
        #expect(profile.scanner?.interface == .serial)
        #expect(profile.match == nil)
        #expect(profile.parent == nil)
    }

    @Test func aPrinterSaysItsCommandSet() throws {
        let text = Self.edited(
            DeviceProfileTests.printer, #""completion": "none""#,
            #""completion": "none", "commandSet": "star-line""#)
        let withSource = Self.edited(
            text, #""printer.completion": "P80 guide, 9""#,
            #""printer.completion": "P80 guide, 9", "printer.commandSet": "P80 guide, 1""#)
        let profile = try DeviceProfile.parse(Array(withSource.utf8), file: "acme-p80.json")
        #expect(profile.printer?.commandSet == .starLine)
        // Without a source the new fact is refused like any other.
        #expect(
            Self.problems(text, file: "acme-p80.json") == [
                #"acme-p80.json:16:14: $.sources: no source for "printer.commandSet" (valid: add"#
                    + #" "printer.commandSet": "<maker's manual, section>")"#
            ])
    }

    static let mistakes: [DeviceProfileTests.Mistake] = [
        // `  "match": { "usb": [{ "vendor": ` is 33 characters.
        .init(
            old: #""vendor": "0c2e""#, new: #""vendor": "c2e""#,
            problem: #"acme-hid.json:6:34: $.match.usb[0].vendor: "c2e" is not a USB vendor"#
                + #" id (valid: four hex digits as lsusb shows them, e.g. "0c2e")"#),
        .init(
            old: #""product": "0b81""#, new: #""product": "0bxy""#,
            problem: #"acme-hid.json:6:53: $.match.usb[0].product: "0bxy" is not a USB"#
                + #" product id (valid: four hex digits as lsusb shows them, e.g. "0c2e")"#),
        .init(
            old: #"{ "vendor": "05e0" }"#, new: #"{ "product": "05e0" }"#,
            problem: #"acme-hid.json:6:63: $.match.usb[1]: missing required key "vendor""#),
        .init(
            old: #""usagePage": "0x8C""#, new: #""usagePage": "8C""#,
            problem: #"acme-hid.json:6:99: $.match.usagePage: "8C" is not a HID usage page"#
                + #" (valid: "0x" and up to four hex digits, e.g. "0x8C" for HID POS)"#),
        .init(
            old: #""usagePage": "0x8C""#, new: #""usagePage": 140"#,
            problem: "acme-hid.json:6:99: $.match.usagePage: expected a string, found a"
                + " number"),
        .init(
            old: #""usagePage": "0x8C""#, new: #""ieee1284": { "MODEL": "TM" }"#,
            problem: #"acme-hid.json:6:100: $.match.ieee1284.MODEL: "MODEL" is not an IEEE"#
                + " 1284 device id key (valid: MFG, MDL, CMD, CLS, DES)"),
        .init(
            old: #""usagePage": "0x8C""#, new: #""subsystems": ["usb"]"#,
            problem: #"acme-hid.json:6:100: $.match.subsystems: "usb" is not a subsystem"#
                + " lanegate reads (valid: tty, hidraw, input, usbmisc)"),
        .init(
            old: #"{ "usb": [{ "vendor": "0c2e", "product": "0b81" }, { "vendor": "05e0" }], "#
                + #""usagePage": "0x8C" }"#, new: "{}",
            problem: "acme-hid.json:6:12: $.match: a match needs at least one key (valid:"
                + " usb, models, usagePage, ieee1284, subsystems)"),
        // `    "interface": ` is 17 characters.
        .init(
            old: #""interface": "hidraw""#, new: #""interface": "usb""#,
            problem: #"acme-hid.json:8:18: $.scanner.interface: "usb" is not allowed"#
                + " (valid: serial, hidraw, evdev)"),
        .init(
            old: #""interface": "hidraw""#, new: #""interface": "serial""#,
            problem: #"acme-hid.json:9:12: $.scanner.hid: "hid" applies to HID POS scanners"#
                + #" only (valid: set "interface": "hidraw", or remove "hid")"#),
        // `    "hid": { "enableFeatureReport": ` is 36 characters.
        .init(
            old: #""FE 01""#, new: #""FE1""#,
            problem: #"acme-hid.json:9:37: $.scanner.hid.enableFeatureReport: "FE1" is not a"#
                + " feature report (valid: 1 to 64 hex bytes separated by spaces, report ID"
                + #" first, e.g. "FE 01")"#),
        // Switched to evdev, the section misses `keyboard` first (at its brace).
        .init(
            old: #""interface": "hidraw""#, new: #""interface": "evdev""#,
            problem: #"acme-hid.json:7:14: $.scanner.keyboard: an evdev scanner needs"#
                + #" "keyboard" (valid: add "keyboard": {"layout": "us", "suffixKey": "enter"}"#
                + " with the scanner's own layout)"),
    ]

    @Test(arguments: mistakes)
    func mistake(_ mistake: DeviceProfileTests.Mistake) {
        #expect(
            Self.problems(Self.edited(Self.hidScanner, mistake.old, mistake.new))
                .first == mistake.problem)
    }

    @Test func anEvdevScannerNeedsItsLayout() {
        var text = Self.edited(Self.hidScanner, #""interface": "hidraw""#, #""interface": "evdev""#)
        text = Self.edited(text, "    \"hid\": { \"enableFeatureReport\": \"FE 01\" },\n", "")
        text = Self.edited(text, "    \"scanner.hid\": \"ACME HID 1 guide, 3.2\",\n", "")
        #expect(
            Self.problems(text) == [
                #"acme-hid.json:7:14: $.scanner.keyboard: an evdev scanner needs "keyboard" (valid:"#
                    + #" add "keyboard": {"layout": "us", "suffixKey": "enter"} with the scanner's"#
                    + " own layout)"
            ])
        let wrongLayout = Self.edited(
            Self.edited(
                text, #""interface": "evdev","#,
                #""interface": "evdev", "keyboard": { "layout": "xx", "suffixKey": "f1" },"#),
            #""scanner.interface": "ACME HID 1 guide, 3","#,
            #""scanner.interface": "ACME HID 1 guide, 3", "scanner.keyboard": "guide, 6","#)
        // `    "interface": "evdev", "keyboard": { "layout": ` is 50 characters.
        #expect(
            Self.problems(wrongLayout) == [
                #"acme-hid.json:8:51: $.scanner.keyboard.layout: "xx" is not a layout lanegate"#
                    + " knows (valid: us, uk, de, fr, be, nl, es, it, tr)",
                #"acme-hid.json:8:70: $.scanner.keyboard.suffixKey: "f1" is not allowed"#
                    + " (valid: enter, keypad-enter, tab)",
            ])
    }

    @Test func hexBytes() {
        #expect(DeviceProfile.hexBytes("FE 01") == [0xFE, 0x01])
        #expect(DeviceProfile.hexBytes("fe  01") == [0xFE, 0x01])
        #expect(DeviceProfile.hexBytes("FE01") == nil)
        #expect(DeviceProfile.hexBytes("0x01") == nil)
    }
}
