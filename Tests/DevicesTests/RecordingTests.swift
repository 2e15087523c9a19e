import Testing

@testable import Devices

/// The `.replay` format of docs/recordings.md, every kind.
@Suite struct RecordingTests {
    @Test func hidrawHeadersDescriptorReportsFeatureAndGone() throws {
        let text = """
            # lanegate recording v1
            # A comment, then a blank line.

            kind: hidraw                      # hidraw | evdev | tty | udev
            device: Honeywell Xenon 1900g     # what was recorded
            descriptor: 05 8C 09 02 A1 01     # the report descriptor
            descriptor: 85 02 C0
            0.000000 feature 03 01
            0.000840 in 02 0D 5D 45 30
            0.0016 in 020d5d
            1.5 gone
            """
        let recording = try Recording(parsing: text, file: "x.replay")
        #expect(recording.kind == .hidraw)
        #expect(recording.device == "Honeywell Xenon 1900g")
        #expect(recording.layout == nil)
        #expect(recording.descriptor == [0x05, 0x8C, 0x09, 0x02, 0xA1, 0x01, 0x85, 0x02, 0xC0])
        #expect(recording.headers.map(\.key) == ["kind", "device", "descriptor", "descriptor"])
        #expect(
            recording.events.map(\.action) == [
                .feature([0x03, 0x01]), .input([0x02, 0x0D, 0x5D, 0x45, 0x30]),
                .input([0x02, 0x0D, 0x5D]), .gone,
            ])
        #expect(
            recording.events.map(\.time) == [
                .zero, .microseconds(840), .microseconds(1600), .milliseconds(1500),
            ])
        #expect(recording.events.map(\.line) == [8, 9, 10, 11])
        #expect(recording.inputs.count == 2)
        #expect(recording.endsGone)
    }

    @Test func evdevNamesNumbersAndHexScanCodes() throws {
        let text = """
            # lanegate recording v1
            kind: evdev
            device: Datalogic QuickScan QD2430 (USB keyboard)
            layout: de
            0.000000 in EV_MSC MSC_SCAN 7001e
            0.000000 in EV_KEY KEY_1 1
            0.000000 in EV_SYN SYN_REPORT 0
            0.008000 in 1 2 0
            0.008000 in EV_MSC MSC_SCAN 0x7001f
            0.008000 in EV_KEY 100 2
            """
        let recording = try Recording(parsing: text, file: "k.replay")
        #expect(recording.kind == .evdev)
        #expect(recording.layout == "de")
        #expect(
            recording.evdevEvents == [
                EvdevEvent(time: .zero, type: 4, code: 4, value: 0x7001E),
                EvdevEvent(time: .zero, type: 1, code: 2, value: 1),
                EvdevEvent(time: .zero, type: 0, code: 0, value: 0),
                EvdevEvent(time: .milliseconds(8), type: 1, code: 2, value: 0),
                EvdevEvent(time: .milliseconds(8), type: 4, code: 4, value: 0x7001F),
                EvdevEvent(time: .milliseconds(8), type: 1, code: 100, value: 2),
            ])
        #expect(recording.evdevEvents[5].description == "EV_KEY KEY_RIGHTALT 2")
        #expect(!recording.endsGone)
    }

    @Test func ttyBytesAndHangUp() throws {
        let text = """
            # lanegate recording v1
            kind: tty
            0.000 in 39
            0.001 in 37 38
            0.002 gone
            """
        let recording = try Recording(parsing: text, file: "t.replay")
        #expect(recording.inputs == [[0x39], [0x37, 0x38]])
        #expect(recording.endsGone)
    }

    @Test func udevBlocksWithProperties() throws {
        let text = """
            # lanegate recording v1
            kind: udev
            0.000000 add /devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/hidraw/hidraw0 (hidraw)
              ACTION=add
              DEVNAME=/dev/hidraw0
              SUBSYSTEM=hidraw
            remove /devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/hidraw/hidraw0
              DEVNAME=/dev/hidraw0
            """
        let recording = try Recording(parsing: text, file: "u.replay")
        let path = "/devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/hidraw/hidraw0"
        #expect(
            recording.events.map(\.action) == [
                .udev(
                    Recording.UdevChange(
                        action: "add", path: path, subsystem: "hidraw",
                        properties: [
                            "ACTION": "add", "DEVNAME": "/dev/hidraw0", "SUBSYSTEM": "hidraw",
                        ])),
                .udev(
                    Recording.UdevChange(
                        action: "remove", path: path, subsystem: nil,
                        properties: ["DEVNAME": "/dev/hidraw0"])),
            ])
    }

    @Test(arguments: [
        (
            "kind: evdev\n0.0 in EV_KEY KEY_1 1",
            "r:1: not a lanegate recording: the first line "
                + "must be \"# lanegate recording v1\""
        ),
        (
            "# lanegate recording v2",
            "r:1: version 2 is not supported (valid: "
                + "# lanegate recording v1)"
        ),
        (
            "# lanegate recording v1\nkind: usb",
            "r:2: unknown kind \"usb\" (valid: hidraw, "
                + "evdev, tty, udev)"
        ),
        (
            "# lanegate recording v1\ndevice: x",
            "r: no kind: header (valid: kind: hidraw | "
                + "evdev | tty | udev)"
        ),
        (
            "# lanegate recording v1\nkind: evdev\n0.0 out 01",
            "r:3: unknown direction \"out\" "
                + "(valid for evdev: in, gone)"
        ),
        (
            "# lanegate recording v1\nkind: evdev\n0.0 in EV_KEY KEY_FOO 1",
            "r:3: unknown code "
                + "\"KEY_FOO\" for EV_KEY (valid: the names of linux/input-event-codes.h, e.g. "
                + "KEY_1, or a number)"
        ),
        (
            "# lanegate recording v1\nkind: tty\n0.5 in 01\n0.4 in 02",
            "r:4: time 0.4 goes "
                + "back; times never decrease"
        ),
        (
            "# lanegate recording v1\nkind: tty\n0.5 in 0G",
            "r:3: \"0G\" is not hex bytes "
                + "(valid: pairs of 0-9 A-F, e.g. 02 0D or 020d)"
        ),
        (
            "# lanegate recording v1\nkind: tty\nlayout: us",
            "r:3: \"layout:\" belongs to "
                + "evdev recordings, not tty"
        ),
        (
            "# lanegate recording v1\nkind: tty\n0.1 gone\n0.2 in 01",
            "r:4: an event after "
                + "\"gone\"; a recording ends when its device goes"
        ),
        (
            "# lanegate recording v1\nkind: tty\n0.1 in 01\ndevice: x",
            "r:4: header \"device:\" "
                + "after the first event; move it to the top"
        ),
        (
            "# lanegate recording v1\nkind: tty\n  KEY=value",
            "r:3: an indented line belongs "
                + "under a udev add or remove line; remove the indent"
        ),
    ])
    func malformedRecordingsNameTheLineAndTheFix(text: String, message: String) {
        #expect(throws: RecordingError.self) { try Recording(parsing: text, file: "r") }
        do {
            _ = try Recording(parsing: text, file: "r")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func missingFileSaysSo() {
        #expect(
            throws: RecordingError(
                file: "/nonexistent/x.replay", line: 0,
                problem: "cannot read the file; check the path and its permissions")
        ) {
            try Recording(contentsOf: "/nonexistent/x.replay")
        }
    }
}
