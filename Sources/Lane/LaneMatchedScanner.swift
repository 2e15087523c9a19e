import DeviceIO
import Devices
import Foundation

/// A scanner or card reader named by match keys: follows a `DeviceSource` and reads the
/// first plugged-in device whose identity the keys match, with the entry's profile.
///
/// The device is tracked by `DeviceRegistry.key` (its `stableKey`). When it is unplugged
/// the reader is stopped and its last events delivered before `.removed`; when it comes
/// back, perhaps on another node, a new reader opens the new node. While one device is
/// read, other matching devices are ignored; the next one plugged in after its removal is
/// taken.
actor LaneMatchedScanner {
    /// What the follower reports, in order.
    enum Event: Sendable, Equatable {
        /// A matching device was taken and its reader started on `node`.
        case reading(key: String, node: String)
        /// What its reader reported.
        case reader(LaneScannerEvent)
        /// Its reader could not start; the text says why.
        case problem(String)
        /// It was unplugged and its reader stopped.
        case removed(key: String)
    }

    /// Everything the follower reports; ends after `stop()`.
    nonisolated let events: AsyncStream<Event>

    private let entry: LaneConfig.DeviceEntry
    private let profile: DeviceProfile
    private let match: ProfileMatch
    private let system: any SystemCalls
    private let continuation: AsyncStream<Event>.Continuation
    private var current: (key: String, devicePath: String, node: String)?
    private var reader: LaneScannerReader?
    private var delivery: Task<Void, Never>?
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

    /// Takes a matching device of what `source` enumerates, then follows its events until
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
            if let current, current.key == key {
                if current.devicePath == event.devicePath, current.node == event.identity.node {
                    return
                }
                // Back before its remove was heard: the old reader goes first.
                await release()
            }
            guard current == nil, match.score(event.identity) != nil else { return }
            await take(event, key: key)
        case .remove:
            guard let current, current.key == key else { return }
            // A late remove of the old node after the new node's add is not this device's.
            if !event.devicePath.isEmpty, !current.devicePath.isEmpty,
                event.devicePath != current.devicePath
            {
                return
            }
            await release()
        }
    }

    /// Stops the reader and ends `events`.
    func stop() async {
        stopped = true
        if let reader {
            await reader.stop()
            await delivery?.value
        }
        reader = nil
        delivery = nil
        current = nil
        continuation.finish()
    }

    private func take(_ event: HotplugEvent, key: String) async {
        var opened = entry
        opened.port = event.identity.node
        do {
            let plan = try LaneScannerPlan(entry: opened, profile: profile)
            let started = try await LaneScannerReader.start(plan, system: system)
            current = (key, event.devicePath, event.identity.node)
            reader = started
            continuation.yield(.reading(key: key, node: event.identity.node))
            let continuation = continuation
            delivery = Task {
                for await readerEvent in started.events {
                    continuation.yield(.reader(readerEvent))
                }
            }
        } catch {
            continuation.yield(.problem("\(event.identity.node): \(error)"))
        }
    }

    private func release() async {
        guard let current else { return }
        if let reader {
            await reader.stop()
            await delivery?.value
        }
        reader = nil
        delivery = nil
        self.current = nil
        continuation.yield(.removed(key: current.key))
    }
}
