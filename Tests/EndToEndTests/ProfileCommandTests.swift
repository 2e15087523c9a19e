import Foundation
import Testing

/// `lanegate profile check FILE…` run as its own process: the table, the JSON summary, and
/// every problem with its place and exit status 2.
///
/// Needs the built binary (`swift build --product lanegate`), as CommandLineTests does.
@Suite struct ProfileCommandTests {
    static let root = CommandLineTests.root

    static func lanegate(_ arguments: [String]) throws -> CommandLineTests.Outcome {
        try CommandLineTests.lanegate(arguments)
    }

    @Test func everyBundledProfileChecks() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.root + "/devices")
            .filter { $0.hasSuffix(".json") && $0 != "profile.schema.json" }.sorted()
        let outcome = try Self.lanegate(["profile", "check"] + names.map { "devices/" + $0 })
        #expect(outcome.status == 0)
        #expect(outcome.stderr == "")
        let lines = outcome.stdout.split(separator: "\n")
        #expect(lines.count == names.count + 1)
        #expect(lines.first?.hasPrefix("profile ") == true)
        #expect(
            lines.contains {
                $0.hasPrefix("honeywell-xenon-1900-hidpos ")
                    && $0.contains(
                        "hidraw, feature report")
                    && $0.contains("page 0x8C")
            })
    }

    @Test func theJSONSummary() throws {
        let outcome = try Self.lanegate(
            ["profile", "check", "--json", "devices/epson-tm-t88vi.json"])
        #expect(outcome.status == 0)
        #expect(
            outcome.stdout == #"[{"file":"devices/epson-tm-t88vi.json","ok":true,"#
                + #""profile":"epson-tm-t88vi","kind":"printer","maker":"Seiko Epson","#
                + #""model":"TM-T88VI","device":"escpos, 80 mm, 42 columns","#
                + #""extends":"epson-tm-t88v","match":"usb 04b8, MDL TM-T88VI, MFG EPSON","#
                + #""facts":12}]"# + "\n")
    }

    @Test func aBareFileNameFindsItsParentInTheCurrentFolder() throws {
        // Run inside the folder, `profile check cafe.json` looks for "cafe-base" beside it
        // (the current folder), as it does for a path with a folder.
        let folder = NSTemporaryDirectory() + "lanegate-profile-beside-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let base = try String(
            contentsOfFile: Self.root + "/devices/generic-serial-scanner.json", encoding: .utf8
        ).replacingOccurrences(of: #""generic-serial-scanner""#, with: #""cafe-base""#)
        try Data(base.utf8).write(to: URL(fileURLWithPath: folder + "/cafe-base.json"))
        let child = #"{ "profile": "cafe", "extends": "cafe-base", "model": "Cafe scanner" }"#
        try Data(child.utf8).write(to: URL(fileURLWithPath: folder + "/cafe.json"))

        let outcome = try CommandLineTests.lanegate(
            ["profile", "check", "cafe.json"], in: folder)
        #expect(outcome.stderr == "")
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("cafe "))
    }

    @Test func everyProblemOfEveryFileWithExitStatus2() throws {
        let folder = NSTemporaryDirectory() + "lanegate-profile-check-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let child =
            #"{ "profile": "acme", "extends": "epson-tm-t88v", "printer": { "cut": "half" } }"#
        try Data(child.utf8).write(to: URL(fileURLWithPath: folder + "/acme.json"))
        let loop = #"{ "profile": "loop", "extends": "loop" }"#
        try Data(loop.utf8).write(to: URL(fileURLWithPath: folder + "/loop.json"))

        let outcome = try Self.lanegate(
            [
                "profile", "check", folder + "/acme.json", folder + "/loop.json",
                "devices/zebra-ds2208.json",
            ])
        #expect(outcome.status == 2)
        // The child states a fact of its own (`printer.cut`), so it needs `sources`;
        // `{ "profile": "acme", "extends": "epson-tm-t88v", "printer": { "cut": ` is 69.
        #expect(
            outcome.stderr == """
                \(folder)/acme.json:1:1: $: missing required key "sources"
                \(folder)/acme.json:1:70: $.printer.cut: "half" is not allowed (valid: full, partial, none)
                \(folder)/loop.json:1:33: $.extends: extending "loop" makes a cycle: loop → loop (valid: extend a profile that does not extend this one)

                """)
        // The valid profile is still summarized.
        #expect(outcome.stdout.contains("zebra-ds2208  scanner"))
    }
}
