import DeviceIO

/// Decides which reader, if any, the `DeviceRegistry` starts on a plugged-in node.
public struct HotplugReaderFactory: Sendable {
    /// The reader for a device and its binding, or nil to list the device without opening
    /// it.
    public let make: @Sendable (DeviceIdentity, ProfileBinder.Binding) -> (any HotplugReader)?

    /// A factory from a closure.
    public init(
        make: @escaping @Sendable (DeviceIdentity, ProfileBinder.Binding) -> (any HotplugReader)?
    ) {
        self.make = make
    }

    /// Opens nothing: for `lanegate devices watch`, which must not take a device from the
    /// lane that owns it.
    public static let none = HotplugReaderFactory { _, _ in nil }

    /// The lane's rule, with `system` for every reader:
    /// - a USB tty: a `SerialScanner` on the node (it reads, it never writes);
    /// - a hidraw node whose descriptor has a HID POS collection (usage page 0x8C), or that
    ///   a scanner profile matched: a `HIDRawReader`;
    /// - an input node only when a scanner profile matched it: an `EvdevReader` grabs the
    ///   device, and grabbing the lane's keyboard would take it from the cashier;
    /// - nothing for a printer (`usbmisc`: the print queue opens it) or a built-in serial
    ///   port (nothing identified; only a person naming it opens it).
    public static func standard(
        serial: SerialOptions = SerialOptions(), framing: ScannerFraming = .standard,
        backoff: SerialScanner.Backoff = SerialScanner.Backoff(),
        wedge: KeyboardWedgeSettings? = try? KeyboardWedgeSettings(layout: .named("us")),
        system: any SystemCalls = LinuxSystemCalls()
    ) -> HotplugReaderFactory {
        HotplugReaderFactory { device, binding in
            if binding.isBuiltInSerialPort { return nil }
            switch device.subsystem {
            case "tty" where device.vendorID != nil:
                return SerialScanner(
                    path: device.node, options: serial, framing: framing, backoff: backoff,
                    system: system)
            case "hidraw"
            where device.usagePages.contains(HIDUsage.barcodeScannerPage)
                || binding.profile != nil:
                return HIDRawReader(path: device.node, system: system)
            case "input" where binding.profile != nil:
                guard let wedge else { return nil }
                return EvdevReader(path: device.node, settings: wedge, system: system)
            default:
                return nil
            }
        }
    }
}
