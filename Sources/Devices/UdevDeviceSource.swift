import CUdev
import Dispatch
import Foundation
import Glibc

/// The devices of this machine, through libudev: `udev_enumerate` for what is plugged in,
/// a `udev_monitor` for what comes and goes.
///
/// Enumeration reads sysfs (libudev scans `/sys/class/*` itself), so it works with or
/// without a udev daemon; the daemon only adds its database's properties (by-id links,
/// `ID_*` keys). For each node the source also reads, from sysfs, the attributes of the
/// node's USB device and interface (`idVendor`, `idProduct`, `serial`, `manufacturer`,
/// `product`, `bInterfaceNumber`), a HID node's report descriptor
/// (`<syspath>/device/report_descriptor`) and a usblp printer's `ieee1284_id`, and hands
/// everything to `UdevProperties.identity()`.
///
/// The monitor listens on the "udev" netlink group when a daemon runs (`/run/udev/control`
/// exists): its events come after the rules ran, so the node exists with its permissions
/// and links. With no daemon nobody rebroadcasts on that group, so the source listens on
/// the "kernel" group instead: the kernel's own uevents, which carry only `DEVPATH`,
/// `DEVNAME` and `SUBSYSTEM`, so the attributes are read from sysfs as for enumeration (on
/// a remove they are gone; the identity then comes from the add of the same path).
public final class UdevDeviceSource: DeviceSource, @unchecked Sendable {
    // `@unchecked Sendable`: the only state, `known`, is guarded by `lock`; every libudev
    // object is created, used and freed inside one call or on one monitor's queue.
    private let lock = NSLock()
    private var known: [String: DeviceIdentity] = [:]
    private let daemonSocket: String

    /// A source of this machine's devices; `daemonSocket` is where a running udev daemon
    /// has its control socket.
    public init(daemonSocket: String = "/run/udev/control") {
        self.daemonSocket = daemonSocket
    }

    /// Whether a udev daemon runs, judged by its control socket.
    public var daemonRuns: Bool {
        access(daemonSocket, F_OK) == 0
    }

    /// The netlink group the monitor listens on: `udev` with a daemon, else `kernel`.
    public var monitorGroup: String {
        daemonRuns ? "udev" : "kernel"
    }

    /// The watched nodes present now, sorted by node.
    public func enumerate() -> [HotplugEvent] {
        guard let udev = udev_new() else { return [] }
        defer { udev_unref(udev) }
        guard let enumerate = udev_enumerate_new(udev) else { return [] }
        defer { udev_enumerate_unref(enumerate) }
        for subsystem in UdevProperties.subsystems {
            udev_enumerate_add_match_subsystem(enumerate, subsystem)
        }
        udev_enumerate_scan_devices(enumerate)

        var found: [HotplugEvent] = []
        var entry = udev_enumerate_get_list_entry(enumerate)
        while let current = entry {
            defer { entry = udev_list_entry_get_next(current) }
            guard let syspath = udev_list_entry_get_name(current),
                let device = udev_device_new_from_syspath(udev, syspath)
            else { continue }
            defer { udev_device_unref(device) }
            let properties = Self.properties(of: device, readAttributes: true)
            guard
                let event = HotplugEvent(
                    action: "add", devicePath: properties.devicePath ?? "", properties: properties)
            else { continue }
            found.append(event)
        }
        lock.withLock {
            for event in found { known[event.devicePath] = event.identity }
        }
        return found.sorted { $0.identity.node < $1.identity.node }
    }

    /// Adds and removes as the monitor receives them; ends at once (empty) when the monitor
    /// cannot be set up, for instance where netlink is not allowed.
    public func events() -> AsyncStream<HotplugEvent> {
        let (stream, continuation) = AsyncStream<HotplugEvent>.makeStream()
        guard let monitor = UdevMonitor(group: monitorGroup) else {
            continuation.finish()
            return stream
        }
        monitor.start { [weak self] device in
            guard let self else { return }
            let action = udev_device_get_action(device).map { String(cString: $0) } ?? ""
            let properties = Self.properties(of: device, readAttributes: action == "add")
            let path = properties.devicePath ?? ""
            if let event = self.event(action: action, path: path, properties: properties) {
                continuation.yield(event)
            }
        }
        continuation.onTermination = { _ in monitor.cancel() }
        return stream
    }

    /// The event for one received device, remembering adds so that removes name them.
    private func event(
        action: String, path: String, properties: UdevProperties
    ) -> HotplugEvent? {
        let mapped = HotplugEvent(action: action, devicePath: path, properties: properties)
        return lock.withLock {
            switch mapped?.action {
            case .add?:
                known[path] = mapped?.identity
                return mapped
            case .remove?:
                let before = known.removeValue(forKey: path)
                if let before, mapped?.identity.stableKey == nil {
                    return HotplugEvent(action: .remove, devicePath: path, identity: before)
                }
                return mapped
            case nil:
                // A remove whose properties name no watched node (the kernel's remove of a
                // tty carries DEVNAME, but a hidraw's may not) still ends a known device.
                guard action == "remove", let before = known.removeValue(forKey: path) else {
                    return nil
                }
                return HotplugEvent(action: .remove, devicePath: path, identity: before)
            }
        }
    }

    // MARK: Reading one device

    /// The properties libudev has for `device` and, when `readAttributes`, the sysfs
    /// attributes of its USB parents, its report descriptor and its IEEE 1284 id.
    static func properties(
        of device: OpaquePointer, readAttributes: Bool
    ) -> UdevProperties {
        var properties: [String: String] = [:]
        var entry = udev_device_get_properties_list_entry(device)
        while let current = entry {
            if let name = udev_list_entry_get_name(current) {
                let value = udev_list_entry_get_value(current).map { String(cString: $0) }
                properties[String(cString: name)] = value ?? ""
            }
            entry = udev_list_entry_get_next(current)
        }
        // `udev_device_new_from_syspath` without a daemon gives the uevent file's keys;
        // these three libudev knows in any case.
        if properties["DEVPATH"] == nil, let path = udev_device_get_devpath(device) {
            properties["DEVPATH"] = String(cString: path)
        }
        if properties["SUBSYSTEM"] == nil, let subsystem = udev_device_get_subsystem(device) {
            properties["SUBSYSTEM"] = String(cString: subsystem)
        }
        if properties["DEVNAME"] == nil, let node = udev_device_get_devnode(device) {
            properties["DEVNAME"] = String(cString: node)
        }
        guard readAttributes else { return UdevProperties(properties: properties) }
        return UdevProperties(properties: properties, attributes: attributes(of: device))
    }

    /// `udev_device_get_sysattr_value` of the USB device and interface above `device`, plus
    /// the node's own `type` (tty) and the files libudev cannot read as strings.
    static func attributes(of device: OpaquePointer) -> [String: String] {
        var attributes: [String: String] = [:]
        func read(_ owner: OpaquePointer?, _ names: [String]) {
            guard let owner else { return }
            for name in names {
                if let value = udev_device_get_sysattr_value(owner, name) {
                    attributes[name] = String(cString: value)
                }
            }
        }
        // Parents returned by libudev belong to the child; they are not unreferenced.
        read(
            udev_device_get_parent_with_subsystem_devtype(device, "usb", "usb_device"),
            ["idVendor", "idProduct", "serial", "manufacturer", "product"])
        let interface = udev_device_get_parent_with_subsystem_devtype(
            device, "usb", "usb_interface")
        read(interface, ["bInterfaceNumber", "ieee1284_id"])
        if udev_device_get_subsystem(device).map({ String(cString: $0) }) == "tty" {
            read(device, ["type"])
        }
        // The report descriptor is binary (a 0 byte ends a C string), so it is read as a
        // file: sysfs `report_descriptor` of the HID device (Documentation/hid/hidraw.rst).
        if let syspath = udev_device_get_syspath(device) {
            let file = String(cString: syspath) + "/device/report_descriptor"
            if let data = FileManager.default.contents(atPath: file), !data.isEmpty {
                attributes["report_descriptor"] = data.map { hexByte($0) }.joined(separator: " ")
            }
        }
        return attributes
    }

    private static func hexByte(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
