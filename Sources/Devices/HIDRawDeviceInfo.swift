/// What `HIDIOCGRAWINFO` says about the device behind a hidraw node (`struct
/// hidraw_devinfo` in linux/hidraw.h: `__u32 bustype; __s16 vendor; __s16 product`).
public struct HIDRawDeviceInfo: Hashable, Sendable, CustomStringConvertible {
    /// The bus, `BUS_USB` (3) for a USB device (linux/input.h).
    public var bus: UInt32
    /// The USB vendor ID.
    public var vendor: UInt16
    /// The USB product ID.
    public var product: UInt16

    /// Device info with these IDs.
    public init(bus: UInt32, vendor: UInt16, product: UInt16) {
        self.bus = bus
        self.vendor = vendor
        self.product = product
    }

    /// The info in the 8 bytes `HIDIOCGRAWINFO` fills, little-endian as on x86_64 and arm64.
    init?(rawInfo bytes: [UInt8]) {
        guard bytes.count >= 8 else { return nil }
        bus =
            UInt32(bytes[0]) | UInt32(bytes[1]) << 8 | UInt32(bytes[2]) << 16
            | UInt32(bytes[3]) << 24
        vendor = UInt16(bytes[4]) | UInt16(bytes[5]) << 8
        product = UInt16(bytes[6]) | UInt16(bytes[7]) << 8
    }

    /// `usb 0C2E:0B8F`, as `lsusb` writes the IDs.
    public var description: String {
        let bus = self.bus == 3 ? "usb" : "bus \(self.bus)"
        return "\(bus) \(HIDUsage.hex(vendor, width: 4)):\(HIDUsage.hex(product, width: 4))"
    }
}
