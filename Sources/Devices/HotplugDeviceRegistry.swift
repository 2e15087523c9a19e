/// The devices plugged in now, each bound to its profile and, when it is a scanner, read:
/// follows a `DeviceSource`'s adds and removes and reports everything on `events`.
///
/// Devices are keyed by `DeviceIdentity.stableKey` (vendor, product and serial, else the
/// USB port path), a built-in port by its node. On an add the device is bound
/// (`ProfileBinder`) and the factory's reader started; on a remove the reader is stopped,
/// which closes its descriptor, and its last scans are delivered, before `.removed` is
/// reported. A device that comes back (same key, perhaps another node) gets a new reader,
/// so nothing read before the unplug can join a scan after it. A remove for another
/// device path than the one the key has now (a late remove of the old node after the new
/// node's add) is ignored, so it cannot take the returned device away.
///
/// `apply(_:)` calls must not overlap; `follow(_:)` makes them in order.
public actor DeviceRegistry {
    /// What the registry reports.
    public enum Event: Sendable, Hashable {
        /// A device was plugged in (or found present).
        case added(DeviceIdentity)
        /// It was bound to a profile, or to nothing, and why.
        case bound(DeviceIdentity, ProfileBinder.Binding)
        /// Its reader opened the node.
        case opened(DeviceIdentity, node: String)
        /// One scan from it.
        case scan(DeviceIdentity, [UInt8])
        /// Its reader lost or closed the node; the text says why.
        case closed(DeviceIdentity, String)
        /// Something went wrong with it: a reader that could not start, a dropped message.
        case problem(DeviceIdentity, String)
        /// It was unplugged; its reader is stopped and its descriptor closed.
        case removed(DeviceIdentity)
    }

    /// What the registry does with a device.
    public enum State: Sendable, Hashable {
        /// A reader has it.
        case reading
        /// Listed, not opened; the text says why.
        case listed(String)
        /// Its reader could not start; the text says why.
        case failed(String)
    }

    /// One device present now.
    public struct Device: Sendable, Hashable {
        /// The device.
        public var identity: DeviceIdentity
        /// Its sysfs path.
        public var devicePath: String
        /// Its profile and why.
        public var binding: ProfileBinder.Binding
        /// What the registry does with it.
        public var state: State
    }

    private struct Entry {
        var device: Device
        var reader: (any HotplugReader)?
        var delivery: Task<Void, Never>?
    }

    /// Everything the registry reports, in order; ends after `stop()`.
    public nonisolated let events: AsyncStream<Event>

    private let binder: ProfileBinder
    private let readers: HotplugReaderFactory
    private let continuation: AsyncStream<Event>.Continuation
    private var entries: [String: Entry] = [:]

    /// A registry binding with `binder` and starting readers from `readers`.
    public init(binder: ProfileBinder, readers: HotplugReaderFactory = .standard()) {
        self.binder = binder
        self.readers = readers
        (events, continuation) = AsyncStream<Event>.makeStream()
    }

    /// The key a device is tracked by.
    public nonisolated static func key(_ identity: DeviceIdentity) -> String {
        identity.stableKey ?? "node:\(identity.node)"
    }

    /// The devices present now, sorted by node.
    public func devices() -> [Device] {
        entries.values.map(\.device).sorted { $0.identity.node < $1.identity.node }
    }

    /// Adds what `source` enumerates, then follows its events until they end.
    public func follow(_ source: any DeviceSource) async {
        // Listening starts first so that nothing plugged in during the enumeration is
        // missed; a device both enumerated and then announced is added once.
        let changes = source.events()
        for event in source.enumerate() {
            await apply(event)
        }
        for await event in changes {
            await apply(event)
        }
    }

    /// Applies one add or remove.
    public func apply(_ event: HotplugEvent) async {
        switch event.action {
        case .add: await add(event)
        case .remove: await remove(event)
        }
    }

    /// Stops every reader and ends `events`; the devices are not reported `.removed`, as
    /// they are still plugged in.
    public func stop() async {
        for key in entries.keys.sorted() {
            await detach(key, announce: false)
        }
        continuation.finish()
    }

    private func add(_ event: HotplugEvent) async {
        let identity = event.identity
        let key = Self.key(identity)
        if let known = entries[key]?.device, known.devicePath == event.devicePath,
            known.identity == identity
        {
            return
        }
        if entries[key] != nil {
            // Back before its remove was heard: the old reader goes first.
            await detach(key)
        }
        let binding = binder.bind(identity)
        continuation.yield(.added(identity))
        continuation.yield(.bound(identity, binding))

        var entry = Entry(
            device: Device(
                identity: identity, devicePath: event.devicePath, binding: binding,
                state: .listed(Self.whyNotOpened(identity, binding))))
        if let reader = readers.make(identity, binding) {
            do {
                try await reader.startReading()
                let continuation = continuation
                entry.reader = reader
                entry.device.state = .reading
                entry.delivery = Task {
                    await reader.deliverEvents { event in
                        continuation.yield(Self.event(event, of: identity))
                    }
                }
            } catch {
                entry.device.state = .failed("\(error)")
                continuation.yield(.problem(identity, "\(error)"))
            }
        }
        entries[key] = entry
    }

    private func remove(_ event: HotplugEvent) async {
        let key = Self.key(event.identity)
        guard let entry = entries[key] else { return }
        let current = entry.device
        if !event.devicePath.isEmpty, !current.devicePath.isEmpty,
            event.devicePath != current.devicePath
        {
            return
        }
        if event.devicePath.isEmpty, event.identity.node != current.identity.node {
            return
        }
        await detach(key)
    }

    /// Stops the key's reader, delivers what it still had, forgets it, and (when
    /// `announce`) says `.removed`.
    private func detach(_ key: String, announce: Bool = true) async {
        guard let entry = entries.removeValue(forKey: key) else { return }
        if let reader = entry.reader {
            await reader.stopReading()
            await entry.delivery?.value
        }
        if announce { continuation.yield(.removed(entry.device.identity)) }
    }

    private static func event(
        _ event: HotplugReaderEvent, of identity: DeviceIdentity
    ) -> Event {
        switch event {
        case .opened(let node): return .opened(identity, node: node)
        case .scan(let bytes): return .scan(identity, bytes)
        case .closed(let why): return .closed(identity, why)
        case .problem(let why): return .problem(identity, why)
        }
    }

    private static func whyNotOpened(
        _ identity: DeviceIdentity, _ binding: ProfileBinder.Binding
    ) -> String {
        if binding.isBuiltInSerialPort { return "never opened unless probed by name" }
        switch identity.subsystem {
        case "usbmisc": return "a printer: opened by the print queue"
        case "input": return "not grabbed: no scanner profile matches this input device"
        case "hidraw": return "not read: no HID POS collection and no scanner profile"
        default: return "not opened"
        }
    }
}
