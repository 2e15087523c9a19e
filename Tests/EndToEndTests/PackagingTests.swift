import Foundation
import Testing

/// The files `make install` puts on a lane box: the systemd unit passes
/// `systemd-analyze verify`, and the udev rules use only keys udev knows.
@Suite struct PackagingTests {
    static let packaging = Repository.root.appendingPathComponent("packaging")

    @Test func theUnitVerifies() throws {
        let unit = try String(
            contentsOf: Self.packaging.appendingPathComponent("lanegate.service"), encoding: .utf8)
        #expect(unit.contains("User=lanegate"))
        #expect(unit.contains("SupplementaryGroups=dialout"))
        #expect(unit.contains("StateDirectory=lanegate"))
        #expect(unit.contains("ExecStart=/usr/bin/lanegate run --config /etc/lanegate/lane.json"))

        // The unit as installed names /usr/bin/lanegate; here it names the built binary.
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lanegate-unit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("lanegate.service")
        try unit.replacingOccurrences(of: "/usr/bin/lanegate", with: Repository.binary.path)
            .write(to: copy, atomically: true, encoding: .utf8)
        let tool = try #require(
            ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"]
                .first(where: FileManager.default.isExecutableFile),
            "systemd-analyze is missing: `make test` installs systemd")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["verify", copy.path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(
            decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "systemd-analyze verify: \(text)")
        #expect(!text.contains("lanegate.service"), "systemd-analyze verify: \(text)")
    }

    /// Every rule is comma-separated `KEY op "value"` pairs with udev's keys and operators.
    @Test func theRulesUseKnownKeys() throws {
        let rules = try String(
            contentsOf: Self.packaging.appendingPathComponent("60-lanegate.rules"),
            encoding: .utf8)
        let known = ["SUBSYSTEM", "KERNEL", "ATTRS", "ENV", "GROUP", "MODE", "SYMLINK", "TAG"]
        let pattern = try Regex(#"^([A-Z]+)(\{[A-Za-z0-9_]+\})?(==|!=|\+=|=)"[^"]*"$"#)
        var count = 0
        for line in rules.split(separator: "\n") where !line.hasPrefix("#") && !line.isEmpty {
            count += 1
            for pair in line.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) })
            {
                let match = try #require(pair.wholeMatch(of: pattern), "not a udev pair: \(pair)")
                let key = String(match.output[1].substring ?? "")
                #expect(known.contains(key), "unknown udev key \(key) in: \(line)")
            }
            #expect(
                line.contains(#"GROUP="lanegate""#), "a rule that gives lanegate nothing: \(line)")
        }
        #expect(count == 4)
    }
}
