/// Plays a `kind: udev` recording (docs/recordings.md) as a `DeviceSource`: each `add` or
/// `remove` block becomes a `HotplugEvent`, its properties mapped by
/// `UdevProperties.identity()` exactly as the live source maps libudev's.
///
/// Events come in recorded order, as fast as they are consumed: the recording's time
/// stamps are kept in `times` but not waited for, since no reader's idle gap depends on
/// them. A remove that carries no ids (the kernel's own remove event) is given the
/// identity the add of the same device path had.
public struct RecordedDeviceSource: DeviceSource {
    /// The events, in order.
    public let recorded: [HotplugEvent]
    /// When each of `recorded` happened, in seconds since the first event.
    public let times: [Duration]
    /// The nodes present before the recording started.
    public let present: [HotplugEvent]

    /// The events of `recording`; throws when it is not a udev recording.
    public init(recording: Recording, present: [HotplugEvent] = []) throws(RecordingError) {
        guard recording.kind == .udev else {
            throw RecordingError(
                file: recording.file, line: 0,
                problem: "a \(recording.kind.rawValue) recording is not a udev recording "
                    + "(valid: kind: udev, with add and remove blocks)")
        }
        var events: [HotplugEvent] = []
        var times: [Duration] = []
        var added: [String: DeviceIdentity] = [:]
        for event in recording.events {
            guard case .udev(let change) = event.action else { continue }
            var properties = UdevProperties(recorded: change.properties)
            if properties.properties["DEVPATH"] == nil {
                properties.properties["DEVPATH"] = change.path
            }
            if properties.properties["SUBSYSTEM"] == nil, let subsystem = change.subsystem {
                properties.properties["SUBSYSTEM"] = subsystem
            }
            var hotplug = HotplugEvent(
                action: change.action, devicePath: change.path, properties: properties)
            if change.action == "remove", let known = added[change.path] {
                if hotplug == nil || hotplug?.identity.stableKey == nil {
                    hotplug = HotplugEvent(
                        action: .remove, devicePath: change.path, identity: known)
                }
            }
            guard let hotplug else { continue }
            if hotplug.action == .add { added[change.path] = hotplug.identity }
            events.append(hotplug)
            times.append(event.time)
        }
        self.recorded = events
        self.times = times
        self.present = present
    }

    /// Events given directly, for tests that build them.
    public init(events: [HotplugEvent], present: [HotplugEvent] = []) {
        self.recorded = events
        self.times = events.map { _ in .zero }
        self.present = present
    }

    /// The nodes present before the recording started (none unless given).
    public func enumerate() -> [HotplugEvent] {
        present
    }

    /// The recorded events, then the end of the stream.
    public func events() -> AsyncStream<HotplugEvent> {
        let (stream, continuation) = AsyncStream<HotplugEvent>.makeStream()
        for event in recorded { continuation.yield(event) }
        continuation.finish()
        return stream
    }
}
