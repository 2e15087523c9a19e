import Devices
import Foundation
import Lane
import StrictJSON

/// `lanegate profile check FILE…`: validates device profiles, with the profiles they
/// extend, and summarizes each.
enum ProfileCommand: Command {
    static let name = "profile"
    static let summary = "check device profiles (profile check FILE...)"
    static let help = """
        Usage: lanegate profile check FILE... [--json]

        Validates each device profile FILE (devices/*.json) and the profiles it extends
        (looked for beside it, then among lanegate's bundled profiles). Every problem is
        printed on standard error as FILE:LINE:COLUMN: $.path: what is wrong (valid: ...).
        For valid profiles a table is printed (with --json, one object per FILE).
        Exit 0 when every profile is valid, 2 when any has a problem.

        Example:
          lanegate profile check devices/epson-tm-t88vi.json my-scanner.json
        """

    static func run(_ arguments: inout Arguments) async throws -> Int32 {
        let json = arguments.flag("--json")
        let words = try arguments.positionals()
        guard words.first == "check" else { throw UsageError("expected \"profile check FILE...\"") }
        let files = Array(words.dropFirst())
        guard !files.isEmpty else { throw UsageError("profile check needs at least one FILE") }
        let bundled = (try? Resources.folder("devices")).map { [$0] } ?? []

        var problems: [String] = []
        var rows: [[String]] = []
        var objects: [JSON] = []
        for file in files {
            do {
                let profile = try DeviceProfile.load(path: file, searchFolders: bundled)
                rows.append(row(profile))
                objects.append(summary(profile, file: file, problems: []))
            } catch {
                let lines = error.problems.map(\.description)
                problems += lines
                objects.append(
                    .object([
                        "file": .string(file), "ok": .bool(false),
                        "problems": .array(lines.map { .string($0) }),
                    ]))
            }
        }
        if json {
            print(JSON.array(objects).serialized)
        } else if !rows.isEmpty {
            print(table([["profile", "kind", "model", "reads/prints", "extends", "match"]] + rows))
        }
        if !problems.isEmpty {
            writeError(problems.joined(separator: "\n"))
            return 2
        }
        return 0
    }

    /// One table row: what the profile is and how it is bound.
    static func row(_ profile: DeviceProfile) -> [String] {
        let how: String
        if let printer = profile.printer {
            how =
                "\(printer.commandSet.rawValue), \(printer.paperWidthMM) mm, "
                + "\(printer.columnsFontA) columns"
        } else if let scanner = profile.scanner {
            how =
                scanner.interface.rawValue
                + (scanner.keyboard.map { ", \($0.layout) layout" } ?? "")
                + (scanner.enablingFeatureReport.map { _ in ", feature report" } ?? "")
        } else {
            how = "-"
        }
        return [
            profile.name, profile.kind.rawValue, "\(profile.maker) \(profile.model)", how,
            profile.parent ?? "-", profile.match.map(describe) ?? "-",
        ]
    }

    /// The match keys in short: `usb 0c2e, page 0x8C, MDL TM-T88V`.
    static func describe(_ match: ProfileMatch) -> String {
        var parts: [String] = []
        for id in match.usb {
            parts.append(
                "usb " + String(format: "%04x", id.vendor)
                    + (id.product.map { String(format: ":%04x", $0) } ?? ""))
        }
        if !match.models.isEmpty { parts.append("model " + match.models.joined(separator: "|")) }
        if let page = match.usagePage { parts.append(String(format: "page 0x%02X", page)) }
        for key in match.ieee1284.keys.sorted() { parts.append("\(key) \(match.ieee1284[key]!)") }
        if !match.subsystems.isEmpty { parts.append(match.subsystems.joined(separator: "|")) }
        return parts.joined(separator: ", ")
    }

    static func summary(_ profile: DeviceProfile, file: String, problems: [String]) -> JSON {
        let cells = row(profile)
        return .object([
            "file": .string(file), "ok": .bool(true), "profile": .string(profile.name),
            "kind": .string(profile.kind.rawValue), "maker": .string(profile.maker),
            "model": .string(profile.model), "device": .string(cells[3]),
            "extends": profile.parent.map { .string($0) } ?? .null,
            "match": profile.match.map { .string(describe($0)) } ?? .null,
            "facts": .number(String(profile.sources.count)),
        ])
    }

    /// Columns padded to their widest cell, two spaces apart.
    static func table(_ rows: [[String]]) -> String {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1
                    ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
