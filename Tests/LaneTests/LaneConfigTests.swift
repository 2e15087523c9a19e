import Devices
import Foundation
import Lane
import StrictJSON
import Testing

/// The lane config as the design page fixes it: every problem reported, one per line, as
/// `FILE:LINE:COLUMN: $.path: what is wrong (valid: …)`, columns counted in characters.
///
/// Each test changes one spot of `LaneConfigTests.base` and expects the exact lines; the
/// columns are counted by hand in the comments, so a changed position fails the test.
final class LaneConfigTests {
    /// A folder holding `program.json`, so the "program exists" check passes.
    let folder: String

    init() throws {
        folder =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("lanegate-config-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: URL(fileURLWithPath: folder + "/program.json"))
    }

    deinit {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// The design page's config, with the bundled profiles.
    static let base = """
        {
          "store": "S01",
          "lane": "L03",
          "timezone": "Europe/Amsterdam",
          "currency": "EUR",
          "database": "lane.sqlite",
          "program": "program.json",
          "pos": [{ "listen": "tcp://127.0.0.1:7450" }],
          "devices": [
            { "role": "scanner", "profile": "generic-serial-scanner", "port": "/dev/ttyACM0" },
            { "role": "printer", "profile": "epson-tm-t88v", "port": "tcp://127.0.0.1:9100" }
          ]
        }
        """

    /// The root keys in the order the loader asks for them: the "valid:" list of an
    /// unknown root key.
    static let rootKeys =
        "store, lane, timezone, currency, database, program, pos, devices, "
        + "locale, businessDayStartsAt, reservationTimeoutMinutes, busyTimeoutMs, "
        + "printConfirmTimeoutMs, printerStatusIntervalMs"

    static let deviceKeys =
        "role, profile, port, match, baud, dataBits, parity, stopBits, flowControl"

    static let bauds = "50...921600"

    /// `base` with `old` (which must occur exactly once) replaced by `new`.
    static func edited(_ old: String, _ new: String) -> String {
        let pieces = base.components(separatedBy: old)
        precondition(pieces.count == 2, "\(old) must occur exactly once in the base config")
        return pieces.joined(separator: new)
    }

    /// `base` with one more root member on a line of its own: line 13, its key at column 3.
    static func extra(_ member: String) -> String {
        edited("  ]\n}", "  ],\n  \(member)\n}")
    }

    func parse(_ text: String) throws(JSONProblems) -> LaneConfig {
        try LaneConfig.parse(Array(text.utf8), file: "lane.json", folder: folder)
    }

    func problems(_ text: String) -> [String] {
        do {
            _ = try parse(text)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    // MARK: A valid file

    @Test func readsTheDesignPagesConfig() throws {
        let config = try parse(Self.base)
        #expect(config.file == "lane.json")
        #expect(config.store == "S01")
        #expect(config.lane == "L03")
        #expect(config.timeZone.identifier == "Europe/Amsterdam")
        #expect(config.currency == "EUR")
        #expect(config.pos == [.listen(host: "127.0.0.1", port: 7450, allow: [])])
        #expect(
            config.devices == [
                LaneConfig.DeviceEntry(
                    role: .scanner, profile: "generic-serial-scanner", port: "/dev/ttyACM0"),
                LaneConfig.DeviceEntry(
                    role: .printer, profile: "epson-tm-t88v", port: "tcp://127.0.0.1:9100"),
            ])
        #expect(config.device(.printer)?.profile == "epson-tm-t88v")
    }

    @Test func optionalKeysTakeTheirDefaults() throws {
        let config = try parse(Self.base)
        #expect(config.locale == nil)
        #expect(config.businessDayStartsAt == (hour: 0, minute: 0))
        #expect(config.reservationTimeout == .seconds(15 * 60))
        #expect(config.busyTimeout == .milliseconds(2000))
        #expect(config.printConfirmTimeout == .milliseconds(5000))
        #expect(config.printerStatusInterval == .milliseconds(2000))
    }

    @Test func optionalKeysWhenGiven() throws {
        let text = Self.edited(
            #""currency": "EUR","#,
            #""currency": "EUR", "locale": "nl-NL", "businessDayStartsAt": "04:30","#
                + #" "reservationTimeoutMinutes": 5, "busyTimeoutMs": 500,"#
                + #" "printConfirmTimeoutMs": 1000, "printerStatusIntervalMs": 200,"#)
        let config = try parse(text)
        #expect(config.locale == "nl-NL")
        #expect(config.businessDayStartsAt == (hour: 4, minute: 30))
        #expect(config.reservationTimeout == .seconds(300))
        #expect(config.busyTimeout == .milliseconds(500))
        #expect(config.printConfirmTimeout == .milliseconds(1000))
        #expect(config.printerStatusInterval == .milliseconds(200))
    }

    @Test func serialOverridesOfADevice() throws {
        let text = Self.edited(
            #""port": "/dev/ttyACM0" }"#,
            #""port": "/dev/ttyACM0", "baud": 115200, "dataBits": 7, "parity": "even","#
                + #" "stopBits": 2, "flowControl": "rtsCts" }"#)
        let scanner = try parse(text).device(.scanner)
        #expect(
            scanner
                == LaneConfig.DeviceEntry(
                    role: .scanner, profile: "generic-serial-scanner", port: "/dev/ttyACM0",
                    baud: 115200, dataBits: 7, parity: "even", stopBits: 2, flowControl: "rtsCts"))
    }

    @Test func nonStandardRateMarkParityAndXonXoff() throws {
        let text = Self.edited(
            #""port": "/dev/ttyACM0" }"#,
            #""port": "/dev/ttyACM0", "baud": 250000, "parity": "mark","#
                + #" "flowControl": "xonXoff" }"#)
        let scanner = try parse(text).device(.scanner)
        #expect(
            scanner
                == LaneConfig.DeviceEntry(
                    role: .scanner, profile: "generic-serial-scanner", port: "/dev/ttyACM0",
                    baud: 250000, parity: "mark", flowControl: "xonXoff"))
    }

    @Test func spaceParity() throws {
        let text = Self.edited(
            #""port": "/dev/ttyACM0" }"#, #""port": "/dev/ttyACM0", "parity": "space" }"#)
        #expect(try parse(text).device(.scanner)?.parity == "space")
    }

    @Test func relativePathsResolveAgainstTheFilesFolder() throws {
        let config = try parse(Self.edited(#""lane.sqlite""#, #""data/lane.sqlite""#))
        #expect(config.database == folder + "/data/lane.sqlite")
        #expect(config.program == folder + "/program.json")

        let absolute = try parse(Self.edited(#""lane.sqlite""#, #""/var/lib/lanegate/l.db""#))
        #expect(absolute.database == "/var/lib/lanegate/l.db")
    }

    @Test func aRelativeFilePortResolvesAgainstTheFilesFolder() throws {
        let relative = try parse(Self.edited("tcp://127.0.0.1:9100", "file:out/receipts.bin"))
        #expect(relative.device(.printer)?.port == "file:\(folder)/out/receipts.bin")

        let absolute = try parse(Self.edited("tcp://127.0.0.1:9100", "file:/tmp/receipts.bin"))
        #expect(absolute.device(.printer)?.port == "file:/tmp/receipts.bin")
    }

    @Test func loadResolvesAgainstTheFoldersOfTheFile() throws {
        let path = folder + "/lane.json"
        try Data(Self.base.utf8).write(to: URL(fileURLWithPath: path))
        let config = try LaneConfig.load(path: path)
        #expect(config.file == path)
        #expect(config.database == folder + "/lane.sqlite")
        #expect(config.program == folder + "/program.json")
    }

    // MARK: The five kinds of mistake

    @Test func unknownKey() {
        // Line 3 is `  "lane": "L03", "colour": "red",`: the new key starts at column 18.
        #expect(
            problems(Self.edited(#""lane": "L03","#, #""lane": "L03", "colour": "red","#))
                == [#"lane.json:3:18: $.colour: unknown key "colour" (valid: \#(Self.rootKeys))"#])
    }

    @Test func unknownKeyInADevice() {
        // Line 10: `    { "role": "scanner", "profile": "generic-serial-scanner",
        // "port": "/dev/ttyACM0", ` takes 86 characters, so the key is at column 87.
        let text = Self.edited(
            #""port": "/dev/ttyACM0" }"#, #""port": "/dev/ttyACM0", "baudrate": 9600 }"#)
        #expect(
            problems(text) == [
                #"lane.json:10:87: $.devices[0].baudrate: unknown key "baudrate": did you mean "baud"?"#
                    + " (valid: \(Self.deviceKeys))"
            ])
    }

    @Test func columnsCountCharactersNotBytes() {
        // `  "lane": "Kassa €1", ` is 22 characters but 24 bytes: the key is at column 23.
        let text = Self.edited(#""lane": "L03","#, #""lane": "Kassa €1", "colour": "red","#)
        #expect(
            problems(text)
                == [#"lane.json:3:23: $.colour: unknown key "colour" (valid: \#(Self.rootKeys))"#])
    }

    @Test func duplicateKey() {
        // `  "store": "S01", ` is 18 characters; the first key is at column 3.
        #expect(
            problems(Self.edited(#""store": "S01","#, #""store": "S01", "store": "S02","#))
                == [#"lane.json:2:19: $.store: duplicate key "store" (first at 2:3)"#])
    }

    @Test func duplicateKeyInADevice() {
        let text = Self.edited(
            #""port": "/dev/ttyACM0" }"#, #""port": "/dev/ttyACM0", "port": "/dev/ttyACM1" }"#)
        #expect(
            problems(text)
                == [#"lane.json:10:87: $.devices[0].port: duplicate key "port" (first at 10:63)"#])
    }

    /// A value of the wrong type where a string belongs: `true`, `1.00`, `null`, `[]`.
    @Test(arguments: [
        ("true", "a boolean"), ("1.00", "a number"), ("null", "null"), ("[]", "an array"),
        ("{}", "an object"),
    ])
    func wrongTypeWhereAStringBelongs(value: String, found: String) {
        // `  "lane": ` is 10 characters: the value is at column 11.
        #expect(
            problems(Self.edited(#""lane": "L03","#, #""lane": \#(value),"#))
                == ["lane.json:3:11: $.lane: expected a string, found \(found)"])
    }

    @Test(arguments: [
        (#""2000""#, "expected an integer, found a string"),
        ("2000.0", "expected an integer, found 2000.0"),
        ("2e3", "expected an integer, found 2e3"),
        ("true", "expected an integer, found a boolean"),
    ])
    func wrongTypeWhereAnIntegerBelongs(value: String, message: String) {
        // `  "busyTimeoutMs": ` is 19 characters: the value is at column 20.
        #expect(
            problems(Self.extra(#""busyTimeoutMs": \#(value)"#))
                == ["lane.json:13:20: $.busyTimeoutMs: \(message)"])
    }

    @Test func wrongTypeOfTheLists() {
        let text = Self.edited(
            #""pos": [{ "listen": "tcp://127.0.0.1:7450" }],"#, #""pos": { "listen": 7450 },"#)
        #expect(problems(text) == ["lane.json:8:10: $.pos: expected an array, found an object"])
    }

    @Test func aPOSLinkOfTheWrongShape() {
        // `  "pos": [` is 10 characters: the link's brace is at 11, its key at 13.
        let text = Self.edited(#"{ "listen": "tcp://127.0.0.1:7450" }"#, #"{ "port": 7450 }"#)
        #expect(
            problems(text) == [
                #"lane.json:8:11: $.pos[0]: a POS link needs "listen" or "serial" (valid:"#
                    + #" {"listen": "tcp://127.0.0.1:7450"} or {"serial": "/dev/ttyS1","#
                    + #" "baud": 9600})"#,
                #"lane.json:8:13: $.pos[0].port: unknown key "port" (valid: listen, serial)"#,
            ])
    }

    /// A value out of range, at the value's place.
    struct OutOfRange: Sendable, CustomTestStringConvertible {
        let old: String
        let new: String
        let problem: String
        var testDescription: String { problem }
    }

    static let outOfRange: [OutOfRange] = [
        // Line 2: `  "store": ` ends at column 11; the escape is a control character.
        OutOfRange(
            old: #""store": "S01""#, new: #""store": "S\u001b[2J""#,
            problem: "lane.json:2:12: $.store: must not hold control characters (found"
                + " U+001B; valid: printable text)"),
        // Line 10: `"port": "/dev/ttyACM0", "baud": ` ends at column 94.
        OutOfRange(
            old: #""port": "/dev/ttyACM0" }"#, new: #""port": "/dev/ttyACM0", "baud": 49 }"#,
            problem: "lane.json:10:95: $.devices[0].baud: 49 is out of range"
                + " (valid: \(bauds))"),
        OutOfRange(
            old: #""port": "/dev/ttyACM0" }"#,
            new: #""port": "/dev/ttyACM0", "baud": 921601 }"#,
            problem: "lane.json:10:95: $.devices[0].baud: 921601 is out of range"
                + " (valid: \(bauds))"),
        OutOfRange(
            old: #""port": "/dev/ttyACM0" }"#,
            new: #""port": "/dev/ttyACM0", "dataBits": 9 }"#,
            problem: "lane.json:10:99: $.devices[0].dataBits: 9 is out of range (valid: 7...8)"),
        OutOfRange(
            old: #""port": "/dev/ttyACM0" }"#,
            new: #""port": "/dev/ttyACM0", "stopBits": 0 }"#,
            problem: "lane.json:10:99: $.devices[0].stopBits: 0 is out of range (valid: 1...2)"),
        OutOfRange(
            old: #""port": "/dev/ttyACM0" }"#,
            new: #""port": "/dev/ttyACM0", "parity": "stick" }"#,
            problem: #"lane.json:10:97: $.devices[0].parity: "stick" is not allowed"#
                + " (valid: none, even, odd, mark, space)"),
        OutOfRange(
            old: #""port": "/dev/ttyACM0" }"#,
            new: #""port": "/dev/ttyACM0", "flowControl": "dtrDsr" }"#,
            problem: #"lane.json:10:102: $.devices[0].flowControl: "dtrDsr" is not allowed"#
                + " (valid: none, rtsCts, xonXoff)"),
        // `    { "role": ` is 14 characters.
        OutOfRange(
            old: #""role": "scanner""#, new: #""role": "scale""#,
            problem: #"lane.json:10:15: $.devices[0].role: "scale" is not allowed"#
                + " (valid: scanner, printer, card-reader)"),
        OutOfRange(
            old: #""/dev/ttyACM0""#, new: #""ttyACM0""#,
            problem: #"lane.json:10:71: $.devices[0].port: "ttyACM0" is not a port (valid: a"#
                + " device path such as /dev/ttyUSB0, tcp://HOST:PORT, or file:PATH)"),
        // Line 11: `    { "role": "printer", "profile": "epson-tm-t88v", "port": ` is 61.
        OutOfRange(
            old: #""tcp://127.0.0.1:9100""#, new: #""tcp://printer-l03""#,
            problem: #"lane.json:11:62: $.devices[1].port: "tcp://printer-l03" is not a port"#
                + ": it has no :PORT (valid: a device path such as /dev/ttyUSB0,"
                + " tcp://HOST:PORT, or file:PATH)"),
        OutOfRange(
            old: #""tcp://127.0.0.1:9100""#, new: #""tcp://printer-l03:70000""#,
            problem: #"lane.json:11:62: $.devices[1].port: "tcp://printer-l03:70000" is not a"#
                + " port: the port 70000 is above 65535 (valid: a device path such as"
                + " /dev/ttyUSB0, tcp://HOST:PORT, or file:PATH)"),
        OutOfRange(
            old: #""tcp://127.0.0.1:9100""#, new: #""file:""#,
            problem: #"lane.json:11:62: $.devices[1].port: "file:" is not a port (valid: a"#
                + " device path such as /dev/ttyUSB0, tcp://HOST:PORT, or file:PATH)"),
        // `  "currency": ` and `  "timezone": ` are 14 characters.
        OutOfRange(
            old: #""EUR""#, new: #""XYZ""#,
            problem: #"lane.json:5:15: $.currency: "XYZ" is not an ISO 4217 currency code"#
                + " lanegate knows (valid: an upper-case code such as EUR, USD, GBP, CHF, JPY)"),
        OutOfRange(
            old: #""EUR""#, new: #""eur""#,
            problem: #"lane.json:5:15: $.currency: "eur" is not an ISO 4217 currency code"#
                + " lanegate knows (valid: an upper-case code such as EUR, USD, GBP, CHF, JPY)"),
        OutOfRange(
            old: #""S01""#, new: #""""#,
            problem: "lane.json:2:12: $.store: must not be empty"),
        // Keys added at the end of the root: line 13, the key at column 3.
        OutOfRange(
            old: "  ]\n}", new: "  ],\n  \"busyTimeoutMs\": 5\n}",
            problem: "lane.json:13:20: $.busyTimeoutMs: 5 is out of range (valid: 10...60000)"),
        OutOfRange(
            old: "  ]\n}", new: "  ],\n  \"reservationTimeoutMinutes\": 0\n}",
            problem: "lane.json:13:32: $.reservationTimeoutMinutes: 0 is out of range"
                + " (valid: 1...1440)"),
        OutOfRange(
            old: "  ]\n}", new: "  ],\n  \"printConfirmTimeoutMs\": 120001\n}",
            problem: "lane.json:13:28: $.printConfirmTimeoutMs: 120001 is out of range"
                + " (valid: 50...120000)"),
        OutOfRange(
            old: "  ]\n}", new: "  ],\n  \"printerStatusIntervalMs\": 19\n}",
            problem: "lane.json:13:30: $.printerStatusIntervalMs: 19 is out of range"
                + " (valid: 20...600000)"),
        OutOfRange(
            old: "  ]\n}", new: "  ],\n  \"busyTimeoutMs\": 99999999999999999999\n}",
            problem: "lane.json:13:20: $.busyTimeoutMs: 99999999999999999999 is out of range"
                + " (valid: 10...60000)"),
        OutOfRange(
            old: "  ]\n}", new: "  ],\n  \"businessDayStartsAt\": \"24:00\"\n}",
            problem: #"lane.json:13:26: $.businessDayStartsAt: "24:00" is not a time of day"#
                + #" (valid: "HH:MM" from 00:00 to 23:59, e.g. "04:00")"#),
        OutOfRange(
            old: "  ]\n}", new: "  ],\n  \"businessDayStartsAt\": \"4:00\"\n}",
            problem: #"lane.json:13:26: $.businessDayStartsAt: "4:00" is not a time of day"#
                + #" (valid: "HH:MM" from 00:00 to 23:59, e.g. "04:00")"#),
        OutOfRange(
            old: "  ]\n}", new: "  ],\n  \"locale\": \"dutch\"\n}",
            problem: #"lane.json:13:13: $.locale: "dutch" is not a language tag (valid: a"#
                + " language and an optional region, such as nl, nl-NL, de-CH)"),
    ]

    @Test(arguments: outOfRange)
    func valueOutOfRange(_ mistake: OutOfRange) {
        #expect(problems(Self.edited(mistake.old, mistake.new)) == [mistake.problem])
    }

    @Test(arguments: ["CET", "Europe/Amsterdm", "Mars/Olympus_Mons", "+01:00", "EST5EDT"])
    func aTimeZoneThatIsNotIANAs(zone: String) {
        #expect(
            problems(Self.edited(#""Europe/Amsterdam""#, "\"\(zone)\"")) == [
                #"lane.json:4:15: $.timezone: "\#(zone)" is not an IANA time zone (valid: names"#
                    + " such as Europe/Amsterdam, America/New_York, UTC)"
            ])
    }

    @Test(arguments: ["UTC", "America/New_York", "Asia/Bangkok", "America/Argentina/Salta"])
    func anIANATimeZone(zone: String) throws {
        // Foundation on Linux names UTC "GMT", so the zones are compared, not the names.
        let config = try parse(Self.edited(#""Europe/Amsterdam""#, "\"\(zone)\""))
        #expect(config.timeZone == TimeZone(identifier: zone))
        #expect(zone == "UTC" || config.timeZone.identifier == zone)
    }

    @Test func missingFile() {
        let path = "/nonexistent/lanegate/lane.json"
        #expect(throws: JSONProblems.self) { try LaneConfig.load(path: path) }
        do {
            _ = try LaneConfig.load(path: path)
        } catch {
            #expect(
                error.description
                    == "\(path):1:1: $: cannot read the file: No such file or directory")
        }
    }

    @Test func missingProgramFile() {
        // `  "program": ` is 13 characters.
        #expect(
            problems(Self.edited(#""program.json""#, #""programme.json""#)) == [
                "lane.json:7:14: $.program: the program file \(folder)/programme.json does not"
                    + " exist (valid: a path to a program JSON file, relative to this file's folder)"
            ])
    }

    @Test func missingRequiredKey() {
        #expect(
            problems(Self.edited("  \"currency\": \"EUR\",\n", ""))
                == [#"lane.json:1:1: $: missing required key "currency""#])
    }

    @Test func aSyntaxErrorIsOneProblemAtItsPlace() {
        // `  "lane": "L03",` is 16 characters; the second comma is at column 17.
        #expect(
            problems(Self.edited(#""lane": "L03","#, #""lane": "L03",,"#))
                == ["lane.json:3:17: $: expected a string key, found ','"])
    }

    // MARK: Listeners

    @Test func aListenerOffLoopbackNeedsAnAllowList() {
        // `  "pos": [{ "listen": ` is 22 characters.
        #expect(
            problems(Self.edited("tcp://127.0.0.1:7450", "tcp://0.0.0.0:7450")) == [
                #"lane.json:8:23: $.pos[0].listen: a listener on 0.0.0.0 needs an "allow" list"#
                    + #" of client addresses (valid: bind 127.0.0.1, or add "allow": ["10.0.0.5"])"#
            ])
    }

    @Test func aListenerOffLoopbackWithAnAllowList() throws {
        let text = Self.edited(
            #""tcp://127.0.0.1:7450" }"#,
            #""tcp://10.0.0.2:7450", "allow": ["10.0.0.5", "fd00::5"] }"#)
        #expect(
            try parse(text).pos
                == [.listen(host: "10.0.0.2", port: 7450, allow: ["10.0.0.5", "fd00::5"])])
    }

    @Test func anAllowEntryMustBeAnAddress() {
        // `  "pos": [{ "listen": "tcp://10.0.0.2:7450", "allow": ["10.0.0.5", ` is 67.
        let text = Self.edited(
            #""tcp://127.0.0.1:7450" }"#,
            #""tcp://10.0.0.2:7450", "allow": ["10.0.0.5", "pos-1"] }"#)
        #expect(
            problems(text) == [
                #"lane.json:8:68: $.pos[0].allow[1]: "pos-1" is not an IP address (valid: a"#
                    + " client address written as the listener sees it, such as 10.0.0.5 or fd00::5)"
            ])
    }

    @Test(arguments: ["tcp://127.0.0.1:7450", "tcp://localhost:7450", "tcp://127.0.0.1:0"])
    func aLoopbackListenerNeedsNoAllowList(listen: String) throws {
        let config = try parse(Self.edited("tcp://127.0.0.1:7450", listen))
        #expect(config.pos.count == 1)
    }

    @Test func aSerialPOSLink() throws {
        let link = #"{ "serial": "/dev/ttyS1", "baud": 19200 }"#
        let config = try parse(Self.edited(#"{ "listen": "tcp://127.0.0.1:7450" }"#, link))
        #expect(config.pos == [.serial(path: "/dev/ttyS1", baud: 19200)])
    }

    @Test(arguments: [50, 9601, 31_250, 250_000, 921_600])
    func aSerialPOSLinkAtAnyRateInTheRange(baud: Int) throws {
        let link = #"{ "serial": "/dev/ttyS1", "baud": \#(baud) }"#
        let config = try parse(Self.edited(#"{ "listen": "tcp://127.0.0.1:7450" }"#, link))
        #expect(config.pos == [.serial(path: "/dev/ttyS1", baud: baud)])
    }

    @Test(arguments: [0, 49, 921_601, 4_000_000])
    func aSerialPOSLinkAtARateOutOfRange(baud: Int) {
        // `  "pos": [{ "serial": "/dev/ttyS1", "baud": ` is 44 characters.
        let link = #"{ "serial": "/dev/ttyS1", "baud": \#(baud) }"#
        #expect(
            problems(Self.edited(#"{ "listen": "tcp://127.0.0.1:7450" }"#, link))
                == ["lane.json:8:45: $.pos[0].baud: \(baud) is out of range (valid: 50...921600)"])
    }

    @Test func twoScanners() {
        let text = Self.edited(
            #""role": "printer", "profile": "epson-tm-t88v""#,
            #""role": "scanner", "profile": "generic-serial-scanner""#)
        #expect(
            problems(text) == [
                "lane.json:9:14: $.devices: more than one scanner (valid: at most one scanner, one"
                    + " card-reader and one printer per lane)"
            ])
    }

    // MARK: Every problem, in order

    @Test func everyProblemIsReportedInFileOrder() {
        let text = """
            {
              "store": "S01",
              "lane": true,
              "timezone": "CET",
              "currency": "EUR",
              "database": "lane.sqlite",
              "program": "program.json",
              "pos": [{ "listen": "tcp://0.0.0.0:7450" }, { "serial": "/dev/ttyS1", "baud": 10 }],
              "devices": [
                { "role": "scanner", "profile": "generic-serial-scanner", "port": "/dev/ttyACM0", "colour": 1 },
                { "role": "printer", "profile": "epson-tm-t88v", "port": "lp0", "port": "x" }
              ],
              "busyTimeoutMs": 5
            }
            """
        #expect(
            problems(text) == [
                "lane.json:3:11: $.lane: expected a string, found a boolean",
                #"lane.json:4:15: $.timezone: "CET" is not an IANA time zone (valid: names such as"#
                    + " Europe/Amsterdam, America/New_York, UTC)",
                #"lane.json:8:23: $.pos[0].listen: a listener on 0.0.0.0 needs an "allow" list"#
                    + #" of client addresses (valid: bind 127.0.0.1, or add "allow": ["10.0.0.5"])"#,
                "lane.json:8:81: $.pos[1].baud: 10 is out of range (valid: \(Self.bauds))",
                #"lane.json:10:87: $.devices[0].colour: unknown key "colour""#
                    + " (valid: \(Self.deviceKeys))",
                #"lane.json:11:62: $.devices[1].port: "lp0" is not a port (valid: a device path"#
                    + " such as /dev/ttyUSB0, tcp://HOST:PORT, or file:PATH)",
                #"lane.json:11:69: $.devices[1].port: duplicate key "port" (first at 11:54)"#,
                "lane.json:13:20: $.busyTimeoutMs: 5 is out of range (valid: 10...60000)",
            ])
    }

    // MARK: A device named by match keys

    @Test func aScannerNamedByMatchKeys() throws {
        let text = Self.edited(
            #""port": "/dev/ttyACM0""#,
            #""match": { "usb": [{ "vendor": "0c2e", "product": "0b81" }], "#
                + #""subsystems": ["tty"] }"#)
        let scanner = try #require(try parse(text).device(.scanner))
        #expect(scanner.port == "")
        #expect(
            scanner.match
                == ProfileMatch(
                    usb: [ProfileMatch.USBID(vendor: 0x0c2e, product: 0x0b81)], subsystems: ["tty"])
        )
        #expect(scanner.place == "match usb=0c2e:0b81 subsystems=tty")
    }

    @Test func aDeviceWithNeitherPortNorMatch() {
        // Line 10 without its port: the device's `{` is at column 5.
        #expect(
            problems(Self.edited(#", "port": "/dev/ttyACM0""#, "")) == [
                #"lane.json:10:5: $.devices[0]: a device needs "port" or "match" (valid: "port": "#
                    + #""/dev/ttyACM0", or "match": {"usb": [{"vendor": "0c2e", "product": "0b81"}]})"#
            ])
    }

    @Test func aDeviceWithBothPortAndMatch() {
        // `"port": "/dev/ttyACM0", ` takes columns 63 to 86; `"match": ` 87 to 95, so its
        // value is at column 96.
        let text = Self.edited(
            #""port": "/dev/ttyACM0""#,
            #""port": "/dev/ttyACM0", "match": { "models": ["Xenon"] }"#)
        #expect(
            problems(text) == [
                #"lane.json:10:96: $.devices[0].match: a device is named by "port" or by "match", "#
                    + "not both (valid: remove one of the two)"
            ])
    }

    @Test func aPrinterIsNotNamedByMatchKeys() {
        // Line 11's port key is at column 54, so the match's value is at column 63.
        let text = Self.edited(
            #""port": "tcp://127.0.0.1:9100""#, #""match": { "models": ["TM-T88V"] }"#)
        #expect(
            problems(text) == [
                #"lane.json:11:63: $.devices[1].match: a printer is named by its port, not by "#
                    + #"match keys (valid: "port": "/dev/usb/lp0" or "tcp://HOST:PORT")"#
            ])
    }

    @Test(arguments: [
        (
            #"{ "usb": [{ "vendor": "c2e" }] }"#,
            #"lane.json:10:94: $.devices[0].match.usb[0].vendor: "c2e" is not a USB vendor id "#
                + #"(valid: four hex digits as lsusb shows them, e.g. "0c2e")"#
        ),
        (
            "{}",
            "lane.json:10:72: $.devices[0].match: a match needs at least one key (valid: usb, "
                + "models, usagePage, ieee1284, subsystems)"
        ),
        (
            #"{ "subsystems": ["usb"] }"#,
            #"lane.json:10:88: $.devices[0].match.subsystems: "usb" is not a subsystem "#
                + "lanegate reads (valid: tty, hidraw, input, usbmisc)"
        ),
    ])
    func aMatchWithAProblem(match: String, problem: String) {
        // `"match": ` starts at column 63, so the match object's `{` is at column 72.
        let text = Self.edited(#""port": "/dev/ttyACM0""#, #""match": "# + match)
        #expect(problems(text) == [problem])
    }
}
