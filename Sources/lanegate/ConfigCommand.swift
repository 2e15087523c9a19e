import Foundation
import Lane
import StrictJSON

/// `lanegate config check FILE`: validates a lane config, its program and its device
/// profiles without opening any device.
enum ConfigCommand: Command {
    static let name = "config"
    static let summary = "check a lane config, its program and profiles (config check FILE)"
    static let help = """
        Usage: lanegate config check FILE [--json]

        Validates the lane config FILE, the program file it names and every device
        profile it uses, without opening any device or the database. Every problem is
        printed on standard error as FILE:LINE:COLUMN: $.path: what is wrong (valid: ...).
        Exit 0 when all is well, 2 when something is wrong.

        Example:
          lanegate config check /etc/lanegate/lane.json
        """

    static func run(_ arguments: inout Arguments) async throws -> Int32 {
        let json = arguments.flag("--json")
        let words = try arguments.positionals()
        guard words.first == "check" else {
            throw UsageError("expected \"config check FILE\"")
        }
        guard words.count == 2 else { throw UsageError("config check takes one FILE") }
        let report = LaneSetup.check(configPath: words[1])
        if json {
            print(
                JSON.object([
                    "file": .string(words[1]), "ok": .bool(report.problems.isEmpty),
                    "problems": .array(report.problems.map { .string($0) }),
                    "summary": .array(report.summary.map { .string($0) }),
                ]).serialized)
        }
        if !report.problems.isEmpty {
            writeError(report.problems.joined(separator: "\n"))
            return 2
        }
        if !json {
            print("\(words[1]): ok")
            for line in report.summary { print("  " + line) }
        }
        return 0
    }
}
