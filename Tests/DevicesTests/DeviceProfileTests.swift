import Foundation
import StrictJSON
import Testing

@testable import Devices

/// Device profiles: every bundled one loads, and each kind of mistake gives its exact line
/// (`FILE:LINE:COLUMN: $.path: what is wrong (valid: …)`).
@Suite struct DeviceProfileTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("devices").path

    /// Every profile in `devices/`, found by listing the folder so a new one is tested too.
    static let bundled: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".json") && $0 != "profile.schema.json" }
            .map { String($0.dropLast(".json".count)) }.sorted()
    }()

    @Test func theBundledProfilesAreThere() {
        #expect(Self.bundled.count >= 3)
        #expect(Self.bundled.contains("epson-tm-t88v"))
    }

    @Test(arguments: bundled)
    func bundledProfileLoads(name: String) throws {
        let profile = try DeviceProfile.load(path: "\(Self.folder)/\(name).json")
        #expect(profile.name == name)
        #expect((profile.kind != .printer) == (profile.scanner != nil))
        #expect((profile.kind == .printer) == (profile.printer != nil))
    }

    /// The schema for outside tools lists the same facts as the loader.
    @Test func theSchemaNamesTheLoadersFacts() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.folder + "/profile.schema.json"))
        let schema = try JSONSerialization.jsonObject(with: data)
        func value(_ path: String...) -> Any? {
            path.reduce(schema as Any?) { ($0 as? [String: Any])?[$1] }
        }
        var facts = Set(DeviceProfile.rootFacts)
        for (section, keys) in DeviceProfile.factKeys {
            facts.formUnion(keys.map { "\(section).\($0)" })
        }
        let listed = value("properties", "sources", "propertyNames", "enum") as? [String]
        #expect(Set(listed ?? []) == facts)
        let printerKeys = value("$defs", "printer", "required") as? [String]
        #expect(Set(printerKeys ?? []) == DeviceProfile.requiredKeys["printer"])
        let scannerKeys = value("$defs", "scanner", "required") as? [String]
        #expect(Set(scannerKeys ?? []) == DeviceProfile.requiredKeys["scanner"])
    }

    /// The models issue 3 names, each with what its manual says that matters to a lane.
    @Test func theBundledFamilies() throws {
        func load(_ name: String) throws -> DeviceProfile {
            try DeviceProfile.load(path: "\(Self.folder)/\(name).json")
        }
        #expect(Self.bundled.count >= 15)
        let t88vi = try load("epson-tm-t88vi")
        #expect(t88vi.parent == "epson-tm-t88v")
        #expect(t88vi.printer == (try load("epson-tm-t88v")).printer)
        #expect(t88vi.match?.ieee1284 == ["MFG": "EPSON", "MDL": "TM-T88VI"])
        #expect(try load("epson-tm-t20iii").printer?.printableDots == 576)
        #expect(try load("star-tsp143iii").printer?.commandSet == .starGraphicOnly)
        #expect(try load("star-tsp654ii").printer?.commandSet == .starLine)
        #expect(try load("star-tsp654ii-escpos").printer?.commandSet == .escpos)
        let hidpos = try load("honeywell-xenon-1900-hidpos")
        #expect(hidpos.scanner?.interface == .hidraw)
        #expect(hidpos.scanner?.enablingFeatureReport == [0xFE, 0x01])
        #expect(hidpos.match?.usagePage == 0x8C)
        // Inherited from the RS-232 profile, with its source.
        #expect(hidpos.scanner?.idleGapMilliseconds == 50)
        #expect(hidpos.sources["scanner.idleGapMs"]?.contains("115,200") == true)
        for name in ["honeywell-voyager-1250g", "zebra-ds2208", "zebra-ls2208"] {
            #expect(try load(name).scanner?.interface == .serial)
            let usb = try load(name + "-usb").scanner
            #expect(usb?.interface == .evdev)
            #expect(usb?.keyboard?.suffixKey == .enter)
        }
        #expect(try load("magtek-dynamag-kb").kind == .cardReader)
        #expect(try load("idtech-minimag-ii").kind == .cardReader)
    }

    @Test func readsTheEpsonProfile() throws {
        let profile = try DeviceProfile.load(path: "\(Self.folder)/epson-tm-t88v.json")
        #expect(profile.kind == .printer)
        #expect(
            profile.serial
                == DeviceProfile.SerialSettings(
                    baud: 38400, dataBits: 8, parity: "none", stopBits: 1, flowControl: "rtsCts"))
        #expect(
            profile.printer
                == DeviceProfile.PrinterSettings(
                    paperWidthMM: 80, printableDots: 512, columnsFontA: 42, columnsFontB: 56,
                    codePages: [19, 16, 2, 0], qrCode: true, cut: "partial", status: true,
                    completion: "process-id", automaticStatusBack: true))
        #expect(profile.sources.count == 12)
        #expect(profile.sources["printer.automaticStatusBack"]?.contains("GS a") == true)
        #expect(profile.printer?.commandSet == .escpos)
    }

    @Test func automaticStatusBackIsOffUnlessSaid() throws {
        let profile = try DeviceProfile.parse(Array(Self.printer.utf8), file: "acme-p80.json")
        #expect(profile.printer?.automaticStatusBack == false)
        let said = Self.edited(
            Self.edited(
                Self.printer, #""completion": "none""#,
                #""completion": "none", "automaticStatusBack": true"#),
            #""printer.completion": "P80 guide, 9""#,
            #""printer.completion": "P80 guide, 9", "printer.automaticStatusBack": "P80 guide, 9""#)
        let on = try DeviceProfile.parse(Array(said.utf8), file: "acme-p80.json")
        #expect(on.printer?.automaticStatusBack == true)
    }

    /// A printer profile saying `automaticStatusBack` wrongly: the edits to `printer` (each
    /// old text occurring once) and the one problem.
    struct AutomaticStatusCase: Sendable, CustomTestStringConvertible {
        let edits: [[String]]
        let problem: String
        var testDescription: String { problem }
    }

    static let automaticStatusMistakes: [AutomaticStatusCase] = [
        AutomaticStatusCase(
            edits: [
                [#""completion": "none""#, #""completion": "none", "automaticStatusBack": 1"#]
            ],
            problem: "acme-p80.json:14:50: $.printer.automaticStatusBack: expected a boolean,"
                + " found a number"),
        AutomaticStatusCase(
            edits: [
                [#""status": true"#, #""status": false"#],
                [#""completion": "none""#, #""completion": "none", "automaticStatusBack": true"#],
            ],
            problem: "acme-p80.json:14:50: $.printer.automaticStatusBack: true needs"
                + #" "status": true: Automatic Status Back messages come back where DLE EOT"#
                + #" replies do (valid: set "status" to true, or "automaticStatusBack" to false)"#),
        AutomaticStatusCase(
            edits: [
                [
                    #""completion": "none""#,
                    #""completion": "none", "commandSet": "star-line", "automaticStatusBack": true"#,
                ],
                [
                    #""printer.completion": "P80 guide, 9""#,
                    #""printer.completion": "P80 guide, 9", "printer.commandSet": "x""#,
                ],
            ],
            problem: "acme-p80.json:14:77: $.printer.automaticStatusBack: true applies to"
                + #" ESC/POS printers only (GS a), and "commandSet" is "star-line" (valid:"#
                + #" false, or "commandSet": "escpos")"#),
    ]

    @Test(arguments: automaticStatusMistakes)
    func automaticStatusBackMistakes(_ mistake: AutomaticStatusCase) {
        var text = Self.edited(
            Self.printer, #""printer.completion": "P80 guide, 9""#,
            #""printer.completion": "P80 guide, 9", "printer.automaticStatusBack": "x""#)
        for edit in mistake.edits {
            text = Self.edited(text, edit[0], edit[1])
        }
        #expect(problems(text, file: "acme-p80.json") == [mistake.problem])
    }

    // MARK: Profiles written out here

    /// A scanner profile; lines are numbered in the comments the tests refer to.
    static let scanner = #"""
        {
          "profile": "acme-1000",
          "kind": "scanner",
          "maker": "ACME",
          "model": "1000",
          "serial": { "baud": 9600, "dataBits": 8, "parity": "none", "stopBits": 1, "flowControl": "none" },
          "scanner": {
            "prefix": "",
            "suffixes": ["\r\n", "\r"],
            "endsOn": "suffix",
            "idleGapMs": 50,
            "aim": "optional"
          },
          "sources": {
            "serial": "ACME 1000 manual, 4.1",
            "scanner.suffixes": "ACME 1000 manual, 5.2",
            "scanner.endsOn": "ACME 1000 manual, 5.2",
            "scanner.idleGapMs": "ACME 1000 manual, 5.3",
            "scanner.aim": "ACME 1000 manual, 6.1"
          }
        }
        """#

    /// A printer profile without serial settings (a network printer).
    static let printer = #"""
        {
          "profile": "acme-p80",
          "kind": "printer",
          "maker": "ACME",
          "model": "P80",
          "printer": {
            "paperWidthMM": 80,
            "printableDots": 576,
            "columns": { "fontA": 48, "fontB": 64 },
            "codePages": [19, 0],
            "qrCode": true,
            "cut": "full",
            "status": true,
            "completion": "none"
          },
          "sources": {
            "printer.paperWidthMM": "P80 guide, 2.1",
            "printer.printableDots": "P80 guide, 2.1",
            "printer.columns": "P80 guide, 2.2",
            "printer.codePages": "P80 guide, 7",
            "printer.qrCode": "P80 guide, 8",
            "printer.cut": "P80 guide, 2.4",
            "printer.status": "P80 guide, 9",
            "printer.completion": "P80 guide, 9"
          }
        }
        """#

    static let scannerFacts =
        "scanner.aim, scanner.endsOn, scanner.idleGapMs, scanner.suffixes,"
        + " serial"

    /// `text` with `old` (which must occur exactly once) replaced by `new`.
    static func edited(_ text: String, _ old: String, _ new: String) -> String {
        let pieces = text.components(separatedBy: old)
        precondition(pieces.count == 2, "\(old) must occur exactly once")
        return pieces.joined(separator: new)
    }

    func problems(_ text: String, file: String = "acme-1000.json") -> [String] {
        do {
            _ = try DeviceProfile.parse(Array(text.utf8), file: file)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    /// Any rate from 50 to 921600, standard or not, with every parity and flow control.
    @Test(arguments: [
        (50, "mark", "xonXoff"), (31_250, "space", "none"), (76_800, "odd", "rtsCts"),
        (250_000, "even", "xonXoff"), (921_600, "none", "rtsCts"),
    ])
    func serialSettingsInTheRange(baud: Int, parity: String, flow: String) throws {
        var text = Self.edited(Self.scanner, #""baud": 9600"#, #""baud": \#(baud)"#)
        text = Self.edited(text, #""parity": "none""#, #""parity": "\#(parity)""#)
        text = Self.edited(text, #""flowControl": "none""#, #""flowControl": "\#(flow)""#)
        let profile = try DeviceProfile.parse(Array(text.utf8), file: "acme-1000.json")
        #expect(
            profile.serial
                == DeviceProfile.SerialSettings(
                    baud: baud, dataBits: 8, parity: parity, stopBits: 1, flowControl: flow))
    }

    @Test func readsAScannerProfile() throws {
        let profile = try DeviceProfile.parse(Array(Self.scanner.utf8), file: "acme-1000.json")
        #expect(
            profile
                == DeviceProfile(
                    name: "acme-1000", kind: .scanner, maker: "ACME", model: "1000",
                    serial: .init(
                        baud: 9600, dataBits: 8, parity: "none", stopBits: 1, flowControl: "none"),
                    scanner: .init(
                        prefix: [], suffixes: [[0x0D, 0x0A], [0x0D]], endsOn: "suffix",
                        idleGapMilliseconds: 50, aim: "optional"),
                    printer: nil,
                    sources: [
                        "serial": "ACME 1000 manual, 4.1",
                        "scanner.suffixes": "ACME 1000 manual, 5.2",
                        "scanner.endsOn": "ACME 1000 manual, 5.2",
                        "scanner.idleGapMs": "ACME 1000 manual, 5.3",
                        "scanner.aim": "ACME 1000 manual, 6.1",
                    ]))
    }

    @Test func aScannerWithoutSuffixEndsOnTheIdleGap() throws {
        var text = Self.edited(Self.scanner, #"["\r\n", "\r"]"#, "[]")
        text = Self.edited(text, #""endsOn": "suffix""#, #""endsOn": "idle""#)
        let scanner = try DeviceProfile.parse(Array(text.utf8), file: "acme-1000.json").scanner
        #expect(scanner?.suffixes == [])
        #expect(scanner?.endsOn == "idle")
    }

    @Test func readsAPrinterProfileWithoutSerialSettings() throws {
        let profile = try DeviceProfile.parse(Array(Self.printer.utf8), file: "acme-p80.json")
        #expect(profile.serial == nil)
        #expect(
            profile.printer
                == DeviceProfile.PrinterSettings(
                    paperWidthMM: 80, printableDots: 576, columnsFontA: 48, columnsFontB: 64,
                    codePages: [19, 0], qrCode: true, cut: "full", status: true, completion: "none")
        )
    }

    // MARK: The five kinds of mistake

    @Test func unknownKey() {
        // Line 4 is `  "maker": "ACME", "colour": "red",`: the key is at column 20.
        let text = Self.edited(
            Self.scanner, #""maker": "ACME","#, #""maker": "ACME", "colour": "red","#)
        #expect(
            problems(text) == [
                #"acme-1000.json:4:20: $.colour: unknown key "colour" (valid: profile,"#
                    + " extends, kind, maker, model, match, serial, scanner, sources)"
            ])
    }

    @Test func unknownKeyInASectionIsNotAlsoAnUnsourcedFact() {
        // Line 12 is `    "aim": "optional", "beep": true`: the key is at column 24.
        let text = Self.edited(
            Self.scanner, #""aim": "optional""#, #""aim": "optional", "beep": true"#)
        #expect(
            problems(text) == [
                #"acme-1000.json:12:24: $.scanner.beep: unknown key "beep" (valid: prefix,"#
                    + " suffixes, endsOn, idleGapMs, aim, interface, keyboard, hid)"
            ])
    }

    @Test func aSectionOfTheOtherKindIsUnknown() {
        let text = Self.edited(
            Self.scanner, "  \"sources\": {", "  \"printer\": {},\n  \"sources\": {")
        #expect(
            problems(text) == [
                #"acme-1000.json:14:3: $.printer: unknown key "printer" (valid: profile,"#
                    + " extends, kind, maker, model, match, serial, scanner, sources)"
            ])
    }

    @Test func duplicateKey() {
        // `  "maker": "ACME", ` is 19 characters; the first key is at column 3.
        let text = Self.edited(
            Self.scanner, #""maker": "ACME","#, #""maker": "ACME", "maker": "Acme","#)
        #expect(
            problems(text)
                == [#"acme-1000.json:4:20: $.maker: duplicate key "maker" (first at 4:3)"#])
    }

    @Test func duplicateSource() {
        // `    "serial": "ACME 1000 manual, 4.1", ` is 39 characters.
        let text = Self.edited(
            Self.scanner, #""serial": "ACME 1000 manual, 4.1","#,
            #""serial": "ACME 1000 manual, 4.1", "serial": "ACME 1000 manual, 4.2","#)
        #expect(
            problems(text)
                == [
                    #"acme-1000.json:15:40: $.sources.serial: duplicate key "serial" (first at 15:5)"#
                ])
    }

    /// A file and the one problem it must give.
    struct Mistake: Sendable, CustomTestStringConvertible {
        let old: String
        let new: String
        let problem: String
        var testDescription: String { problem }
    }

    static let wrongTypes: [Mistake] = [
        // `    "idleGapMs": ` is 17 characters.
        Mistake(
            old: #""idleGapMs": 50"#, new: #""idleGapMs": "50""#,
            problem: "acme-1000.json:11:18: $.scanner.idleGapMs: expected an integer, found"
                + " a string"),
        Mistake(
            old: #""idleGapMs": 50"#, new: #""idleGapMs": 50.0"#,
            problem: "acme-1000.json:11:18: $.scanner.idleGapMs: expected an integer, found"
                + " 50.0"),
        // `    "suffixes": ` is 16 characters; in `["\r\n", 13]` the 13 is 10th.
        Mistake(
            old: #"["\r\n", "\r"]"#, new: #""\r""#,
            problem: "acme-1000.json:9:17: $.scanner.suffixes: expected an array, found a"
                + " string"),
        Mistake(
            old: #"["\r\n", "\r"]"#, new: #"["\r\n", 13]"#,
            problem: "acme-1000.json:9:26: $.scanner.suffixes[1]: expected a string, found a"
                + " number"),
        // `  "model": ` is 11 characters.
        Mistake(
            old: #""model": "1000""#, new: #""model": 1000"#,
            problem: "acme-1000.json:5:12: $.model: expected a string, found a number"),
        Mistake(
            old: #""model": "1000""#, new: #""model": true"#,
            problem: "acme-1000.json:5:12: $.model: expected a string, found a boolean"),
        // `  "serial": ` is 12 characters.
        Mistake(
            old: #"{ "baud": 9600, "dataBits": 8, "parity": "none", "stopBits": 1, "#
                + #""flowControl": "none" }"#,
            new: #""9600 8N1""#,
            problem: "acme-1000.json:6:13: $.serial: expected an object, found a string"),
        // `    "scanner.aim": ` is 19 characters.
        Mistake(
            old: #""scanner.aim": "ACME 1000 manual, 6.1""#, new: #""scanner.aim": 61"#,
            problem: "acme-1000.json:19:20: $.sources[\"scanner.aim\"]: expected the manual"
                + " and section as a non-empty string, found a number"),
    ]

    @Test(arguments: wrongTypes)
    func wrongType(_ mistake: Mistake) {
        #expect(problems(Self.edited(Self.scanner, mistake.old, mistake.new)) == [mistake.problem])
    }

    static let outOfRange: [Mistake] = [
        // Line 6: `  "serial": { "baud": ` is 22 characters.
        Mistake(
            old: #""baud": 9600"#, new: #""baud": 49"#,
            problem: "acme-1000.json:6:23: $.serial.baud: 49 is out of range"
                + " (valid: 50...921600)"),
        Mistake(
            old: #""baud": 9600"#, new: #""baud": 1000000"#,
            problem: "acme-1000.json:6:23: $.serial.baud: 1000000 is out of range"
                + " (valid: 50...921600)"),
        Mistake(
            old: #""dataBits": 8"#, new: #""dataBits": 6"#,
            problem: "acme-1000.json:6:41: $.serial.dataBits: 6 is out of range"
                + " (valid: 7...8)"),
        Mistake(
            old: #""parity": "none""#, new: #""parity": "stick""#,
            problem: #"acme-1000.json:6:54: $.serial.parity: "stick" is not allowed"#
                + " (valid: none, even, odd, mark, space)"),
        // Line 6 up to `"flowControl": ` is 91 characters.
        Mistake(
            old: #""flowControl": "none""#, new: #""flowControl": "dtrDsr""#,
            problem: #"acme-1000.json:6:92: $.serial.flowControl: "dtrDsr" is not"#
                + " allowed (valid: none, rtsCts, xonXoff)"),
        Mistake(
            old: #""idleGapMs": 50"#, new: #""idleGapMs": 4"#,
            problem: "acme-1000.json:11:18: $.scanner.idleGapMs: 4 is out of range"
                + " (valid: 5...5000)"),
        Mistake(
            old: #""endsOn": "suffix""#, new: #""endsOn": "newline""#,
            problem: #"acme-1000.json:10:15: $.scanner.endsOn: "newline" is not allowed"#
                + " (valid: suffix, suffix-then-idle, idle)"),
        Mistake(
            old: #""aim": "optional""#, new: #""aim": "sometimes""#,
            problem: #"acme-1000.json:12:12: $.scanner.aim: "sometimes" is not allowed"#
                + " (valid: optional, always, never)"),
        Mistake(
            old: #"["\r\n", "\r"]"#, new: "[]",
            problem: #"acme-1000.json:9:17: $.scanner.suffixes: ending on "suffix" needs"#
                + #" at least one suffix (valid: e.g. ["\r"], or [] with "endsOn": "idle")"#),
        Mistake(
            old: #"["\r\n", "\r"]"#, new: #"["\r", ""]"#,
            problem: "acme-1000.json:9:17: $.scanner.suffixes: every suffix must be at least"
                + #" one character (valid: e.g. ["\r"])"#),
        // `  "profile": ` is 13 characters.
        Mistake(
            old: #""profile": "acme-1000""#, new: #""profile": "acme-2000""#,
            problem: #"acme-1000.json:2:14: $.profile: "acme-2000" differs from the file"#
                + #" name (valid: "acme-1000", or rename the file to acme-2000.json)"#),
    ]

    @Test(arguments: outOfRange)
    func valueOutOfRange(_ mistake: Mistake) {
        #expect(problems(Self.edited(Self.scanner, mistake.old, mistake.new)) == [mistake.problem])
    }

    static let printerOutOfRange: [Mistake] = [
        // `    "printableDots": ` is 21 characters.
        Mistake(
            old: #""printableDots": 576"#, new: #""printableDots": 900"#,
            problem: "acme-p80.json:8:22: $.printer.printableDots: 900 is out of range"
                + " (valid: 128...832)"),
        // `    "columns": { "fontA": ` is 26 characters.
        Mistake(
            old: #""fontA": 48"#, new: #""fontA": 100"#,
            problem: "acme-p80.json:9:27: $.printer.columns.fontA: 100 is out of range"
                + " (valid: 16...80)"),
        // `    "codePages": [19, ` is 22 characters.
        Mistake(
            old: "[19, 0]", new: "[19, 256]",
            problem: "acme-p80.json:10:23: $.printer.codePages[1]: expected an ESC t table"
                + " number from 0 to 255, found a number"),
        Mistake(
            old: "[19, 0]", new: "[]",
            problem: "acme-p80.json:10:18: $.printer.codePages: list at least one code page"
                + " (valid: ESC t numbers such as 0 for PC437)"),
        Mistake(
            old: #""cut": "full""#, new: #""cut": "half""#,
            problem: #"acme-p80.json:12:12: $.printer.cut: "half" is not allowed"#
                + " (valid: full, partial, none)"),
        Mistake(
            old: #""qrCode": true"#, new: #""qrCode": "yes""#,
            problem: "acme-p80.json:11:15: $.printer.qrCode: expected a boolean, found a"
                + " string"),
        Mistake(
            old: #""kind": "printer""#, new: #""kind": "scale""#,
            problem: #"acme-p80.json:3:11: $.kind: "scale" is not allowed"#
                + " (valid: scanner, printer, card-reader)"),
    ]

    @Test(arguments: printerOutOfRange)
    func printerValueOutOfRange(_ mistake: Mistake) {
        let text = Self.edited(Self.printer, mistake.old, mistake.new)
        let found = problems(text, file: "acme-p80.json")
        // An unknown kind also leaves the printer section unread; only the first line counts.
        #expect(found.first == mistake.problem)
        #expect(found.count == 1 || mistake.new.contains("scale"))
    }

    @Test func missingFile() {
        let path = "/nonexistent/lanegate/devices/acme-1000.json"
        do {
            _ = try DeviceProfile.load(path: path)
            Issue.record("a missing file was read")
        } catch {
            #expect(
                error.description
                    == "\(path):1:1: $: cannot read the file: No such file or directory")
        }
    }

    @Test func missingRequiredKey() {
        #expect(
            problems(Self.edited(Self.scanner, "  \"maker\": \"ACME\",\n", ""))
                == [#"acme-1000.json:1:1: $: missing required key "maker""#])
    }

    // MARK: Sources

    @Test func aFactWithoutASource() {
        // The sources object opens at line 14, column 14 (`  "sources": {`).
        let text = Self.edited(
            Self.scanner, ",\n    \"scanner.aim\": \"ACME 1000 manual, 6.1\"", "")
        #expect(
            problems(text) == [
                #"acme-1000.json:14:14: $.sources: no source for "scanner.aim" (valid: add"#
                    + #" "scanner.aim": "<maker's manual, section>")"#
            ])
    }

    @Test func serialSettingsNeedASourceToo() {
        let text = Self.edited(Self.scanner, "\n    \"serial\": \"ACME 1000 manual, 4.1\",", "")
        #expect(
            problems(text) == [
                #"acme-1000.json:14:14: $.sources: no source for "serial" (valid: add"#
                    + #" "serial": "<maker's manual, section>")"#
            ])
    }

    @Test func aSourceNamingNoFact() {
        // `    "scanner.aim": "ACME 1000 manual, 6.1", ` is 44 characters.
        let text = Self.edited(
            Self.scanner, #""scanner.aim": "ACME 1000 manual, 6.1""#,
            #""scanner.aim": "ACME 1000 manual, 6.1", "scanner.prefix": "ACME 1000 manual, 5.1""#)
        #expect(
            problems(text) == [
                #"acme-1000.json:19:45: $.sources["scanner.prefix"]: "scanner.prefix" names no"#
                    + " fact of this profile (valid: \(Self.scannerFacts))"
            ])
    }

    @Test func everyProblemIsReportedInFileOrder() {
        var text = Self.edited(Self.scanner, #""model": "1000""#, #""model": 1000"#)
        text = Self.edited(text, #""idleGapMs": 50"#, #""idleGapMs": 50, "idleGapMs": 60"#)
        text = Self.edited(text, #""aim": "optional""#, #""aim": "optional", "beep": true"#)
        text = Self.edited(text, #""baud": 9600"#, #""baud": 40"#)
        text = Self.edited(text, "  }\n}", "  },\n  \"colour\": \"red\"\n}")
        #expect(
            problems(text) == [
                "acme-1000.json:5:12: $.model: expected a string, found a number",
                "acme-1000.json:6:23: $.serial.baud: 40 is out of range (valid: 50...921600)",
                #"acme-1000.json:11:22: $.scanner.idleGapMs: duplicate key "idleGapMs""#
                    + " (first at 11:5)",
                #"acme-1000.json:12:24: $.scanner.beep: unknown key "beep" (valid: prefix,"#
                    + " suffixes, endsOn, idleGapMs, aim, interface, keyboard, hid)",
                #"acme-1000.json:21:3: $.colour: unknown key "colour" (valid: profile,"#
                    + " extends, kind, maker, model, match, serial, scanner, sources)",
            ])
    }
}
