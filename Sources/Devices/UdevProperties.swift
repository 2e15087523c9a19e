import Foundation

/// What udev says about one device node: its properties (`KEY=value`, as
/// `udevadm monitor --udev --property` prints them) and the sysfs attributes lanegate read
/// from the node's USB parents, turned into a `DeviceIdentity` by one function for the live
/// source and for recordings alike.
///
/// With a udev daemon, the properties carry what udev's `usb_id` builtin found
/// (`ID_VENDOR_ID`, `ID_MODEL_ID`, `ID_SERIAL_SHORT`, `ID_USB_INTERFACE_NUM`, `DEVLINKS`).
/// Without one (kernel events, or sysfs read by `udev_enumerate`), only the kernel's uevent
/// keys are there (`DEVNAME=ttyACM0`, `DEVPATH`, `SUBSYSTEM`), and the identity comes from
/// the attributes (`idVendor`, `idProduct`, `serial`, `manufacturer`, `product`,
/// `bInterfaceNumber`) and from the device path itself. A recording writes an attribute as
/// a property line named the way udev rules name it: `ATTRS{ieee1284_id}=MFG:EPSON;…`,
/// `ATTRS{report_descriptor}=05 8C 09 02 …` (hex).
public struct UdevProperties: Sendable, Hashable {
    /// The udev (or kernel uevent) properties.
    public var properties: [String: String]
    /// Sysfs attributes of the node and its parents, by attribute name.
    public var attributes: [String: String]

    /// Properties and attributes as given.
    public init(properties: [String: String], attributes: [String: String] = [:]) {
        self.properties = properties
        self.attributes = attributes
    }

    /// Splits a recording's property lines: `ATTRS{name}=value` lines are attributes, the
    /// rest properties.
    public init(recorded: [String: String]) {
        var properties: [String: String] = [:]
        var attributes: [String: String] = [:]
        for (key, value) in recorded {
            if key.hasPrefix("ATTRS{"), key.hasSuffix("}") {
                attributes[String(key.dropFirst(6).dropLast())] = value
            } else {
                properties[key] = value
            }
        }
        self.init(properties: properties, attributes: attributes)
    }

    /// The subsystems lanegate watches: serial ports, HID raw nodes, input event nodes and
    /// USB printers (`usblp` registers its `lp` nodes in `usbmisc`).
    public static let subsystems = ["tty", "hidraw", "input", "usbmisc"]

    /// `SUBSYSTEM`.
    public var subsystem: String? { properties["SUBSYSTEM"] }
    /// `DEVPATH`, the sysfs path below `/sys`.
    public var devicePath: String? { properties["DEVPATH"] }

    /// The node, absolute: udev gives `DEVNAME=/dev/ttyACM0`, the kernel `DEVNAME=ttyACM0`.
    public var node: String? {
        guard let name = properties["DEVNAME"], !name.isEmpty else { return nil }
        return name.hasPrefix("/") ? name : "/dev/" + name
    }

    /// Whether this is a node lanegate cares about: a watched subsystem, a node, an input
    /// *event* node (not `mouse0` or `js0`), a `usbmisc` *printer* node (not `hiddev0`),
    /// and a tty that is real hardware: not a virtual console or pseudo-terminal
    /// (`/devices/virtual/…`) and not one of the 8250 driver's placeholder ports with no
    /// UART behind them (sysfs `type` 0, `PORT_UNKNOWN` in linux/serial_core.h).
    public var isWatchedNode: Bool {
        guard let subsystem, Self.subsystems.contains(subsystem), let node else {
            return false
        }
        switch subsystem {
        case "input": return node.hasPrefix("/dev/input/event")
        case "usbmisc": return node.hasPrefix("/dev/usb/lp")
        case "tty":
            if devicePath?.hasPrefix("/devices/virtual/") ?? false { return false }
            return attributes["type"] != "0"
        default: return true
        }
    }

    /// The identity, or nil when this is not a node lanegate watches (`isWatchedNode`).
    public func identity() -> DeviceIdentity? {
        guard isWatchedNode, let subsystem, let node else { return nil }
        let path = UdevDevicePath(devicePath ?? "")
        let hid = path.hidDevice
        let isUSB = properties["ID_BUS"] == "usb" || path.usbPort != nil
        var vendor = hexID(properties["ID_VENDOR_ID"] ?? attributes["idVendor"])
        var product = hexID(properties["ID_MODEL_ID"] ?? attributes["idProduct"])
        if vendor == nil, let hid, hid.bus == 0x0003 {
            vendor = hid.vendor
            product = hid.product
        }
        if !isUSB && vendor == nil { product = nil }
        var ieee1284: [String: String] = [:]
        if let id = attributes["ieee1284_id"] { ieee1284 = Self.parseIEEE1284(id) }
        return DeviceIdentity(
            subsystem: subsystem, node: node, vendorID: vendor, productID: product,
            serialNumber: nonEmpty(properties["ID_SERIAL_SHORT"] ?? attributes["serial"]),
            manufacturer: text(
                encoded: "ID_VENDOR_ENC", attribute: "manufacturer",
                plain: "ID_VENDOR") ?? ieee1284["MFG"],
            model: text(encoded: "ID_MODEL_ENC", attribute: "product", plain: "ID_MODEL")
                ?? ieee1284["MDL"],
            interfaceNumber: hexID(
                properties["ID_USB_INTERFACE_NUM"]
                    ?? attributes["bInterfaceNumber"]
            ).map(Int.init) ?? path.interfaceNumber,
            portPath: path.usbPort,
            links: (properties["DEVLINKS"] ?? "").split(separator: " ").map(String.init),
            usagePages: usagePages(), ieee1284: ieee1284)
    }

    /// The usage pages of the top-level collections in `ATTRS{report_descriptor}` (hex),
    /// in descriptor order, each once; none when it is absent or cannot be parsed.
    private func usagePages() -> [UInt16] {
        guard let hex = attributes["report_descriptor"], let bytes = Self.hexBytes(hex),
            let descriptor = try? HIDReportDescriptor(parsing: bytes)
        else { return [] }
        var pages: [UInt16] = []
        for collection in descriptor.collections where !pages.contains(collection.usage.page) {
            pages.append(collection.usage.page)
        }
        return pages
    }

    /// A USB string: udev's `\x20`-escaped `_ENC` form decoded, else the sysfs attribute,
    /// else udev's plain form (whose spaces udev turned into `_`).
    private func text(encoded: String, attribute: String, plain: String) -> String? {
        if let value = properties[encoded] { return nonEmpty(Self.decodeEscapes(value)) }
        if let value = attributes[attribute] { return nonEmpty(value) }
        return nonEmpty(properties[plain]?.replacingOccurrences(of: "_", with: " "))
    }

    private func nonEmpty(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            return nil
        }
        return text
    }

    private func hexID(_ text: String?) -> UInt16? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            return nil
        }
        return UInt16(text, radix: 16)
    }

    /// Decodes udev's `\xHH` escapes (as in `ID_MODEL_ENC=Xenon\x201900`), bytes as UTF-8.
    public static func decodeEscapes(_ text: String) -> String {
        var bytes: [UInt8] = []
        let utf8 = Array(text.utf8)
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "\\"), index + 3 < utf8.count,
                utf8[index + 1] == UInt8(ascii: "x"),
                let byte = UInt8(
                    String(decoding: utf8[(index + 2)...(index + 3)], as: UTF8.self),
                    radix: 16)
            {
                bytes.append(byte)
                index += 4
            } else {
                bytes.append(utf8[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Hex bytes, spaced or not (`05 8C 09 02` or `058c0902`); nil when it is not hex.
    public static func hexBytes(_ text: String) -> [UInt8]? {
        let digits = text.filter { !$0.isWhitespace }
        guard digits.count.isMultiple(of: 2), digits.allSatisfy(\.isHexDigit) else { return nil }
        var bytes: [UInt8] = []
        var index = digits.startIndex
        while index < digits.endIndex {
            let next = digits.index(index, offsetBy: 2)
            bytes.append(UInt8(digits[index..<next], radix: 16)!)
            index = next
        }
        return bytes
    }

    /// Splits an IEEE 1284 device id (`MFG:EPSON;CMD:ESC/POS;MDL:TM-T88V;`) into its fields,
    /// keys upper-cased, the long key names of IEEE 1284-2000 section 7.6 (`MANUFACTURER`,
    /// `MODEL`, `COMMAND SET`) folded into the short ones. A leading two-byte length, as
    /// the `IOCNR_GET_DEVICE_ID` ioctl returns it, is not part of the usblp attribute.
    public static func parseIEEE1284(_ text: String) -> [String: String] {
        let longNames = ["MANUFACTURER": "MFG", "MODEL": "MDL", "COMMAND SET": "CMD"]
        var fields: [String: String] = [:]
        for field in text.split(separator: ";") {
            guard let colon = field.firstIndex(of: ":") else { continue }
            var key = field[..<colon].trimmingCharacters(in: .whitespaces).uppercased()
            key = longNames[key] ?? key
            let value = field[field.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty, fields[key] == nil else { continue }
            fields[key] = value
        }
        return fields
    }
}
