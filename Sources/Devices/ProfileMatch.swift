import Foundation

/// The keys a device profile matches plugged-in devices by (`"match"` in a profile).
///
/// Every key given must match; a profile with more, and more precise, keys is more
/// specific. `score(_:)` says how specific the match is, or nil when the device does not
/// match, so the most specific profile wins: a vendor and product id pair counts most,
/// then a vendor with a model string, an IEEE 1284 model, a HID usage page, a subsystem.
public struct ProfileMatch: Sendable, Equatable {
    /// A USB id; `product` nil means any product of the vendor.
    public struct USBID: Sendable, Hashable {
        public var vendor: UInt16
        public var product: UInt16?
        public init(vendor: UInt16, product: UInt16? = nil) {
            self.vendor = vendor
            self.product = product
        }
    }

    /// Any of these ids matches.
    public var usb: [USBID]
    /// Any of these, found case-insensitively in the device's model (product) string.
    public var models: [String]
    /// The node's HID usage page must be this one (`0x8C` for HID POS scanners).
    public var usagePage: UInt16?
    /// Every field given must equal the printer's IEEE 1284 field, case-insensitively
    /// (`MFG`, `MDL`, `CMD`: for CMD, the device's list must contain the value).
    public var ieee1284: [String: String]
    /// The node's kernel subsystem must be one of these (`tty`, `hidraw`, `input`,
    /// `usbmisc`).
    public var subsystems: [String]

    public init(
        usb: [USBID] = [], models: [String] = [], usagePage: UInt16? = nil,
        ieee1284: [String: String] = [:], subsystems: [String] = []
    ) {
        self.usb = usb
        self.models = models
        self.usagePage = usagePage
        self.ieee1284 = ieee1284
        self.subsystems = subsystems
    }

    /// How specific this match is for `device`, or nil when it does not match.
    public func score(_ device: DeviceIdentity) -> Int? {
        var score = 0
        if !subsystems.isEmpty {
            guard subsystems.contains(device.subsystem) else { return nil }
            score += 1
        }
        if !usb.isEmpty {
            guard let vendor = device.vendorID,
                let hit = usb.first(where: {
                    $0.vendor == vendor && ($0.product == nil || $0.product == device.productID)
                })
            else { return nil }
            score += hit.product == nil ? 20 : 100
        }
        if !models.isEmpty {
            guard let model = device.model?.lowercased(),
                models.contains(where: { model.contains($0.lowercased()) })
            else { return nil }
            score += 30
        }
        if let usagePage {
            guard device.usagePages.contains(usagePage) else { return nil }
            score += 10
        }
        for (key, wanted) in ieee1284 {
            guard let have = device.ieee1284[key.uppercased()] else { return nil }
            if key.uppercased() == "CMD" {
                let commands = have.split(separator: ",").map {
                    $0.trimmingCharacters(in: .whitespaces).lowercased()
                }
                guard commands.contains(wanted.lowercased()) else { return nil }
            } else {
                guard have.caseInsensitiveCompare(wanted) == .orderedSame else { return nil }
            }
            score += key.uppercased() == "MDL" ? 40 : 10
        }
        return score
    }
}
