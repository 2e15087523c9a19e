/// A device node coming or going, as a `DeviceSource` reports it.
public struct HotplugEvent: Sendable, Hashable {
    /// What happened.
    public enum Action: String, Sendable, Hashable {
        /// The node appeared (plugged in, or present when enumerated).
        case add
        /// The node went away (unplugged).
        case remove
    }

    /// What happened.
    public var action: Action
    /// The sysfs device path (`/devices/pci0000:00/…/tty/ttyACM0`), which names the node's
    /// place until it goes; empty when the source does not know it.
    public var devicePath: String
    /// The device. On a remove, what the source knew of it when it was added.
    public var identity: DeviceIdentity

    /// An event as given.
    public init(action: Action, devicePath: String, identity: DeviceIdentity) {
        self.action = action
        self.devicePath = devicePath
        self.identity = identity
    }

    /// The event a recorded or live udev change stands for: nil for an action other than
    /// add or remove, or for a node lanegate does not watch (`UdevProperties.identity()`).
    public init?(action: String, devicePath: String, properties: UdevProperties) {
        guard let action = Action(rawValue: action), let identity = properties.identity()
        else { return nil }
        self.init(action: action, devicePath: devicePath, identity: identity)
    }
}
