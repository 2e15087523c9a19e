import Devices
import Dispatch
import Foundation
import Glibc
import Lane
import StrictJSON

/// `lanegate devices`: what is connected, what it matched and why (`list`), and devices
/// coming and going as it happens (`watch`).
enum DevicesCommand: Command {
    static let name = "devices"
    static let summary = "list, watch, probe and test-print scanners, readers and printers"
    static let help = """
        Usage: lanegate devices list [--json]
               lanegate devices watch [--json]

        list   the scanners, card readers and printers connected now (USB serial, HID
               raw, input and USB printer nodes), each with its ids, the device profile it
               binds to and why, and whether lanegate can open it. Built-in serial ports
               are listed apart: nothing identifies what hangs on them, so lanegate never
               opens one unless a config names it.
        watch  every add and remove as it happens, with its binding, until Ctrl-C.

        Devices are found through libudev; with no udev daemon running, sysfs is read and
        the kernel's own hot-plug events are followed. Neither verb opens a device.
        Profiles are the bundled devices/*.json that have a "match" section.

        """ + DevicesProbeCommand.help

    static func run(_ arguments: inout Arguments) async throws -> Int32 {
        if let action = arguments.firstWord, DevicesProbeCommand.verbs.contains(action) {
            return try await DevicesProbeCommand.run(&arguments)
        }
        let json = arguments.flag("--json")
        // Hidden, for tests and bug reports: a `kind: udev` recording stands in for the
        // machine (list: the devices present after it; watch: its events).
        let replay = try arguments.option("--replay")
        let words = try arguments.positionals()
        guard let verb = words.first else { throw UsageError("say list or watch") }
        guard words.count == 1 else {
            throw UsageError("unexpected \"\(words.dropFirst().joined(separator: " "))\"")
        }
        let source = try source(replay: replay)
        let binder = ProfileBinder(candidates: candidates())
        switch verb {
        case "list": return await list(source, binder: binder, json: json)
        case "watch": return await watch(source, binder: binder, json: json)
        default:
            throw UsageError("unknown action \"\(verb)\" (valid: list, watch, probe, test-print)")
        }
    }

    // MARK: Profiles

    /// The bundled profiles that load, with their match keys.
    static func candidates() -> [ProfileBinder.Candidate] {
        guard let folder = try? Resources.folder("devices"),
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder)
        else { return [] }
        return names.filter { $0.hasSuffix(".json") && $0 != "profile.schema.json" }.sorted()
            .compactMap { file in
                guard let profile = try? DeviceProfile.load(path: "\(folder)/\(file)") else {
                    return nil
                }
                return ProfileBinder.Candidate(
                    name: profile.name, kind: profile.kind.rawValue, match: profile.match)
            }
    }

    // MARK: list

    static func list(_ source: any DeviceSource, binder: ProfileBinder, json: Bool) async
        -> Int32
    {
        let all = await present(source, binder: binder)
        let devices = all.filter { !$0.binding.isBuiltInSerialPort }
        let ports = all.filter(\.binding.isBuiltInSerialPort).map(\.identity.node)

        if json {
            print(
                JSON.object([
                    "devices": .array(devices.map(deviceJSON)),
                    "builtInSerialPorts": .array(ports.map(JSON.string)),
                ]).serialized)
            return 0
        }
        if devices.isEmpty {
            print("No USB scanners, card readers or printers are connected.")
        } else {
            print(table(devices), terminator: "")
        }
        if !ports.isEmpty {
            print(
                "\nBuilt-in serial ports (nothing identified; never opened unless probed by "
                    + "name):")
            for port in ports { print("  \(port)") }
        }
        return 0
    }

    /// The devices present now, sorted by node, none opened: those udev enumerates, or
    /// those a recording leaves plugged in once played to its end.
    static func present(_ source: any DeviceSource, binder: ProfileBinder) async
        -> [DeviceRegistry.Device]
    {
        let registry = DeviceRegistry(binder: binder, readers: .none)
        if source is RecordedDeviceSource {
            await registry.follow(source)
        } else {
            for event in source.enumerate() { await registry.apply(event) }
        }
        let all = await registry.devices()
        await registry.stop()
        return all
    }

    /// The machine's devices through libudev, or a `kind: udev` recording at `replay`.
    static func source(replay: String?) throws -> any DeviceSource {
        guard let replay else { return UdevDeviceSource() }
        do {
            return try RecordedDeviceSource(recording: Recording(contentsOf: replay))
        } catch {
            throw InputError("lanegate devices: \(error.description)")
        }
    }

    static func table(_ devices: [DeviceRegistry.Device]) -> String {
        let header = ["NODE", "SUBSYSTEM", "USB ID", "MODEL", "PROFILE", "STATE"]
        let rows = devices.map { device -> [String] in
            [
                device.identity.node, device.identity.subsystem, usbID(device.identity),
                device.identity.model ?? "-", device.binding.profile ?? "-",
                state(device.identity),
            ]
        }
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1
                    ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ") + "\n"
        }
        var text = line(header)
        for (device, row) in zip(devices, rows) {
            text += line(row)
            text += "  why: \(device.binding.reason)\n"
        }
        return text
    }

    static func deviceJSON(_ device: DeviceRegistry.Device) -> JSON {
        let identity = device.identity
        func optional(_ text: String?) -> JSON { text.map(JSON.string) ?? .null }
        return .object([
            "node": .string(identity.node),
            "subsystem": .string(identity.subsystem),
            "vendorId": optional(identity.vendorID.map { String(format: "%04x", $0) }),
            "productId": optional(identity.productID.map { String(format: "%04x", $0) }),
            "serial": optional(identity.serialNumber),
            "manufacturer": optional(identity.manufacturer),
            "model": optional(identity.model),
            "interface": identity.interfaceNumber.map { .number("\($0)") } ?? .null,
            "port": optional(identity.portPath),
            "key": optional(identity.stableKey),
            "links": .array(identity.links.map(JSON.string)),
            "usagePages": .array(
                identity.usagePages.map {
                    .string("0x" + String($0, radix: 16, uppercase: true))
                }),
            "ieee1284": .object(
                identity.ieee1284.keys.sorted().map {
                    JSON.Pair(key: $0, value: .string(identity.ieee1284[$0] ?? ""))
                }),
            "profile": optional(device.binding.profile),
            "why": .string(device.binding.reason),
            "state": .string(state(identity)),
        ])
    }

    static func usbID(_ identity: DeviceIdentity) -> String {
        guard let vendor = identity.vendorID else { return "-" }
        return String(format: "%04x:", vendor)
            + (identity.productID.map { String(format: "%04x", $0) } ?? "????")
    }

    /// Whether lanegate could open the node: `ready`, `node missing`, or which group to join.
    static func state(_ identity: DeviceIdentity) -> String {
        var info = stat()
        guard stat(identity.node, &info) == 0 else { return "node missing" }
        if access(identity.node, R_OK | W_OK) == 0 { return "ready" }
        let group = getgrgid(info.st_gid).map { String(cString: $0.pointee.gr_name) }
        return "no permission: join group \(group ?? "\(info.st_gid)") or add a udev rule"
    }

    // MARK: watch

    static func watch(_ source: any DeviceSource, binder: ProfileBinder, json: Bool) async
        -> Int32
    {
        signal(SIGINT, SIG_IGN)
        let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        interrupt.setEventHandler { @Sendable in exit(0) }
        interrupt.resume()

        let registry = DeviceRegistry(binder: binder, readers: .none)
        let printer = Task {
            for await event in registry.events {
                // Unbuffered, so that a tool reading the pipe sees each event at once.
                let line = json ? eventJSON(event).serialized : eventLine(event)
                FileHandle.standardOutput.write(Data((line + "\n").utf8))
            }
        }
        await registry.follow(source)
        await registry.stop()
        await printer.value
        interrupt.cancel()
        return 0
    }

    static func eventLine(_ event: DeviceRegistry.Event) -> String {
        switch event {
        case .added(let identity):
            var text = "added    \(identity.node)  \(identity.subsystem)  \(usbID(identity))"
            if let model = identity.model { text += "  \"\(model)\"" }
            if let key = identity.stableKey { text += "  key \(key)" }
            return text
        case .bound(let identity, let binding):
            return "bound    \(identity.node)  \(binding.profile ?? "-"): \(binding.reason)"
        case .opened(let identity, let node):
            return "opened   \(identity.node)  \(node)"
        case .scan(let identity, let bytes):
            return "scan     \(identity.node)  \(bytes.count) bytes"
        case .closed(let identity, let why):
            return "closed   \(identity.node)  \(why)"
        case .problem(let identity, let why):
            return "problem  \(identity.node)  \(why)"
        case .removed(let identity):
            return "removed  \(identity.node)"
        }
    }

    static func eventJSON(_ event: DeviceRegistry.Event) -> JSON {
        func base(_ name: String, _ identity: DeviceIdentity) -> [JSON.Pair] {
            [
                JSON.Pair(key: "event", value: .string(name)),
                JSON.Pair(key: "node", value: .string(identity.node)),
                JSON.Pair(key: "key", value: identity.stableKey.map(JSON.string) ?? .null),
            ]
        }
        switch event {
        case .added(let identity):
            return .object(
                base("added", identity) + [
                    JSON.Pair(key: "subsystem", value: .string(identity.subsystem)),
                    JSON.Pair(key: "usbId", value: .string(usbID(identity))),
                    JSON.Pair(key: "model", value: identity.model.map(JSON.string) ?? .null),
                ])
        case .bound(let identity, let binding):
            return .object(
                base("bound", identity) + [
                    JSON.Pair(key: "profile", value: binding.profile.map(JSON.string) ?? .null),
                    JSON.Pair(key: "why", value: .string(binding.reason)),
                ])
        case .opened(let identity, let node):
            return .object(
                base("opened", identity) + [
                    JSON.Pair(key: "resolved", value: .string(node))
                ])
        case .scan(let identity, let bytes):
            return .object(
                base("scan", identity) + [
                    JSON.Pair(key: "bytes", value: .number("\(bytes.count)"))
                ])
        case .closed(let identity, let why):
            return .object(base("closed", identity) + [JSON.Pair(key: "why", value: .string(why))])
        case .problem(let identity, let why):
            return .object(base("problem", identity) + [JSON.Pair(key: "why", value: .string(why))])
        case .removed(let identity):
            return .object(base("removed", identity))
        }
    }
}
