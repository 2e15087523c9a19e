import DeviceIO
import Devices
import Foundation

/// A scanner or card reader entry named by match keys: follows a `DeviceSource` and reads
/// every plugged-in device the keys match, each with a reader of its own, with the entry's
/// profile.
///
/// A supermarket lane often has a bioptic scanner and a handheld of one family; both
/// match, and both are read at once. Each device has its own reader, so its own framer or
/// decoder: bytes of one never join a scan of the other. Devices are tracked by
/// `DeviceRegistry.key` (the `stableKey`: USB ids and serial, else the USB port path).
/// When one is unplugged its reader is stopped and its last events delivered before
/// `.departed`; the others go on. When it comes back, perhaps on another node, a new
/// reader opens the new node. A remove for another sysfs path than the one the key has now
/// (a late remove of the old node after the new node's add) is ignored.
///
/// A device is taken only where the profile's `interface` can read it (`serial` a tty,
/// `hidraw` a hidraw node, `evdev` an input node), so one scanner's other interfaces are
/// left alone; a built-in serial port (a tty with no USB parent) is never taken, as
/// nothing identifies what hangs on it.
actor LaneMatchedScanner {
    /// What the follower reports, in order for each device.
    enum Event: Sendable, Equatable {
        /// A matching device was plugged in (or found present); its reader starts on `node`.
        case arrived(key: String, node: String)
        /// What that device's reader reported.
        case reader(key: String, LaneScannerEvent)
        /// The profile cannot drive a reader on its node; the text says why.
        case problem(key: String, String)
        /// It was unplugged from `node`; its reader is stopped and its last scans delivered.
        case departed(key: String, node: String)
    }

    /// Everything the follower reports; ends after `stop()`.
    nonisolated let events: AsyncStream<Event>

    /// One device taken: where it is, and its reader while one runs.
    private struct Device {
        var devicePath: String
        var node: String
        var reader: LaneScannerReader?
        var delivery: Task<Void, Never>?
    }

    private let entry: LaneConfig.DeviceEntry
    private let profile: DeviceProfile
    private let match: ProfileMatch
    private let system: any SystemCalls
    private let continuation: AsyncStream<Event>.Continuation
    private var devices: [String: Device] = [:]
    private var stopped = false

    /// A follower for `entry`, whose `match` must be set, read with `profile`.
    init(
        entry: LaneConfig.DeviceEntry, profile: DeviceProfile, match: ProfileMatch,
        system: any SystemCalls = LinuxSystemCalls()
    ) {
        self.entry = entry
        self.profile = profile
        self.match = match
        self.system = system
        (events, continuation) = AsyncStream<Event>.makeStream()
    }

    /// The keys of the devices taken now, sorted.
    var keys: [String] { devices.keys.sorted() }

    /// Takes the matching devices of what `source` enumerates, then follows its events until
    /// they end; listening starts first, so nothing plugged in meanwhile is missed.
    func follow(_ source: any DeviceSource) async {
        let changes = source.events()
        for event in source.enumerate() { await apply(event) }
        for await event in changes { await apply(event) }
    }

    /// Applies one add or remove.
    func apply(_ event: HotplugEvent) async {
        guard !stopped else { return }
        let key = DeviceRegistry.key(event.identity)
        switch event.action {
        case .add:
            if let known = devices[key] {
                if known.devicePath == event.devicePath, known.node == event.identity.node {
                    return
                }
                // Back before its remove was heard: the old reader goes first.
                await release(key)
            }
            guard Self.takes(event.identity, match: match, profile: profile) else { return }
            await take(event, key: key)
        case .remove:
            guard let known = devices[key] else { return }
            // A late remove of the old node after the new node's add is not this device's.
            if !event.devicePath.isEmpty, !known.devicePath.isEmpty,
                event.devicePath != known.devicePath
            {
                return
            }
            if event.devicePath.isEmpty, event.identity.node != known.node { return }
            await release(key)
        }
    }

    /// Stops every reader and ends `events`; the devices are not reported departed, as
    /// they are still plugged in.
    func stop() async {
        stopped = true
        for key in devices.keys.sorted() {
            if let device = devices[key], let reader = device.reader {
                await reader.stop()
                await device.delivery?.value
            }
        }
        devices = [:]
        continuation.finish()
    }

    /// Whether the lane reads `identity` for an entry with `match` and `profile`: the keys
    /// match, the node is of the kind the profile's interface reads, and it is not a
    /// built-in serial port.
    static func takes(
        _ identity: DeviceIdentity, match: ProfileMatch, profile: DeviceProfile
    ) -> Bool {
        if identity.subsystem == "tty", identity.vendorID == nil { return false }
        let interface = profile.scanner?.interface ?? .serial
        guard identity.subsystem == subsystem(of: interface) else { return false }
        return match.score(identity) != nil
    }

    /// The udev subsystem of the nodes an interface reads.
    static func subsystem(of interface: DeviceProfile.Interface) -> String {
        switch interface {
        case .serial: "tty"
        case .hidraw: "hidraw"
        case .evdev: "input"
        }
    }

    private func take(_ event: HotplugEvent, key: String) async {
        let node = event.identity.node
        var device = Device(devicePath: event.devicePath, node: node)
        continuation.yield(.arrived(key: key, node: node))
        var opened = entry
        opened.port = node
        do {
            let plan = try LaneScannerPlan(entry: opened, profile: profile)
            // Kept, as a scanner named by its port is: a node that cannot be opened yet (a
            // permission udev has still to set) is tried again with backoff while plugged.
            let started = await LaneScannerReader.kept(plan, system: system)
            device.reader = started
            let continuation = continuation
            device.delivery = Task {
                for await readerEvent in started.events {
                    continuation.yield(.reader(key: key, readerEvent))
                }
            }
        } catch {
            continuation.yield(.problem(key: key, "\(node): \(error)"))
        }
        devices[key] = device
    }

    private func release(_ key: String) async {
        guard let device = devices.removeValue(forKey: key) else { return }
        if let reader = device.reader {
            await reader.stop()
            await device.delivery?.value
        }
        continuation.yield(.departed(key: key, node: device.node))
    }
}
