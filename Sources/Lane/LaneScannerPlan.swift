import DeviceIO
import Devices
import Foundation

/// How the lane reads one scanner or card reader: which reader, on which node, set up how,
/// as the device's profile and its lane config entry say.
///
/// `"interface"` in the profile picks the reader: `serial` a `SerialScanner` framed by the
/// profile's suffixes and idle gap, with the entry's serial overrides; `hidraw` a
/// `HIDRawReader` that sends the profile's enabling feature report and decodes the report
/// its `hid.report` names (HID POS, or a MagTek card reader's swipes); `evdev` an
/// `EvdevReader` that types with the profile's keyboard layout and suffix key and ends a
/// message after the profile's idle gap. A plan is a value, so it can be checked without
/// opening anything.
public enum LaneScannerPlan: Hashable, Sendable {
    case serial(path: String, options: SerialOptions, framing: ScannerFraming)
    case hidraw(path: String, configuration: HIDRawReader.Configuration)
    case evdev(path: String, settings: KeyboardWedgeSettings)

    /// The plan for `entry`, read with `profile`; throws when the profile cannot drive a
    /// reader (no scanner section, an unknown layout, serial settings the port refuses).
    public init(entry: LaneConfig.DeviceEntry, profile: DeviceProfile) throws(LaneError) {
        guard let settings = profile.scanner else {
            throw LaneError(
                "device \(entry.role.rawValue): profile \(profile.name) is a "
                    + "\(profile.kind.rawValue) profile and has no scanner section (valid: a "
                    + "scanner or card-reader profile)")
        }
        switch settings.interface {
        case .serial:
            do {
                let options = try LaneHost.serialOptions(profile.serial, overrides: entry)
                self = .serial(
                    path: entry.port, options: options, framing: try ScannerFraming(settings))
            } catch let error as LaneError {
                throw error
            } catch {
                throw LaneError("device \(entry.role.rawValue): profile \(profile.name): \(error)")
            }
        case .hidraw:
            self = .hidraw(
                path: entry.port,
                configuration: HIDRawReader.Configuration(
                    enablingFeatureReport: settings.enablingFeatureReport,
                    reportFormat: settings.hidReportFormat))
        case .evdev:
            let keyboard =
                settings.keyboard
                ?? DeviceProfile.KeyboardSettings(layout: "us", suffixKey: .enter)
            do {
                let wedge = try KeyboardWedgeSettings(
                    layout: try KeyLayout.named(keyboard.layout),
                    suffixKeys: [keyboard.suffixKey],
                    idleGap: .milliseconds(settings.idleGapMilliseconds))
                self = .evdev(path: entry.port, settings: wedge)
            } catch {
                throw LaneError("device \(entry.role.rawValue): profile \(profile.name): \(error)")
            }
        }
    }

    /// The node or port the plan reads.
    public var path: String {
        switch self {
        case .serial(let path, _, _), .hidraw(let path, _), .evdev(let path, _): path
        }
    }
}

extension LaneScannerPlan {
    /// How the plan reads, for people: `serial 9600 8N1`, `HID POS (hidraw)`, `MagTek
    /// HID card reader (hidraw)`, `keyboard wedge (evdev, layout de)`.
    public var reading: String {
        switch self {
        case .serial(_, let options, _): "serial \(options)"
        case .hidraw(_, let configuration) where configuration.reportFormat == .magTekMSR:
            "MagTek HID card reader (hidraw)"
        case .hidraw: "HID POS (hidraw)"
        case .evdev(_, let settings): "keyboard wedge (evdev, layout \(settings.layout.name))"
        }
    }

    /// Opens the plan's node with the reader the lane would start, then closes it: nil
    /// when it opened, else why not (the node is missing, in use, refused the settings).
    /// Nothing is read: a scanner answers no request, so opening is all a probe can try.
    public func tryOpening(system: any SystemCalls = LinuxSystemCalls()) async -> String? {
        let reader: LaneScannerReader
        do {
            reader = try await LaneScannerReader.start(self, system: system)
        } catch {
            return "\(error)"
        }
        // A serial scanner says `connected` or `disconnected` first; a hidraw or evdev
        // reader that started has its node open and says `connected`.
        var events = reader.events.makeAsyncIterator()
        let first = await events.next()
        await reader.stop()
        switch first {
        case .connected?: return nil
        case .disconnected(let why)?: return why
        case .scan?, .dropped?: return nil
        case nil: return "the reader ended before it opened \(path)"
        }
    }
}

/// What any of the three readers reports, as the lane logs and uses it.
enum LaneScannerEvent: Sendable, Equatable {
    case scan([UInt8])
    case connected(node: String)
    case disconnected(reason: String)
    case dropped(reason: String)
}

/// A started reader of a plan, its events in one shape.
struct LaneScannerReader: Sendable {
    let events: AsyncStream<LaneScannerEvent>
    let stop: @Sendable () async -> Void

    /// Starts the reader the plan names; throws when a hidraw or evdev node cannot be set
    /// up (a serial port is retried by `SerialScanner` itself and never throws).
    static func start(_ plan: LaneScannerPlan, system: any SystemCalls = LinuxSystemCalls())
        async throws -> LaneScannerReader
    {
        switch plan {
        case .serial(let path, let options, let framing):
            let scanner = SerialScanner(
                path: path, options: options, framing: framing, system: system)
            await scanner.start()
            return LaneScannerReader(
                events: mapped(scanner.events, Self.event), stop: { await scanner.stop() })
        case .hidraw(let path, let configuration):
            let reader = HIDRawReader(path: path, configuration: configuration, system: system)
            try await reader.start()
            return LaneScannerReader(
                events: mapped(reader.events, Self.event), stop: { await reader.stop() })
        case .evdev(let path, let settings):
            let reader = EvdevReader(path: path, settings: settings, system: system)
            try await reader.start()
            return LaneScannerReader(
                events: mapped(reader.events, Self.event), stop: { await reader.stop() })
        }
    }

    /// A reader that opens the plan's node again each time it leaves, so a scanner named by
    /// its port is back as soon as its node returns: hidraw and evdev readers end with
    /// their node, so they are started again with backoff (50 ms doubling to 2 s); a
    /// serial port is reopened by `SerialScanner` itself. A node that cannot be opened is
    /// said once (a `disconnected` event) until it opens again.
    static func kept(
        _ plan: LaneScannerPlan, system: any SystemCalls = LinuxSystemCalls(),
        backoff: (initial: Duration, maximum: Duration) = (.milliseconds(50), .seconds(2))
    ) async -> LaneScannerReader {
        if case .serial = plan, let reader = try? await start(plan, system: system) {
            return reader
        }
        let (stream, continuation) = AsyncStream.makeStream(of: LaneScannerEvent.self)
        let task = Task {
            var delay = backoff.initial
            var saidUnavailable = false
            while !Task.isCancelled {
                let reader: LaneScannerReader
                do {
                    reader = try await start(plan, system: system)
                } catch {
                    if !saidUnavailable {
                        continuation.yield(
                            .disconnected(reason: "cannot open \(plan.path): \(error)"))
                        saidUnavailable = true
                    }
                    try? await Task.sleep(for: delay)
                    delay = min(delay * 2, backoff.maximum)
                    continue
                }
                saidUnavailable = false
                delay = backoff.initial
                for await event in reader.events { continuation.yield(event) }
                // The node left (or the lane is stopping): its descriptor is closed before
                // the next attempt, so nothing of the old one reaches the new one.
                await reader.stop()
            }
            continuation.finish()
        }
        return LaneScannerReader(
            events: stream,
            stop: {
                task.cancel()
                await task.value
            })
    }

    static func event(_ event: ScannerEvent) -> LaneScannerEvent {
        switch event {
        case .scan(let bytes): .scan(bytes)
        case .connected(_, let resolved): .connected(node: resolved)
        case .disconnected(let why): .disconnected(reason: why)
        case .dropped(let why): .dropped(reason: "\(why)")
        }
    }

    /// A HID POS scan reaches the lane as a serial scanner with AIM identifiers would send
    /// it: the identifier, then the data; a MagTek swipe as a keyboard reader types it, the
    /// tracks with their sentinels.
    static func event(_ event: HIDRawEvent) -> LaneScannerEvent {
        switch event {
        case .scan(let scan): .scan(scan.bytes)
        case .connected(let path, _, _): .connected(node: path)
        case .disconnected(let reason, let partial):
            .disconnected(reason: partial ? reason + " (a half-received scan was dropped)" : reason)
        case .dropped(let why): .dropped(reason: "\(why)")
        }
    }

    private static func mapped<Event: Sendable>(
        _ source: AsyncStream<Event>, _ transform: @escaping @Sendable (Event) -> LaneScannerEvent
    ) -> AsyncStream<LaneScannerEvent> {
        AsyncStream { continuation in
            let task = Task {
                for await event in source { continuation.yield(transform(event)) }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
