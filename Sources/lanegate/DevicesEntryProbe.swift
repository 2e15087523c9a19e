import Devices
import Foundation
import Lane
import StrictJSON

/// `lanegate devices probe ROLE --config FILE`: probes the device a lane config's entry
/// names, by its port or, for an entry named by match keys, on every node udev has for it
/// now. On the main actor, as `DevicesCommand` is, whose device lookup it shares.
@MainActor enum DevicesEntryProbe {
    /// One node tried: where, which device, and why it did not open (nil when it did).
    struct Row {
        var node: String
        var key: String?
        var failure: String?
    }

    /// Probes the `role` entry of the config at `configPath`; prints the report and
    /// returns the exit status.
    static func probe(
        _ role: LaneConfig.DeviceEntry.Role, configPath: String, replay: String?,
        timeout: Duration, json: Bool
    ) async throws -> Int32 {
        let setup: LaneSetup
        do {
            setup = try LaneSetup.load(configPath: configPath)
        } catch {
            throw InputError(error.description)
        }
        guard let entry = setup.config.device(role) else {
            throw UsageError(
                "\(configPath) has no \(role.rawValue) entry (valid: a role its devices "
                    + "list: "
                    + setup.config.devices.map(\.role.rawValue).joined(separator: ", ") + ")")
        }
        if role == .printer {
            return try await DevicesProbe.probe(
                port: entry.port, profiles: [], configPath: configPath, timeout: timeout,
                json: json)
        }

        // The nodes to open: the port, or what the match keys find plugged in now.
        var targets: [(node: String, key: String?)] = [(entry.port, nil)]
        if entry.match != nil {
            let source = try DevicesCommand.source(replay: replay)
            let present = await DevicesCommand.present(
                source, binder: ProfileBinder(candidates: []))
            let found = setup.devices(matching: role, among: present.map(\.identity))
            guard !found.isEmpty else {
                let reading = (try? setup.scannerPlan(role, node: "/dev/null").reading) ?? "-"
                writeError(
                    "lanegate devices probe: no device plugged in now matches the "
                        + "\(role.rawValue) entry of \(configPath) (\(entry.place), read "
                        + "as \(reading) by profile \(entry.profile)); plug it in, or run "
                        + "\"lanegate devices list\" to see what is connected and why")
                return 1
            }
            targets = found.map { ($0.node, DeviceRegistry.key($0)) }
        }

        var rows: [Row] = []
        var reading = "-"
        for target in targets {
            do {
                let plan = try setup.scannerPlan(role, node: target.node)
                reading = plan.reading
                rows.append(
                    Row(node: target.node, key: target.key, failure: await plan.tryOpening()))
            } catch {
                rows.append(Row(node: target.node, key: target.key, failure: error.description))
            }
        }
        if json {
            print(Self.json(role, entry: entry, reading: reading, rows: rows).serialized)
        } else {
            print(Self.table(role, entry: entry, reading: reading, rows: rows), terminator: "")
        }
        return rows.allSatisfy { $0.failure == nil } ? 0 : 1
    }

    /// The report for people: what the entry is, then one line per node.
    static func table(
        _ role: LaneConfig.DeviceEntry.Role, entry: LaneConfig.DeviceEntry, reading: String,
        rows: [Row]
    ) -> String {
        var text =
            "\(role.rawValue) \(entry.profile) on \(entry.place), read as \(reading): "
            + (rows.count == 1 ? "1 node" : "\(rows.count) nodes") + "\n"
        let cells = rows.map { row in
            [row.node, row.key ?? "-", row.failure.map { "not opened: \($0)" } ?? "opened"]
        }
        let header = ["NODE", "DEVICE", "RESULT"]
        let widths = (0..<2).map { column in
            ([header] + cells).map { $0[column].count }.max() ?? 0
        }
        for line in [header] + cells {
            text +=
                line[0].padding(toLength: widths[0], withPad: " ", startingAt: 0) + "  "
                + line[1].padding(toLength: widths[1], withPad: " ", startingAt: 0) + "  "
                + line[2] + "\n"
        }
        return text
    }

    /// The report as one JSON object.
    static func json(
        _ role: LaneConfig.DeviceEntry.Role, entry: LaneConfig.DeviceEntry, reading: String,
        rows: [Row]
    ) -> JSON {
        let nodes: [JSON] = rows.map { row in
            var members = [
                JSON.Pair(key: "node", value: .string(row.node)),
                JSON.Pair(key: "key", value: row.key.map(JSON.string) ?? .null),
                JSON.Pair(key: "opened", value: .bool(row.failure == nil)),
            ]
            if let failure = row.failure {
                members.append(JSON.Pair(key: "why", value: .string(failure)))
            }
            return .object(members)
        }
        return .object([
            JSON.Pair(key: "role", value: .string(role.rawValue)),
            JSON.Pair(key: "profile", value: .string(entry.profile)),
            JSON.Pair(key: "place", value: .string(entry.place)),
            JSON.Pair(key: "reading", value: .string(reading)),
            JSON.Pair(key: "nodes", value: .array(nodes)),
        ])
    }
}
