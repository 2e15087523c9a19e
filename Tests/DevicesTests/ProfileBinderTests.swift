import Testing

@testable import Devices

/// The most specific matching profile wins, with its reason.
@Suite struct ProfileBinderTests {
    static let xenon = DeviceIdentity(
        subsystem: "hidraw", node: "/dev/hidraw0", vendorID: 0x0C2E, productID: 0x0B81,
        serialNumber: "19246B4F3C", model: "Xenon 1900g", interfaceNumber: 0,
        portPath: "1-1.4", usagePages: [0x8C])

    static let candidates = [
        ProfileBinder.Candidate(
            name: "honeywell-xenon-1900", kind: "scanner",
            match: ProfileMatch(
                usb: [.init(vendor: 0x0C2E, product: 0x0B81)], models: ["Xenon"])),
        ProfileBinder.Candidate(
            name: "honeywell-generic", kind: "scanner",
            match: ProfileMatch(usb: [.init(vendor: 0x0C2E)])),
        ProfileBinder.Candidate(
            name: "generic-hid-pos", kind: "scanner", match: ProfileMatch(usagePage: 0x8C)),
        ProfileBinder.Candidate(
            name: "epson-tm-t88v", kind: "printer",
            match: ProfileMatch(
                usb: [.init(vendor: 0x04B8, product: 0x0202)],
                ieee1284: ["MFG": "EPSON", "MDL": "TM-T88V"])),
        ProfileBinder.Candidate(
            name: "epson-esc-pos", kind: "printer",
            match: ProfileMatch(ieee1284: ["CMD": "ESC/POS"])),
        ProfileBinder.Candidate(name: "generic-serial-scanner", kind: "scanner", match: nil),
    ]

    let binder = ProfileBinder(candidates: candidates)

    @Test func theMostSpecificProfileWinsAndSaysWhy() {
        let binding = binder.bind(Self.xenon)
        #expect(
            binding
                == ProfileBinder.Binding(
                    profile: "honeywell-xenon-1900", score: 130,
                    reason: "USB id 0c2e:0b81 and model \"Xenon\" match honeywell-xenon-1900",
                    isBuiltInSerialPort: false))
    }

    @Test func aVendorOnlyProfileCatchesAnotherModel() {
        var other = Self.xenon
        other.productID = 0x0B87
        other.model = "Voyager 1450g"
        other.usagePages = []
        let binding = binder.bind(other)
        #expect(binding.profile == "honeywell-generic")
        #expect(binding.reason == "USB vendor 0c2e matches honeywell-generic")
    }

    @Test func aPrinterBindsByItsIEEE1284Model() {
        let printer = DeviceIdentity(
            subsystem: "usbmisc", node: "/dev/usb/lp0", vendorID: 0x04B8, productID: 0x0202,
            model: "TM-T88V", ieee1284: ["MFG": "EPSON", "MDL": "TM-T88V", "CMD": "ESC/POS"])
        let binding = binder.bind(printer)
        #expect(binding.profile == "epson-tm-t88v")
        #expect(binding.score == 150)
        #expect(
            binding.reason
                == "USB id 04b8:0202 and IEEE 1284 MDL \"TM-T88V\" and IEEE 1284 MFG \"EPSON\" "
                + "match epson-tm-t88v")
    }

    @Test func aScannerProfileNeverBindsAPrinterNode() {
        let printer = DeviceIdentity(
            subsystem: "usbmisc", node: "/dev/usb/lp0", vendorID: 0x0C2E, productID: 0x0B81,
            model: "Xenon")
        #expect(binder.bind(printer).profile == nil)
    }

    @Test func equalScoresGoToTheFirstName() {
        let binder = ProfileBinder(candidates: [
            .init(name: "zeta", kind: "scanner", match: ProfileMatch(usagePage: 0x8C)),
            .init(name: "alpha", kind: "scanner", match: ProfileMatch(usagePage: 0x8C)),
        ])
        let binding = binder.bind(Self.xenon)
        #expect(binding.profile == "alpha")
        #expect(
            binding.reason
                == "HID usage page 0x8C matches alpha (as specific as zeta; the first name wins)")
    }

    @Test func nothingMatches() {
        let device = DeviceIdentity(
            subsystem: "tty", node: "/dev/ttyACM0", vendorID: 0x05E0, productID: 0x1701,
            model: "Symbol Bar Code Scanner")
        #expect(
            binder.bind(device)
                == ProfileBinder.Binding(
                    profile: nil, score: nil,
                    reason:
                        "no profile matches USB id 05e0:1701, model \"Symbol Bar Code Scanner\"",
                    isBuiltInSerialPort: false))
    }

    @Test func aBuiltInSerialPortBindsToNothing() {
        let port = DeviceIdentity(subsystem: "tty", node: "/dev/ttyS0")
        #expect(
            binder.bind(port)
                == ProfileBinder.Binding(
                    profile: nil, score: nil,
                    reason:
                        "built-in serial port, nothing identified; never opened unless probed by name",
                    isBuiltInSerialPort: true))
    }
}
