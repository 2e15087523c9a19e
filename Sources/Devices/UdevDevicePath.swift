/// What a sysfs device path (`DEVPATH`) tells by its shape alone, so that a kernel event,
/// whose properties carry no USB ids, and a remove event, whose sysfs is already gone,
/// still name the device.
///
/// The USB core names a device by its bus and port chain (`1-1.4`: bus 1, port 1, then
/// port 4 of the hub there) and an interface by the device, a colon, the configuration
/// and the interface number (`1-1.4:1.0`); the HID core names a HID device by bus, vendor,
/// product and a sequence number (`0003:0C2E:0B81.0001`, bus 3 being USB; linux/input.h
/// `BUS_USB`).
struct UdevDevicePath: Hashable, Sendable {
    /// The HID device component, when the node hangs below one.
    struct HIDDevice: Hashable, Sendable {
        var bus: UInt16
        var vendor: UInt16
        var product: UInt16
    }

    /// The path's components.
    let components: [Substring]

    init(_ path: String) {
        components = path.split(separator: "/")
    }

    /// The USB port path of the nearest USB device (`1-1.4`).
    var usbPort: String? {
        components.last(where: Self.isUSBDevice).map(String.init)
    }

    /// The interface number of the nearest USB interface (`1-1.4:1.0` gives 0).
    var interfaceNumber: Int? {
        guard let interface = components.last(where: Self.isUSBInterface),
            let colon = interface.firstIndex(of: ":"),
            let dot = interface[colon...].firstIndex(of: ".")
        else { return nil }
        return Int(interface[interface.index(after: dot)...])
    }

    /// The nearest HID device component.
    var hidDevice: HIDDevice? {
        for component in components.reversed() {
            let parts = component.split(separator: ":")
            guard parts.count == 3, parts[0].count == 4, parts[1].count == 4,
                let dot = parts[2].firstIndex(of: "."), parts[2][..<dot].count == 4,
                let bus = UInt16(parts[0], radix: 16), let vendor = UInt16(parts[1], radix: 16),
                let product = UInt16(parts[2][..<dot], radix: 16)
            else { continue }
            return HIDDevice(bus: bus, vendor: vendor, product: product)
        }
        return nil
    }

    /// `1-1.4`: a bus number, a dash, port numbers joined by dots.
    static func isUSBDevice(_ component: Substring) -> Bool {
        let halves = component.split(separator: "-", omittingEmptySubsequences: false)
        guard halves.count == 2, !halves[0].isEmpty, halves[0].allSatisfy(\.isNumber) else {
            return false
        }
        let ports = halves[1].split(separator: ".", omittingEmptySubsequences: false)
        return ports.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }

    /// `1-1.4:1.0`: a USB device, a colon, configuration and interface numbers.
    static func isUSBInterface(_ component: Substring) -> Bool {
        let halves = component.split(separator: ":", omittingEmptySubsequences: false)
        guard halves.count == 2, isUSBDevice(halves[0]) else { return false }
        let numbers = halves[1].split(separator: ".", omittingEmptySubsequences: false)
        return numbers.count == 2 && numbers.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }
}
