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
            program = try Program.load(path: config.program)
        } catch {
            problems.append("\(error)")
        }
        var profiles: [DeviceConfigRole: DeviceProfile] = [:]
        for device in config.devices {
            do {
                let profile = try Resources.profile(named: device.profile, besides: configPath)
                if let problem = mismatch(device, profile) {
                    problems.append("\(configPath): " + problem)
                }
                profiles[device.role] = profile
            } catch {
                problems.append(error.description)
            }
        }
        guard let program else { return nil }
        return LaneSetup(
            config: config, program: program, scanner: profiles[.scanner],
            printer: profiles[.printer], cardReader: profiles[.cardReader])
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
