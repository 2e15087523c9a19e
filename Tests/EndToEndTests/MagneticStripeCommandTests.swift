import Foundation
import Testing

/// `lanegate scan --json` on magnetic-stripe swipes, run as the built binary
/// (`swift build --product lanegate` first).
@Suite struct MagneticStripeCommandTests {
    static let paymentSwipe =
        "%B4111111111111111^DOE/JOHN^2812101000000000000000123456?"
        + ";4111111111111111=28121010000012345678?="

    /// Runs `lanegate scan --json` with `arguments`; returns the exit status, the JSON
    /// objects printed and the whole standard output.
    static func scan(_ arguments: [String], input: String? = nil) throws
        -> (status: Int32, objects: [[String: Any]], text: String)
    {
        guard FileManager.default.isExecutableFile(atPath: Repository.binary.path) else {
            throw HarnessError("\(Repository.binary.path) is missing: run `swift build` first")
        }
        let process = Process()
        process.executableURL = Repository.binary
        process.arguments = ["scan", "--json"] + arguments
        let out = Pipe()
        let stdin = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()

        let text = String(decoding: data, as: UTF8.self)
        let objects = try text.split(separator: "\n").map { line in
            try #require(
                try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        return (process.terminationStatus, objects, text)
    }

    static func tracks(_ object: [String: Any]) -> [String] {
        (object["tracks"] as? [[String: Any]] ?? []).map { track in
            let readable = (track["readable"] as? Bool).map { $0 ? "readable" : "unreadable" }
            return "\(track["number"] as? Int ?? 0) \(readable ?? "-") \(track["lrc"] ?? "-")"
        }
    }

    /// K06 in both forms: member id, no expiry, no error.
    @Test func k06() throws {
        let output = try Self.scan([#";0012345678901=?\r"#, "%E?;0012345678901=?"])
        #expect(output.status == 0)
        try #require(output.objects.count == 2)
        for object in output.objects {
            #expect(object["kind"] as? String == "swipe")
            #expect(object["card"] as? String == "0012345678901")
            #expect(object["expiry"] == nil)
            #expect(object["error"] == nil)
        }
        #expect(Self.tracks(output.objects[0]) == ["2 readable absent"])
        #expect(Self.tracks(output.objects[1]) == ["1 unreadable absent", "2 readable absent"])
    }

    /// The test payment card: refused, and no full number or name anywhere in the output,
    /// not even in the echoed input.
    @Test func paymentCardIsRefusedAndMasked() throws {
        let output = try Self.scan([Self.paymentSwipe])
        #expect(output.status == 0)
        let object = try #require(output.objects.first)
        #expect(object["kind"] as? String == "swipe")
        #expect(object["card"] as? String == "411111******1111")
        #expect(object["expiry"] as? String == "2028-12")
        #expect(object["error"] as? String == "payment card refused: 411111******1111")
        #expect(object["input"] as? String == "%B411111******1111?;411111******1111?")
        #expect(Self.tracks(object) == ["1 readable absent", "2 readable ok"])
        #expect(!output.text.contains("4111111111111111"))
        #expect(!output.text.contains("DOE") && !output.text.contains("JOHN"))
    }

    /// Swipes read from standard input, one a line: a Belgian-layout K06 and all-error.
    @Test func standardInput() throws {
        let output = try Self.scan([], input: "màà&é\"'(§è!çà&-+\n%E?;E?+E?\n")
        try #require(output.objects.count == 2)
        #expect(output.objects[0]["card"] as? String == "0012345678901")
        #expect(output.objects[0]["layout"] as? String == "be")
        #expect(output.objects[1]["kind"] as? String == "swipe")
        #expect(output.objects[1]["card"] == nil)
        #expect(
            output.objects[1]["error"] as? String
                == "no track could be read: swipe the card again")
        #expect(
            Self.tracks(output.objects[1])
                == ["1 unreadable absent", "2 unreadable absent", "3 unreadable absent"])
    }

    /// With `--config`, a payment-format card inside the program's member range is the
    /// member's card, shown in full.
    @Test func memberRangeFromConfig() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lanegate-msr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let program = LaneDayTests.program.replacingOccurrences(
            of: #"{ "prefix": "2900", "length": 13, "check": "ean" }"#,
            with: #"{ "prefix": "411111", "length": 16, "check": "luhn" }"#)
        #expect(program.contains("411111"))
        try Data(program.utf8).write(to: folder.appendingPathComponent("program.json"))
        let config = """
            {
              "store": "S01", "lane": "L01", "timezone": "Europe/Amsterdam", "currency": "EUR",
              "database": "lane.sqlite", "program": "program.json",
              "pos": [{ "listen": "tcp://127.0.0.1:0" }],
              "devices": []
            }
            """
        let configFile = folder.appendingPathComponent("lane.json")
        try Data(config.utf8).write(to: configFile)

        let output = try Self.scan(["--config", configFile.path, Self.paymentSwipe])
        #expect(output.status == 0)
        let object = try #require(output.objects.first)
        #expect(object["kind"] as? String == "swipe")
        #expect(object["card"] as? String == "4111111111111111")
        #expect(object["error"] == nil)
    }
}
