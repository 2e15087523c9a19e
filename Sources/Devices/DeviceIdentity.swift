import Foundation

/// What lanegate knows about one plugged-in device node, as udev (or a recording of it)
/// describes it: enough to pick its profile and to recognize it after a replug.
public struct DeviceIdentity: Sendable, Hashable {
    /// The kernel subsystem of the node: `tty`, `hidraw`, `input`, `usbmisc`.
    public var subsystem: String
    /// The device node, e.g. `/dev/ttyACM0`, `/dev/hidraw2`, `/dev/input/event5`,
    /// `/dev/usb/lp0`.
    public var node: String
    /// The USB vendor and product ids of the USB device the node belongs to, if it is one.
    public var vendorID: UInt16?
    public var productID: UInt16?
    /// The USB serial number string, when the device has one.
    public var serialNumber: String?
    /// The manufacturer and product strings (`ID_VENDOR`, `ID_MODEL` or the USB strings).
    public var manufacturer: String?
    public var model: String?
    /// The USB interface number of the node (`bInterfaceNumber`), e.g. 0 or 1.
    public var interfaceNumber: Int?
    /// The physical USB port path, e.g. `1-1.4`: stable while the device stays in that port.
    public var portPath: String?
    /// Links udev made to the node, e.g. `/dev/serial/by-id/usb-Honeywell_…-if00`.
    public var links: [String]
    /// HID usage pages of the node's top-level collections (hidraw), e.g. `0x8C`.
    public var usagePages: [UInt16]
    /// A printer's IEEE 1284 device id fields (`MFG`, `MDL`, `CMD`, …), from usblp.
    public var ieee1284: [String: String]

    public init(
        subsystem: String, node: String, vendorID: UInt16? = nil, productID: UInt16? = nil,
        serialNumber: String? = nil, manufacturer: String? = nil, model: String? = nil,
        interfaceNumber: Int? = nil, portPath: String? = nil, links: [String] = [],
        usagePages: [UInt16] = [], ieee1284: [String: String] = [:]
    ) {
        self.subsystem = subsystem
        self.node = node
        self.vendorID = vendorID
        self.productID = productID
        self.serialNumber = serialNumber
        self.manufacturer = manufacturer
        self.model = model
        self.interfaceNumber = interfaceNumber
        self.portPath = portPath
        self.links = links
        self.usagePages = usagePages
        self.ieee1284 = ieee1284
    }

    /// The key that names this device across replugs and reboots: vendor, product and
    /// serial number when it has one, else vendor, product and the USB port path; the
    /// interface number tells a device's nodes apart. Nil for a node with no USB parent
    /// (a built-in serial port), which is named by its node alone.
    public var stableKey: String? {
        guard let vendorID, let productID else { return nil }
        let device = String(format: "%04x:%04x", vendorID, productID)
        let interface = interfaceNumber.map { "/if\($0)" } ?? ""
        if let serialNumber, !serialNumber.isEmpty {
            return "usb:\(device):serial=\(serialNumber)\(interface)"
        }
        if let portPath { return "usb:\(device):port=\(portPath)\(interface)" }
        return nil
    }
}
