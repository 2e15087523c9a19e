import DeviceIO
import Devices
import Foundation
import Loyalty

/// Everything one `lanegate run` process owns: the lane runtime, its POS listeners, its
/// scanner and its printer, built from a validated setup.
public final class LaneHost: Sendable {
    public let runtime: LaneRuntime
    private let servers: [POSServer]
    private let serialLinks: [POSSerialLink]
    private let readers: [LaneScannerReader]
    private let scannerTasks: [Task<Void, Never>]
    private let followers: [LaneMatchedScanner]

    /// The ports the POS listeners are bound to, in config order.
    public var posPorts: [UInt16] { servers.map(\.port) }

    /// Opens the store, binds the POS listeners and starts the scanner and the card reader
    /// (each read as its profile's `interface` says, see `LaneScannerPlan`); the printer
    /// connects on its first job. A scanner or card reader named by `match` keys is found
    /// on `devices`, by default libudev (`UdevDeviceSource`): every device the keys match is
    /// read, each on its own reader, and read again after a replug (`LaneMatchedScanner`).
    /// A scanner or card reader named by its port is opened through `system` (tests pass
    /// a replay there).
    public init(
        setup: LaneSetup, environment: LaneEnvironment, devices: (any DeviceSource)? = nil,
        system: any SystemCalls = LinuxSystemCalls()
    ) async throws {
        let config = setup.config
        var transport: (any PrinterTransport)?
        if let entry = config.device(.printer), let profile = setup.printer {
            transport = try Self.printerTransport(entry, profile: profile)
        }
        runtime = try LaneRuntime(
            config: config, program: setup.program, printer: setup.printer?.printer,
            printerTransport: transport, environment: environment)

        var servers: [POSServer] = []
        var serialLinks: [POSSerialLink] = []
        for link in config.pos {
            switch link {
            case .listen(let host, let port, let allow):
                servers.append(
                    try POSServer(runtime: runtime, host: host, port: port, allow: allow))
            case .serial(let path, let baud):
                serialLinks.append(try POSSerialLink(runtime: runtime, path: path, baud: baud))
            }
        }
        self.servers = servers
        self.serialLinks = serialLinks
        for server in servers { await server.start() }
        for link in serialLinks { await link.start() }

        // The barcode scanner and the card reader are read alike; both feed `scanned`.
        var readers: [LaneScannerReader] = []
        var tasks: [Task<Void, Never>] = []
        var followers: [LaneMatchedScanner] = []
        let sources = [(DeviceConfigRole.scanner, setup.scanner), (.cardReader, setup.cardReader)]
        for (role, profile) in sources {
            guard let entry = config.device(role), let profile else { continue }
            if let match = entry.match {
                // The plan is checked now, on a stand-in node, so a profile that cannot drive
                // a reader stops the start as it does for a port.
                var probe = entry
                probe.port = "/dev/null"
                _ = try LaneScannerPlan(entry: probe, profile: profile)
                let follower = LaneMatchedScanner(entry: entry, profile: profile, match: match)
                let source = devices ?? UdevDeviceSource()
                followers.append(follower)
                tasks.append(Self.deliver(follower, role: role, match: match, to: runtime))
                tasks.append(Task { await follower.follow(source) })
                continue
            }
            let plan = try LaneScannerPlan(entry: entry, profile: profile)
            let reader = await LaneScannerReader.kept(plan, system: system)
            readers.append(reader)
            let runtime = runtime
            let name = role.rawValue
            let port = entry.port
            tasks.append(
                Task {
                    for await event in reader.events {
                        switch event {
                        case .scan(let message): runtime.scanned(message)
                        case .connected(let node):
                            Log.info(
                                "scanner-connected", ["role": name, "port": port, "node": node])
                        case .disconnected(let why):
                            Log.warning(
                                "scanner-disconnected", ["role": name, "port": port, "reason": why])
                        case .dropped(let why):
                            Log.warning(
                                "scan-dropped", ["role": name, "port": port, "reason": why])
                        }
                    }
                })
        }
        self.readers = readers
        self.followers = followers
        scannerTasks = tasks
    }

    /// Passes every matched device's scans to the lane and logs the rest, each line naming
    /// the device by its stable key (USB ids and serial, or USB port), never by what it read.
    private static func deliver(
        _ follower: LaneMatchedScanner, role: DeviceConfigRole, match: ProfileMatch,
        to runtime: LaneRuntime
    ) -> Task<Void, Never> {
        let name = role.rawValue
        let keys = match.summary
        return Task {
            for await event in follower.events {
                switch event {
                case .reader(_, .scan(let message)): runtime.scanned(message)
                case .arrived(let key, let node):
                    Log.info(
                        "scanner-arrived",
                        ["role": name, "device": key, "node": node, "match": keys])
                case .reader(let key, .connected(let node)):
                    Log.info("scanner-connected", ["role": name, "device": key, "node": node])
                case .reader(let key, .disconnected(let why)):
                    Log.warning(
                        "scanner-disconnected", ["role": name, "device": key, "reason": why])
                case .reader(let key, .dropped(let why)):
                    Log.warning("scan-dropped", ["role": name, "device": key, "reason": why])
                case .problem(let key, let why):
                    Log.error(
                        "scanner-unavailable", ["role": name, "device": key, "reason": why])
                case .departed(let key, let node):
                    Log.warning("scanner-departed", ["role": name, "device": key, "node": node])
                }
            }
        }
    }

    /// Runs until `stop()`: finishes the request in flight, then closes everything.
    public func run() async {
        await runtime.run()
        for server in servers { await server.stop() }
        for link in serialLinks { await link.stop() }
        // The lane stops its scanners itself: that is no `scanner-disconnected` to warn of,
        // so nobody listens to them any more before they stop.
        for task in scannerTasks { task.cancel() }
        for reader in readers { await reader.stop() }
        for follower in followers { await follower.stop() }
    }

    public func stop() {
        runtime.stop()
    }

    static func printerTransport(_ entry: LaneConfig.DeviceEntry, profile: DeviceProfile)
        throws -> any PrinterTransport
    {
        let port = try DevicePort(parsing: entry.port)
        return port.printerTransport(
            serial: try serialOptions(profile.serial, overrides: entry),
            connectTimeout: .seconds(3))
    }

    /// The profile's serial settings with the config entry's overrides applied.
    static func serialOptions(
        _ profile: DeviceProfile.SerialSettings?, overrides entry: LaneConfig.DeviceEntry
    ) throws -> SerialOptions {
        let baud = entry.baud ?? profile?.baud ?? 9600
        let dataBits = entry.dataBits ?? profile?.dataBits ?? 8
        let parity = entry.parity ?? profile?.parity ?? "none"
        let stopBits = entry.stopBits ?? profile?.stopBits ?? 1
        let flow = entry.flowControl ?? profile?.flowControl ?? "none"
        let unsupported = LaneError(
            "device \(entry.role.rawValue): serial settings \(baud) \(dataBits)"
                + "\(parity.prefix(1).uppercased())\(stopBits) \(flow) are not supported")
        guard let bits = SerialOptions.DataBits(rawValue: dataBits),
            let parityValue = SerialOptions.Parity(rawValue: parity),
            let stop = SerialOptions.StopBits(rawValue: stopBits),
            let flowValue = SerialOptions.FlowControl(rawValue: flow)
        else { throw unsupported }
        do {
            return try SerialOptions(
                baud: baud, dataBits: bits, parity: parityValue, stopBits: stop,
                flowControl: flowValue)
        } catch {
            throw LaneError("\(unsupported): \(error)")
        }
    }
}

extension ScannerFraming {
    /// The framing a scanner profile describes.
    public init(_ settings: DeviceProfile.ScannerSettings) throws(ScannerFramingError) {
        let ends: ScannerFraming.Ending
        switch settings.endsOn {
        case "idle": ends = .idle
        case "suffix-then-idle": ends = .suffixThenIdle
        default: ends = .suffix
        }
        try self.init(
            prefix: settings.prefix, suffixes: settings.suffixes,
            idleGap: .milliseconds(settings.idleGapMilliseconds), endsOn: ends,
            sendsAIMIdentifiers: settings.aim != "never")
    }
}
