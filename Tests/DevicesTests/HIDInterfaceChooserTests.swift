import Testing

@testable import Devices

@Suite struct HIDInterfaceChooserTests {
    static func candidate(_ path: String, _ fixture: String) throws
        -> HIDInterfaceChooser.Candidate
    {
        .init(path: path, descriptorBytes: try HIDRawRecording.load(fixture).descriptor)
    }

    /// A vendor-defined interface of the common shape: 64 bytes in, 64 bytes out.
    static let vendorDescriptor: [UInt8] = [
        0x06, 0x00, 0xFF, 0x09, 0x01, 0xA1, 0x01, 0x15, 0x00, 0x26, 0xFF, 0x00, 0x75, 0x08,
        0x95, 0x40, 0x09, 0x01, 0x81, 0x02, 0x95, 0x40, 0x09, 0x01, 0x91, 0x02, 0xC0,
    ]

    @Test func theHIDPOSNodeIsChosenOverTheKeyboard() throws {
        let choice = HIDInterfaceChooser.choose([
            try Self.candidate("/dev/hidraw0", "composite-keyboard-hidraw0.replay"),
            try Self.candidate("/dev/hidraw1", "composite-pos-hidraw1.replay"),
            .init(path: "/dev/hidraw2", descriptorBytes: Self.vendorDescriptor),
        ])

        #expect(choice.path == "/dev/hidraw1")
        #expect(choice.verdicts.map(\.role) == [.keyboard, .barcodeScanner, .vendorDefined])
        #expect(choice.verdicts[1].scannedDataReportID == 2)
        #expect(
            choice.explanation == """
                /dev/hidraw0: skipped: 0x01:0x06 (Keyboard): the keyboard-wedge interface; scans \
                there arrive as key presses without symbology, read by the keyboard reader
                /dev/hidraw1: chosen: 0x8C:0x02 (Barcode Scanner) application collection; input \
                report 2 carries Decoded Data (0x8C:0xFE)
                /dev/hidraw2: skipped: vendor-defined page 0xFF00: the maker's own channel \
                (configuration, firmware), not HID POS scans
                """)
    }

    @Test func orderDoesNotMatter() throws {
        let choice = HIDInterfaceChooser.choose([
            .init(path: "/dev/hidraw5", descriptorBytes: Self.vendorDescriptor),
            try Self.candidate("/dev/hidraw7", "composite-pos-hidraw1.replay"),
            try Self.candidate("/dev/hidraw6", "composite-keyboard-hidraw0.replay"),
        ])
        #expect(choice.path == "/dev/hidraw7")
        #expect(choice.descriptor?.collections.first?.usage == .barcodeScanner)
    }

    @Test func aScannerInKeyboardModeGetsAdvice() throws {
        let choice = HIDInterfaceChooser.choose([
            try Self.candidate("/dev/hidraw0", "composite-keyboard-hidraw0.replay")
        ])
        #expect(choice.path == nil)
        #expect(
            choice.explanation.hasSuffix(
                """
                no HID POS interface (Barcode Scanner Page 0x8C) found; the scanner is in \
                keyboard mode: scan the maker's "USB HID POS" programming bar code, or read it \
                as a keyboard wedge
                """))
    }

    @Test func anUnreadableDescriptorIsNamedNotChosen() {
        let choice = HIDInterfaceChooser.choose([
            .init(path: "/dev/hidraw4", descriptorBytes: [0x05, 0x8C, 0xA1])
        ])
        #expect(choice.path == nil)
        #expect(choice.verdicts.first?.role == .unreadable)
        #expect(
            choice.verdicts.first?.reason == "descriptor unreadable: report descriptor "
                + "byte 2 (0x02): item needs 1 data bytes but only 0 remain; the descriptor was "
                + "cut short (read it again, all of it: HIDIOCGRDESCSIZE bytes)")
    }

    @Test func aScannerCollectionWithoutDecodedDataIsNotChosen() {
        // Barcode Scanner collection whose only report is an output (trigger) report.
        let bytes: [UInt8] = [
            0x05, 0x8C, 0x09, 0x02, 0xA1, 0x01, 0x85, 0x04, 0x75, 0x01, 0x95, 0x08, 0x09, 0x60,
            0x91, 0x02, 0xC0,
        ]
        let choice = HIDInterfaceChooser.choose([
            .init(path: "/dev/hidraw1", descriptorBytes: bytes)
        ])
        #expect(choice.path == nil)
        #expect(choice.verdicts.first?.role == .other)
    }
}
