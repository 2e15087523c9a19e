import Devices
import Foundation
import Loyalty
import StrictJSON

/// Loads everything a lane needs from its config file, or says every problem found.
public struct LaneSetup: Sendable {
    public var config: LaneConfig
    public var program: Program
    public var scanner: DeviceProfile?
    public var printer: DeviceProfile?
    /// The card reader's profile, when the lane has a `card-reader` device.
    public var cardReader: DeviceProfile? = nil

    /// What `lanegate config check` prints.
    public struct Report: Sendable {
        public var problems: [String] = []
        public var summary: [String] = []
    }

    /// Loads the config, the program and the profiles; throws a text with every problem.
    public static func load(configPath: String) throws(LaneError) -> LaneSetup {
        var problems: [String] = []
        let setup = load(configPath: configPath, problems: &problems)
        guard let setup, problems.isEmpty else {
            throw LaneError(problems.joined(separator: "\n"))
        }
        return setup
    }

    /// Validates without opening any device or the database.
    public static func check(configPath: String) -> Report {
        var report = Report()
        guard let setup = load(configPath: configPath, problems: &report.problems),
            report.problems.isEmpty
        else { return report }
        let config = setup.config
        report.summary.append(
            "store \(config.store), lane \(config.lane), \(config.timeZone.identifier), "
                + config.currency)
        report.summary.append("database \(config.database)")
        report.summary.append(
            "program \"\(setup.program.name)\": \(setup.program.earnRules.count) earning "
                + "rule(s), \(setup.program.rewards.count) reward(s), "
                + "\(setup.program.cardRanges.count) card range(s)")
        for device in config.devices {
            report.summary.append("\(device.role.rawValue) \(device.profile) on \(device.place)")
        }
        for link in config.pos {
            switch link {
            case .listen(let host, let port, _):
                report.summary.append("POS on tcp://\(host):\(port)")
            case .serial(let path, let baud): report.summary.append("POS on \(path) at \(baud)")
            }
        }
        return report
    }

    private static func load(configPath: String, problems: inout [String]) -> LaneSetup? {
        let config: LaneConfig
        do {
            config = try LaneConfig.load(path: configPath)
        } catch {
            problems += error.problems.map(\.description)
            return nil
        }
        var program: Program?
        do {
            program = try Program.load(
                path: config.program, currency: Currency.named(config.currency))
        } catch {
            problems.append("\(error)")
        }
        var profiles: [DeviceConfigRole: DeviceProfile] = [:]
        let places = profilePlaces(configPath: configPath, count: config.devices.count)
        for (device, place) in zip(config.devices, places) {
            if let profile = loadProfile(device, at: place, configPath: configPath, &problems) {
                profiles[device.role] = profile
            }
        }
        guard let program else { return nil }
        return LaneSetup(
            config: config, program: program, scanner: profiles[.scanner],
            printer: profiles[.printer], cardReader: profiles[.cardReader])
    }

    /// The devices among `identities` that the lane would read for its `role` entry when
    /// that entry is named by match keys (`LaneMatchedScanner`), sorted by node; empty when
    /// the entry is named by a port or the lane has no such entry.
    public func devices(
        matching role: LaneConfig.DeviceEntry.Role, among identities: [DeviceIdentity]
    ) -> [DeviceIdentity] {
        guard let entry = config.device(role), let match = entry.match,
            let profile = role == .printer ? printer : role == .scanner ? scanner : cardReader
        else { return [] }
        return identities.filter {
            LaneMatchedScanner.takes($0, match: match, profile: profile)
        }.sorted { $0.node < $1.node }
    }

    /// The reading plan of the `role` entry on `node` (its port when nil), as `lanegate
    /// run` would start it.
    public func scannerPlan(_ role: LaneConfig.DeviceEntry.Role, node: String? = nil)
        throws(LaneError) -> LaneScannerPlan
    {
        guard var entry = config.device(role), role != .printer,
            let profile = role == .scanner ? scanner : cardReader
        else { throw LaneError("the config has no \(role.rawValue) to read") }
        if let node { entry.port = node }
        return try LaneScannerPlan(entry: entry, profile: profile)
    }

    /// Where a device entry names its profile: the config file, line and column of the
    /// `profile` value, and its path (`lane.json:10:37: $.devices[0].profile`).
    struct ProfilePlace: Sendable, CustomStringConvertible {
        var file: String
        var position: SourcePosition?
        var path: String

        var description: String {
            guard let position else { return "\(file): \(path)" }
            return "\(file):\(position): \(path)"
        }
    }

    /// The place of each of the `count` device entries' `profile` values. The config is
    /// read again for them: `LaneConfig` keeps values, not positions, and a config that
    /// loaded has its device entries in file order, one for each element of `devices`.
    static func profilePlaces(configPath: String, count: Int) -> [ProfilePlace] {
        var positions: [SourcePosition?] = Array(repeating: nil, count: count)
        if let root = JSONValidation(file: configPath).load(path: configPath),
            case .array(let entries)? = root["devices"]?.value
        {
            for (index, entry) in entries.prefix(count).enumerated() {
                positions[index] = entry["profile"]?.position
            }
        }
        return positions.enumerated().map { index, position in
            ProfilePlace(
                file: configPath, position: position, path: "$.devices[\(index)].profile")
        }
    }

    /// Loads the profile `device` names at `place`, or adds why it cannot serve to
    /// `problems`. A problem inside the profile (or a profile it extends) keeps its own
    /// `FILE:LINE:COLUMN: $.path` and says which entry named it; a profile that is missing,
    /// of the wrong kind, or unable to drive the entry's reader is placed at the entry.
    static func loadProfile(
        _ device: LaneConfig.DeviceEntry, at place: ProfilePlace, configPath: String,
        _ problems: inout [String]
    ) -> DeviceProfile? {
        let (found, looked) = Resources.profileFile(named: device.profile, besides: configPath)
        guard let path = found else {
            problems.append("\(place): " + Resources.missingProfile(device.profile, looked: looked))
            return nil
        }
        let profile: DeviceProfile
        do {
            profile = try DeviceProfile.load(
                path: path, searchFolders: Resources.profileSearchFolders())
        } catch {
            let named = "; in profile \(device.profile), named at \(place)"
            problems += error.problems.map { $0.description + named }
            return nil
        }
        if let problem = mismatch(device, profile) {
            problems.append("\(place): " + problem)
            return nil
        }
        if device.role != .printer {
            // The reader is planned as `lanegate run` will plan it, on a stand-in node for
            // an entry named by match keys, so `config check` finds what the start would.
            var planned = device
            if device.match != nil { planned.port = "/dev/null" }
            do {
                _ = try LaneScannerPlan(entry: planned, profile: profile)
            } catch {
                problems.append("\(place): \(error)")
                return nil
            }
        }
        return profile
    }

    /// Why `profile` cannot serve as the config's `device`, or nil when it can: a scanner
    /// entry takes a scanner or card-reader profile (a card reader framed like a scanner),
    /// a card-reader entry a card-reader profile, a printer entry a printer profile that
    /// speaks ESC/POS (the receipts are laid out in ESC/POS).
    static func mismatch(_ device: LaneConfig.DeviceEntry, _ profile: DeviceProfile) -> String? {
        let allowed: [DeviceProfile.Kind]
        switch device.role {
        case .scanner: allowed = [.scanner, .cardReader]
        case .cardReader: allowed = [.cardReader]
        case .printer: allowed = [.printer]
        }
        guard allowed.contains(profile.kind) else {
            return "device \(device.role.rawValue) uses profile \(device.profile), which is a "
                + "\(profile.kind.rawValue) profile (valid: a "
                + allowed.map(\.rawValue).joined(separator: " or ") + " profile)"
        }
        if let printer = profile.printer, printer.commandSet != .escpos {
            let source = profile.sources["printer.commandSet"].map { " (\($0))" } ?? ""
            return "device printer uses profile \(device.profile), whose command set is "
                + "\(printer.commandSet.rawValue)\(source), but lanegate prints ESC/POS only "
                + "(valid: a printer profile with \"commandSet\": \"escpos\"; switch the "
                + "printer to its ESC/POS emulation where it has one)"
        }
        return nil
    }
}

typealias DeviceConfigRole = LaneConfig.DeviceEntry.Role
