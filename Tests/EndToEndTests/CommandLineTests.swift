import Foundation
import Testing

/// The built `lanegate` binary run as its own process: standard output, standard error and
/// the exit status, compared exactly.
///
/// `make test` builds the binary first; alone, run `swift build --product lanegate` before
/// `swift test --filter CommandLineTests`.
@Suite struct CommandLineTests {
    /// The package's root folder, found from this file's place in `Tests/EndToEndTests/`.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .path

    static let binary = root + "/.build/debug/lanegate"

    /// What one run of the binary gave.
    struct Outcome: Equatable, CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String

        var description: String {
            "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)"
        }
    }

    /// Runs `lanegate` with `arguments` in `folder`, with `input` on standard input, and
    /// with `variables` in place of any `LANEGATE_` variable of the test's own environment.
    static func lanegate(
        _ arguments: [String], input: String = "", in folder: String = root,
        variables: [String: String] = [:]
    ) throws -> Outcome {
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            Issue.record("\(binary) is missing: run `swift build --product lanegate` first")
            return Outcome(status: -1, stdout: "", stderr: "")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = ProcessInfo.processInfo.environment
            .filter { !$0.key.hasPrefix("LANEGATE_") }
            .merging(variables) { $1 }
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()

        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        // Standard error is read on its own thread so that neither pipe can fill up and
        // block the child while the other is being read.
        let errors = ErrorCollector(stderr.fileHandleForReading)
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
            stderr: errors.text())
    }

    // MARK: Version and usage

    @Test func version() throws {
        #expect(
            try Self.lanegate(["--version"])
                == Outcome(status: 0, stdout: "lanegate 0.1.0\n", stderr: ""))
    }

    @Test func unknownVerb() throws {
        let outcome = try Self.lanegate(["frobnicate"])
        #expect(outcome.status == 2)
        #expect(outcome.stdout == "")
        #expect(
            outcome.stderr.hasPrefix(
                "lanegate: unknown verb \"frobnicate\"\n\nlanegate 0.1.0: an in-lane loyalty"
                    + " gateway\n\nUsage: lanegate VERB [OPTIONS]\n"))
        #expect(outcome.stderr.contains("\n  scan      decode scans and swipes as the lane would"))
    }

    @Test func noVerbAtAll() throws {
        let outcome = try Self.lanegate([])
        #expect(outcome.status == 2)
        #expect(outcome.stdout == "")
        #expect(outcome.stderr.hasPrefix("lanegate 0.1.0: an in-lane loyalty gateway\n"))
    }

    @Test func configWithoutCheckIsBadUsage() throws {
        let outcome = try Self.lanegate(["config", "lint", "examples/lane.json"])
        #expect(outcome.status == 2)
        #expect(outcome.stdout == "")
        #expect(
            outcome.stderr.hasPrefix(
                "lanegate config: expected \"config check FILE\"\n\nUsage: lanegate config check"
                    + " FILE [--json]\n"))
    }

    // MARK: config check

    @Test func configCheckOfTheExample() throws {
        #expect(
            try Self.lanegate(["config", "check", "examples/lane.json"])
                == Outcome(
                    status: 0,
                    stdout: """
                        examples/lane.json: ok
                          store S01, lane L03, Europe/Amsterdam, EUR
                          database examples/lane.sqlite
                          program "Koffiekaart": 1 earning rule(s), 1 reward(s), 1 card range(s)
                          scanner generic-serial-scanner on /dev/ttyACM0
                          printer epson-tm-t88v on tcp://127.0.0.1:9100
                          POS on tcp://127.0.0.1:7450

                        """,
                    stderr: ""))
    }

    static let broken = """
        {
          "store": "S01",
          "lane": true,
          "timezone": "CET",
          "currency": "EUR",
          "database": "lane.sqlite",
          "program": "program.json",
          "pos": [{ "listen": "tcp://0.0.0.0:7450" }],
          "devices": [
            { "role": "scanner", "profile": "generic-serial-scanner", "port": "/dev/ttyACM0", "colour": 1 },
            { "role": "printer", "profile": "epson-tm-t88v", "port": "lp0", "port": "x" }
          ],
          "busyTimeoutMs": 5
        }
        """

    @Test func configCheckOfABrokenConfig() throws {
        let folder = try TemporaryFolder()
        try folder.write("lane.json", Self.broken)
        try folder.write("program.json", "{}")
        #expect(
            try Self.lanegate(["config", "check", "lane.json"], in: folder.path)
                == Outcome(
                    status: 2, stdout: "",
                    stderr: """
                        lane.json:3:11: $.lane: expected a string, found a boolean
                        lane.json:4:15: $.timezone: "CET" is not an IANA time zone (valid: names such as Europe/Amsterdam, America/New_York, UTC)
                        lane.json:8:23: $.pos[0].listen: a listener on 0.0.0.0 needs an "allow" list of client addresses (valid: bind 127.0.0.1, or add "allow": ["10.0.0.5"])
                        lane.json:10:87: $.devices[0].colour: unknown key "colour" (valid: role, profile, port, match, baud, dataBits, parity, stopBits, flowControl)
                        lane.json:11:62: $.devices[1].port: "lp0" is not a port (valid: a device path such as /dev/ttyUSB0, tcp://HOST:PORT, or file:PATH)
                        lane.json:11:69: $.devices[1].port: duplicate key "port" (first at 11:54)
                        lane.json:13:20: $.busyTimeoutMs: 5 is out of range (valid: 10...60000)

                        """))
    }

    @Test func configCheckOfABrokenProgram() throws {
        let folder = try TemporaryFolder()
        let config = try String(contentsOfFile: Self.root + "/examples/lane.json", encoding: .utf8)
        try folder.write("lane.json", config)
        try folder.write(
            "program.json",
            #"{"name": "K", "members": {"cards": []}, "earn": [],"#
                + #" "tiers": []}"#)
        // The program is named as the config names it, relative to the config's folder.
        #expect(
            try Self.lanegate(["config", "check", "lane.json"], in: folder.path)
                == Outcome(
                    status: 2, stdout: "",
                    stderr:
                        #"program.json:1:53: $.tiers: unknown key "tiers" (valid: name, members,"#
                        + " earn, rewards)\n"))
    }

    @Test func configCheckOfAMissingFile() throws {
        let folder = try TemporaryFolder()
        #expect(
            try Self.lanegate(["config", "check", "lane.json"], in: folder.path)
                == Outcome(
                    status: 2, stdout: "",
                    stderr: "lane.json:1:1: $: cannot read the file: No such file or directory\n"))
    }

    // MARK: scan

    /// The field cases K02 a/b/c and K03 of the design's case list.
    static let fieldCases: [(input: String, json: String)] = [
        (
            #"]C190MPT000341\x1d10R20060043"#,
            #"{"input":"]C190MPT000341\\x1d10R20060043","kind":"product","symbology":"gs1-128","#
                + #""elements":[{"ai":"90","value":"MPT000341"},{"ai":"10","value":"R20060043"}]}"#
        ),
        (
            #"\x1d0101234567891231"#,
            #"{"input":"\\x1d0101234567891231","kind":"product","gtin14":"01234567891231","#
                + #""elements":[{"ai":"01","value":"01234567891231"}]}"#
        ),
        (
            #"]d20105000456013482172012001000001\x1d210000000003"#,
            #"{"input":"]d20105000456013482172012001000001\\x1d210000000003","kind":"product","#
                + #""symbology":"gs1-datamatrix","gtin14":"05000456013482","elements":["#
                + #"{"ai":"01","value":"05000456013482"},{"ai":"17","value":"201200"},"#
                + #"{"ai":"10","value":"00001"},{"ai":"21","value":"0000000003"}]}"#
        ),
        (
            #"]E3419013670280310018\r"#,
            #"{"input":"]E3419013670280310018\\r","kind":"product","symbology":"ean-13","#
                + #""gtin14":"04190136702803","addOn":"10018"}"#
        ),
        (
            #"]E04190136702803\r"#,
            #"{"input":"]E04190136702803\\r","kind":"product","symbology":"ean-13","#
                + #""gtin14":"04190136702803"}"#
        ),
    ]

    @Test(arguments: fieldCases)
    func scanAFieldCase(input: String, json: String) throws {
        #expect(
            try Self.lanegate(["scan", "--json", input])
                == Outcome(status: 0, stdout: json + "\n", stderr: ""))
    }

    @Test func scanSeveralDataInOrder() throws {
        let outcome = try Self.lanegate(["scan", "--json"] + Self.fieldCases.map(\.input))
        #expect(
            outcome
                == Outcome(
                    status: 0, stdout: Self.fieldCases.map { $0.json + "\n" }.joined(), stderr: ""))
    }

    /// Two-digit GS1 years are read against the lane's clock: `00` is 2000 (a leap year)
    /// in 2026, but 2100 (not one) in 2070, as GS1 reads years within 50 of the current one.
    @Test func scanReadsTwoDigitYearsByTheLanesClock() throws {
        let input = "]C117000229"
        #expect(
            try Self.lanegate(
                ["scan", "--json", input],
                variables: ["LANEGATE_CLOCK": "2026-12-03T10:15:00+01:00"])
                == Outcome(
                    status: 0,
                    stdout: #"{"input":"]C117000229","kind":"product","symbology":"gs1-128","#
                        + #""elements":[{"ai":"17","value":"000229"}]}"# + "\n",
                    stderr: ""))
        #expect(
            try Self.lanegate(
                ["scan", "--json", input], variables: ["LANEGATE_CLOCK": "2070-06-01T00:00:00Z"])
                == Outcome(
                    status: 0,
                    stdout: #"{"input":"]C117000229","kind":"unknown","symbology":"gs1-128","#
                        + #""error":"GS1 element string refused at byte 6 (counted after ]C1): (17)"#
                        + #" 000229: day 29 does not exist in 2100-02 (YYMMDD)"}"# + "\n",
                    stderr: ""))
    }

    @Test func aMalformedClockIsBadInput() throws {
        #expect(
            try Self.lanegate(["scan", "1"], variables: ["LANEGATE_CLOCK": "tomorrow"])
                == Outcome(
                    status: 2, stdout: "",
                    stderr: "lanegate scan: LANEGATE_CLOCK=tomorrow is not an RFC 3339 instant"
                        + " (valid: e.g. 2026-12-03T10:15:00+01:00)\n"))
    }

    @Test func scanAsATable() throws {
        #expect(
            try Self.lanegate(["scan", #"]E3419013670280310018\r"#])
                == Outcome(
                    status: 0,
                    stdout: "product  ean-13          GTIN 04190136702803, add-on 10018\n",
                    stderr: ""))
    }

    @Test func aMemberCardNeedsTheConfigsCardRanges() throws {
        #expect(
            try Self.lanegate([
                "scan", "--json", "--config", "examples/lane.json",
                "2900000000001",
            ])
                == Outcome(
                    status: 0,
                    stdout: #"{"input":"2900000000001","kind":"member","symbology":"ean-13","#
                        + #""gtin14":"02900000000001","card":"2900000000001"}"# + "\n",
                    stderr: ""))
        #expect(
            try Self.lanegate(["scan", "--json", "2900000000001"])
                == Outcome(
                    status: 0,
                    stdout: #"{"input":"2900000000001","kind":"product","symbology":"ean-13","#
                        + #""gtin14":"02900000000001"}"# + "\n",
                    stderr: ""))
    }

    @Test func aVoucherCode() throws {
        // 994, 20 digits, and the GS1 check digit 4; with 5 it is no voucher.
        #expect(
            try Self.lanegate(
                ["scan", "--json", "994951835464606746503714", "994951835464606746503715"])
                == Outcome(
                    status: 0,
                    stdout: #"{"input":"994951835464606746503714","kind":"voucher","#
                        + #""code":"994951835464606746503714"}"# + "\n"
                        + #"{"input":"994951835464606746503715","kind":"unknown"}"# + "\n",
                    stderr: ""))
    }

    @Test func startedByNameFromPathItStillFindsItsProfiles() throws {
        // argv[0] is then just "lanegate": the profiles are found from the executable's
        // own file, not from the name it was started with. Run from a folder of no
        // relation to the source tree.
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lanegate-path-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["lanegate", "config", "check", Self.root + "/examples/lane.json"]
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment.filter {
            !$0.key.hasPrefix("LANEGATE_")
        }
        let bin = URL(fileURLWithPath: Self.binary).deletingLastPathComponent().path
        environment["PATH"] = bin + ":/usr/bin:/bin"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(
            decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
    }

    @Test func digitsOfAGTINsLengthWithAWrongCheckDigitSayWhy() throws {
        // 1234567 has the EAN-8 check digit 0; 12345678 is no EAN-8 and not a payment
        // card, so it stays unknown, with the reason.
        #expect(
            try Self.lanegate(["scan", "--json", "12345678"])
                == Outcome(
                    status: 0,
                    stdout: #"{"input":"12345678","kind":"unknown","note":"not an EAN/UPC: "#
                        + #"check digit is 8, expected 0 (mistyped or misread, or a number of "#
                        + #"another kind)"}"# + "\n",
                    stderr: ""))
    }

    @Test func aPaymentCardNumberIsRefusedAndOnlyItsMaskIsShown() throws {
        // Luhn-valid, in a payment card's format, in no member range: typed or scanned, it
        // is refused like a swiped one, and the number never appears in full.
        let table = try Self.lanegate(["scan", "4111111111111111"])
        #expect(
            table
                == Outcome(
                    status: 0,
                    stdout: "payment-card  -               refused: payment card refused: "
                        + "411111******1111\n",
                    stderr: ""))
        let json = try Self.lanegate(
            ["scan", "--json", "--config", "examples/lane.json", "5555555555554444"])
        #expect(
            json
                == Outcome(
                    status: 0,
                    stdout: #"{"input":"555555******4444","kind":"payment-card","#
                        + #""error":"payment card refused: 555555******4444"}"# + "\n",
                    stderr: ""))
        #expect(!(table.stdout + json.stdout).contains("4111111111111111"))
    }

    @Test func scanReadsStandardInputLineByLine() throws {
        let outcome = try Self.lanegate(
            ["scan", "--json"], input: #"]E04190136702803\r"# + "\n" + "2900000000001\n")
        #expect(
            outcome
                == Outcome(
                    status: 0,
                    stdout:
                        #"{"input":"]E04190136702803\\r","kind":"product","symbology":"ean-13","#
                        + #""gtin14":"04190136702803"}"# + "\n"
                        + #"{"input":"2900000000001","kind":"product","symbology":"ean-13","#
                        + #""gtin14":"02900000000001"}"# + "\n",
                    stderr: ""))
    }

    @Test(arguments: [
        (#"ab\q"#, #"lanegate scan: "ab\q": unknown escape \q (valid: \r \n \t \\ \xHH)"#),
        (#"ab\x1"#, #"lanegate scan: "ab\x1": \x needs two hex digits (valid: e.g. \x1d)"#),
        (#"ab\"#, #"lanegate scan: "ab\" ends with a lone backslash (valid: \\ for a backslash)"#),
    ])
    func aBadEscapeIsBadInput(input: String, message: String) throws {
        #expect(
            try Self.lanegate(["scan", "--json", input])
                == Outcome(status: 2, stdout: "", stderr: message + "\n"))
    }

    @Test func scanWithAMissingConfigIsBadInput() throws {
        let folder = try TemporaryFolder()
        #expect(
            try Self.lanegate(["scan", "--config", "lane.json", "1"], in: folder.path)
                == Outcome(
                    status: 2, stdout: "",
                    stderr: "lane.json:1:1: $: cannot read the file: No such file or directory\n"))
    }

    @Test func scanWithAPrinterProfileIsBadInput() throws {
        #expect(
            try Self.lanegate(["scan", "--profile", "epson-tm-t88v", "1"])
                == Outcome(
                    status: 2, stdout: "",
                    stderr:
                        "lanegate scan: profile epson-tm-t88v is a printer profile (valid: a scanner"
                        + " profile such as generic-serial-scanner)\n"))
    }
}

/// Reads a pipe to its end on a thread of its own.
private final class ErrorCollector: @unchecked Sendable {
    // Written once by the reading thread before `done` is signalled, read after.
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        let thread = Thread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
        thread.start()
    }

    func text() -> String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}

/// A fresh folder under the system's temporary folder, removed when the value goes away.
private final class TemporaryFolder {
    let path: String

    init() throws {
        path =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("lanegate-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path + "/" + name))
    }
}
