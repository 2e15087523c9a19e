import Foundation
import Testing

@testable import Lane

/// Profile problems reached through a lane config, as `config check` (`LaneSetup.check`)
/// and `lanegate run` (`LaneSetup.load`) report them: real files in a folder of their own,
/// each problem at its place in the profile, followed by the config entry that named it.
@Suite struct LaneSetupTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// A lane whose scanner uses profile `scanner`; its `"bad"` value is at 10:37.
    static func config(scanner: String) -> String {
        """
        {
          "store": "S01",
          "lane": "L03",
          "timezone": "Europe/Amsterdam",
          "currency": "EUR",
          "database": "lane.sqlite",
          "program": "program.json",
          "pos": [{ "listen": "tcp://127.0.0.1:7450" }],
          "devices": [
            { "role": "scanner", "profile": "\(scanner)", "port": "/dev/ttyACM0" },
            { "role": "printer", "profile": "epson-tm-t88v", "port": "tcp://127.0.0.1:9100" }
          ]
        }
        """
    }

    /// The bundled generic serial scanner as `devices/bad.json`, with `edit` applied.
    static func bad(_ edit: (String) -> String = { $0 }) throws -> String {
        let text = try String(
            contentsOfFile: root + "/devices/generic-serial-scanner.json", encoding: .utf8)
        return edit(
            text.replacingOccurrences(
                of: #""profile": "generic-serial-scanner""#, with: #""profile": "bad""#))
    }

    /// A folder holding the lane config, the example program and `files` (path: text).
    static func lane(scanner: String = "bad", files: [String: String]) throws -> String {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lanegate-setup-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(
            atPath: folder + "/devices", withIntermediateDirectories: true)
        try config(scanner: scanner).write(
            toFile: folder + "/lane.json", atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(
            atPath: root + "/examples/program.json", toPath: folder + "/program.json")
        for (path, text) in files {
            try text.write(toFile: folder + "/" + path, atomically: true, encoding: .utf8)
        }
        return folder
    }

    /// What `config check` and `run` both report for the lane in `folder`.
    static func problems(_ folder: String) -> [String] {
        let path = folder + "/lane.json"
        let checked = LaneSetup.check(configPath: path).problems
        do {
            _ = try LaneSetup.load(configPath: path)
            Issue.record("\(path) loaded")
        } catch {
            #expect(error.description == checked.joined(separator: "\n"))
        }
        try? FileManager.default.removeItem(atPath: folder)
        return checked
    }

    static func named(_ folder: String, _ profile: String = "bad") -> String {
        "; in profile \(profile), named at \(folder)/lane.json:10:37: $.devices[0].profile"
    }

    @Test func anUnknownKey() throws {
        let folder = try Self.lane(files: [
            "devices/bad.json": try Self.bad {
                $0.replacingOccurrences(
                    of: #""maker": "generic","#, with: #""maker": "generic", "colour": "red","#)
            }
        ])
        #expect(
            Self.problems(folder) == [
                "\(folder)/devices/bad.json:4:23: $.colour: unknown key \"colour\" (valid: "
                    + "profile, extends, kind, maker, model, match, serial, scanner, sources)"
                    + Self.named(folder)
            ])
    }

    @Test func aDuplicateKey() throws {
        let folder = try Self.lane(files: [
            "devices/bad.json": try Self.bad {
                $0.replacingOccurrences(
                    of: #""model": "RS-232 barcode scanner with CR suffix","#,
                    with: #""model": "a", "model": "b","#)
            }
        ])
        #expect(
            Self.problems(folder) == [
                "\(folder)/devices/bad.json:5:17: $.model: duplicate key \"model\" (first at 5:3)"
                    + Self.named(folder)
            ])
    }

    @Test func aValueOfTheWrongType() throws {
        let folder = try Self.lane(files: [
            "devices/bad.json": try Self.bad {
                $0.replacingOccurrences(of: #""idleGapMs": 50"#, with: #""idleGapMs": "50""#)
            }
        ])
        #expect(
            Self.problems(folder) == [
                "\(folder)/devices/bad.json:11:18: $.scanner.idleGapMs: expected an integer, "
                    + "found a string" + Self.named(folder)
            ])
    }

    @Test func aValueOutOfRange() throws {
        let folder = try Self.lane(files: [
            "devices/bad.json": try Self.bad {
                $0.replacingOccurrences(of: #""idleGapMs": 50"#, with: #""idleGapMs": 9000"#)
            }
        ])
        #expect(
            Self.problems(folder) == [
                "\(folder)/devices/bad.json:11:18: $.scanner.idleGapMs: 9000 is out of range "
                    + "(valid: 5...5000)" + Self.named(folder)
            ])
    }

    @Test func aMissingProfileIsPlacedAtTheEntry() throws {
        let folder = try Self.lane(scanner: "absent", files: [:])
        let bundled = try Resources.folder("devices")
        #expect(
            Self.problems(folder) == [
                "\(folder)/lane.json:10:37: $.devices[0].profile: no device profile named "
                    + "\"absent\"; looked for \(folder)/devices/absent.json, "
                    + "\(bundled)/absent.json (valid: a file name under devices/ without "
                    + ".json, e.g. epson-tm-t88v)"
            ])
    }

    @Test func anExtendsCycle() throws {
        let folder = try Self.lane(files: [
            "devices/bad.json": "{\n  \"profile\": \"bad\",\n  \"extends\": \"loop\"\n}\n",
            "devices/loop.json": "{\n  \"profile\": \"loop\",\n  \"extends\": \"bad\"\n}\n",
        ])
        #expect(
            Self.problems(folder) == [
                "\(folder)/devices/bad.json:3:14: $.extends: the profile it extends, "
                    + "\(folder)/devices/loop.json, has 1 problem(s), listed after this one "
                    + "(valid: fix them first)" + Self.named(folder),
                "\(folder)/devices/loop.json:3:14: $.extends: extending \"bad\" makes a cycle: "
                    + "bad → loop → bad (valid: extend a profile that does not extend this one)"
                    + Self.named(folder),
            ])
    }

    @Test func aProfileOfTheWrongKindIsPlacedAtTheEntry() throws {
        let folder = try Self.lane(scanner: "epson-tm-t88v", files: [:])
        #expect(
            Self.problems(folder) == [
                "\(folder)/lane.json:10:37: $.devices[0].profile: device scanner uses profile "
                    + "epson-tm-t88v, which is a printer profile (valid: a scanner or "
                    + "card-reader profile)"
            ])
    }

    @Test func aGoodProfileBesideTheConfigLoads() throws {
        let folder = try Self.lane(files: ["devices/bad.json": try Self.bad()])
        let setup = try LaneSetup.load(configPath: folder + "/lane.json")
        #expect(setup.scanner?.name == "bad")
        try? FileManager.default.removeItem(atPath: folder)
    }
}
