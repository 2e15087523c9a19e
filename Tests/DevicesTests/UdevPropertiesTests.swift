import Foundation
import Testing

@testable import Devices

/// Recorded udev property sets (Tests/Fixtures/udev) turned into identities by the one
/// function the live source uses too.
@Suite struct UdevPropertiesTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/udev").path

    /// The udev changes of fixture `name`, in order.
    static func changes(_ name: String) throws -> [Recording.UdevChange] {
        let recording = try Recording(contentsOf: "\(fixtures)/\(name)")
        return recording.events.compactMap {
            if case .udev(let change) = $0.action { return change } else { return nil }
        }
    }

    static func identity(_ name: String, _ index: Int) throws -> DeviceIdentity? {
        UdevProperties(recorded: try changes(name)[index].properties).identity()
    }

    @Test func aCDCScannerWithTheDaemonsProperties() throws {
        let identity = try #require(try Self.identity("symbol-cdc-ttyacm-replug.replay", 0))
        #expect(
            identity
                == DeviceIdentity(
                    subsystem: "tty", node: "/dev/ttyACM0", vendorID: 0x05E0, productID: 0x1701,
                    serialNumber: "S/N:21153010500456",
                    manufacturer: "Symbol Technologies, Inc, 2008",
                    model: "Symbol Bar Code Scanner", interfaceNumber: 0, portPath: "1-2",
                    links: [
                        "/dev/serial/by-path/pci-0000:00:14.0-usb-0:2:1.0",
                        "/dev/serial/by-id/usb-Symbol_Technologies__Inc__2008_Symbol_Bar_Code_Scanner"
                            + "_S_N:21153010500456-if00",
                    ]))
        #expect(identity.stableKey == "usb:05e0:1701:serial=S/N:21153010500456/if0")
    }

    @Test func theSameScannerInAnotherPortKeepsItsKey() throws {
        let first = try #require(try Self.identity("symbol-cdc-ttyacm-replug.replay", 0))
        let again = try #require(try Self.identity("symbol-cdc-ttyacm-replug.replay", 2))
        #expect(again.node == "/dev/ttyACM1")
        #expect(again.portPath == "1-3")
        #expect(again.stableKey == first.stableKey)
    }

    @Test func aHIDPOSScannerFromSysfsAttributes() throws {
        let identity = try #require(
            try Self.identity("honeywell-xenon-1900-hidraw-replug.replay", 0))
        #expect(identity.subsystem == "hidraw")
        #expect(identity.node == "/dev/hidraw0")
        #expect(identity.vendorID == 0x0C2E)
        #expect(identity.productID == 0x0B81)
        #expect(identity.serialNumber == "19246B4F3C")
        #expect(identity.manufacturer == "Honeywell Imaging & Mobility")
        #expect(identity.model == "Xenon 1900g")
        #expect(identity.interfaceNumber == 0)
        #expect(identity.portPath == "1-1.4")
        #expect(identity.usagePages == [0x8C])
        #expect(identity.stableKey == "usb:0c2e:0b81:serial=19246B4F3C/if0")
    }

    /// A remove carries no attributes: the ids come from the HID device's name in the path.
    @Test func aHIDRemoveNamesTheDeviceByItsPath() throws {
        let identity = try #require(
            try Self.identity("honeywell-xenon-1900-hidraw-replug.replay", 1))
        #expect(identity.vendorID == 0x0C2E)
        #expect(identity.productID == 0x0B81)
        #expect(identity.serialNumber == nil)
        #expect(identity.stableKey == "usb:0c2e:0b81:port=1-1.4/if0")
    }

    @Test func aKernelEventWithoutSerialIsKeyedByItsPort() throws {
        let identity = try #require(try Self.identity("kernel-ttyacm-no-daemon.replay", 0))
        #expect(identity.node == "/dev/ttyACM0")
        #expect(identity.vendorID == 0x05E0)
        #expect(identity.model == "Symbol Bar Code Scanner")
        #expect(identity.links.isEmpty)
        #expect(identity.stableKey == "usb:05e0:1701:port=3-2/if0")
    }

    @Test func aPrintersIEEE1284Id() throws {
        let identity = try #require(try Self.identity("epson-tm-t88v-usblp.replay", 0))
        #expect(identity.subsystem == "usbmisc")
        #expect(identity.node == "/dev/usb/lp0")
        #expect(identity.model == "TM-T88V")
        #expect(
            identity.ieee1284 == [
                "MFG": "EPSON", "CMD": "ESC/POS", "MDL": "TM-T88V", "CLS": "PRINTER",
                "DES": "TM-T88V",
            ])
    }

    @Test func aBuiltInPortHasNoStableKeyAndAnEmptyPlaceholderIsNotWatched() throws {
        let port = try #require(try Self.identity("builtin-ttys0.replay", 0))
        #expect(port.node == "/dev/ttyS0")
        #expect(port.vendorID == nil)
        #expect(port.stableKey == nil)
        #expect(try Self.identity("builtin-ttys0.replay", 1) == nil)
    }

    @Test(arguments: [
        (
            ["SUBSYSTEM": "tty", "DEVNAME": "/dev/tty3", "DEVPATH": "/devices/virtual/tty/tty3"],
            "a virtual console"
        ),
        (
            [
                "SUBSYSTEM": "input", "DEVNAME": "/dev/input/mouse0",
                "DEVPATH": "/devices/platform/i8042/serio1/input/input3/mouse0",
            ], "a mouse node"
        ),
        (
            ["SUBSYSTEM": "input", "DEVPATH": "/devices/platform/i8042/serio0/input/input2"],
            "an input device without a node"
        ),
        (
            [
                "SUBSYSTEM": "usbmisc", "DEVNAME": "/dev/usb/hiddev0",
                "DEVPATH": "/devices/pci0000:00/0000:00:14.0/usb1/1-4/1-4:1.2/usbmisc/hiddev0",
            ],
            "a hiddev node"
        ),
        (
            ["SUBSYSTEM": "block", "DEVNAME": "/dev/sda", "DEVPATH": "/devices/virtual/block/sda"],
            "another subsystem"
        ),
    ])
    func nodesThatAreNotWatched(properties: [String: String], what: String) {
        #expect(UdevProperties(properties: properties).identity() == nil, "\(what)")
    }

    @Test func anInputEventNodeOfAKeyboardWedgeScanner() {
        let properties = UdevProperties(properties: [
            "SUBSYSTEM": "input", "DEVNAME": "/dev/input/event7",
            "DEVPATH": "/devices/pci0000:00/0000:00:14.0/usb1/1-6/1-6:1.0/"
                + "0003:05E0:1200.0009/input/input21/event7",
            "ID_BUS": "usb", "ID_VENDOR_ID": "05e0", "ID_MODEL_ID": "1200",
            "ID_MODEL_ENC": "Symbol\\x20Bar\\x20Code\\x20Scanner",
        ])
        let identity = properties.identity()
        #expect(identity?.node == "/dev/input/event7")
        #expect(identity?.model == "Symbol Bar Code Scanner")
        #expect(identity?.stableKey == "usb:05e0:1200:port=1-6/if0")
    }

    @Test(arguments: [
        (
            "MFG:EPSON;CMD:ESC/POS;MDL:TM-T88V;",
            ["MFG": "EPSON", "CMD": "ESC/POS", "MDL": "TM-T88V"]
        ),
        (
            "MANUFACTURER:Star;COMMAND SET:STAR;MODEL:TSP143;",
            ["MFG": "Star", "CMD": "STAR", "MDL": "TSP143"]
        ),
        (
            "MFG:Citizen;MDL:CT-S310II;CMD:ESC/POS,ZPL",
            [
                "MFG": "Citizen", "MDL": "CT-S310II",
                "CMD": "ESC/POS,ZPL",
            ]
        ),
        ("", [:]),
    ])
    func ieee1284Fields(id: String, fields: [String: String]) {
        #expect(UdevProperties.parseIEEE1284(id) == fields)
    }

    @Test func udevEscapes() {
        #expect(UdevProperties.decodeEscapes("Xenon\\x201900\\x2fg") == "Xenon 1900/g")
        #expect(UdevProperties.decodeEscapes("back\\slash\\x") == "back\\slash\\x")
    }
}
