import DeviceIO
import Foundation
import Testing

/// `lanegate devices list` and `watch`, run as the built binary: on this machine (no USB
/// devices, no udev daemon) and over recorded udev events.
///
/// `make test` builds the binary first; alone, run `swift build --product lanegate` before
/// `swift test --filter DevicesCommandTests`.
@Suite struct DevicesCommandTests {
    static let fixtures = CommandLineTests.root + "/Tests/Fixtures/udev"

    /// The serial ports sysfs shows with a UART behind them and no USB parent, as the
    /// command must list them: ttyS* whose `type` is not 0 (PORT_UNKNOWN).
    static func builtInPorts() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/sys/class/tty")) ?? []
        return names.filter { name in
            guard
                let real = try? FileManager.default.destinationOfSymbolicLink(
                    atPath: "/sys/class/tty/\(name)"),
                !real.contains("/virtual/"), !real.contains("/usb"),
                let type = try? String(
                    contentsOfFile: "/sys/class/tty/\(name)/type",
                    encoding: .utf8)
            else { return false }
            return type.trimmingCharacters(in: .whitespacesAndNewlines) != "0"
        }.map { "/dev/\($0)" }.sorted()
    }

    /// Whether this machine has any USB scanner, reader or printer node; the plain
    /// "nothing connected" test only applies where it has none.
    static var noUSBDevices: Bool {
        let folders = ["/sys/class/hidraw", "/sys/class/usbmisc"]
        let hid = folders.allSatisfy {
            ((try? FileManager.default.contentsOfDirectory(atPath: $0)) ?? []).isEmpty
        }
        let acm = ((try? FileManager.default.contentsOfDirectory(atPath: "/sys/class/tty")) ?? [])
            .allSatisfy { !$0.hasPrefix("ttyACM") && !$0.hasPrefix("ttyUSB") }
        return hid && acm
    }

    @Test(.enabled(if: noUSBDevices))
    func listOnAMachineWithNoUSBDevicesSaysSo() throws {
        let outcome = try CommandLineTests.lanegate(["devices", "list"])
        var expected = "No USB scanners, card readers or printers are connected.\n"
        let ports = Self.builtInPorts()
        if !ports.isEmpty {
            expected +=
                "\nBuilt-in serial ports (nothing identified; never opened unless "
                + "probed by name):\n" + ports.map { "  \($0)\n" }.joined()
        }
        #expect(outcome == .init(status: 0, stdout: expected, stderr: ""))
    }

    @Test(.enabled(if: noUSBDevices))
    func listAsJSONOnAMachineWithNoUSBDevices() throws {
        let outcome = try CommandLineTests.lanegate(["devices", "list", "--json"])
        let ports = Self.builtInPorts().map { "\"\($0)\"" }.joined(separator: ",")
        #expect(
            outcome
                == .init(
                    status: 0, stdout: "{\"devices\":[],\"builtInSerialPorts\":[\(ports)]}\n",
                    stderr: ""))
    }

    @Test func listOfARecordedPrinter() throws {
        let outcome = try CommandLineTests.lanegate(
            ["devices", "list", "--replay", "\(Self.fixtures)/epson-tm-t88v-usblp.replay"])
        #expect(
            outcome
                == .init(
                    status: 0,
                    stdout: """
                        NODE          SUBSYSTEM  USB ID     MODEL    PROFILE        STATE
                        /dev/usb/lp0  usbmisc    04b8:0202  TM-T88V  epson-tm-t88v  node missing
                          why: USB vendor 04b8 and IEEE 1284 MDL "TM-T88V" and IEEE 1284 MFG "EPSON" match epson-tm-t88v

                        """, stderr: ""))
    }

    @Test func listOfARecordedBuiltInPortAsJSON() throws {
        let outcome = try CommandLineTests.lanegate(
            ["devices", "list", "--json", "--replay", "\(Self.fixtures)/builtin-ttys0.replay"])
        #expect(
            outcome
                == .init(
                    status: 0, stdout: "{\"devices\":[],\"builtInSerialPorts\":[\"/dev/ttyS0\"]}\n",
                    stderr: ""))
    }

    @Test func watchARecordedReplug() throws {
        let outcome = try CommandLineTests.lanegate(
            ["devices", "watch", "--replay", "\(Self.fixtures)/symbol-cdc-ttyacm-replug.replay"])
        let key = "usb:05e0:1701:serial=S/N:21153010500456/if0"
        let why = "no profile matches USB id 05e0:1701, model \"Symbol Bar Code Scanner\""
        #expect(
            outcome
                == .init(
                    status: 0,
                    stdout: """
                        added    /dev/ttyACM0  tty  05e0:1701  "Symbol Bar Code Scanner"  key \(key)
                        bound    /dev/ttyACM0  -: \(why)
                        removed  /dev/ttyACM0
                        added    /dev/ttyACM1  tty  05e0:1701  "Symbol Bar Code Scanner"  key \(key)
                        bound    /dev/ttyACM1  -: \(why)

                        """, stderr: ""))
    }

    @Test func watchAsJSON() throws {
        let outcome = try CommandLineTests.lanegate([
            "devices", "watch", "--json", "--replay",
            "\(Self.fixtures)/kernel-ttyacm-no-daemon.replay",
        ])
        let common = #""node":"/dev/ttyACM0","key":"usb:05e0:1701:port=3-2/if0""#
        #expect(outcome.status == 0)
        let added: String =
            #"{"event":"added",\#(common),"subsystem":"tty","#
            + #""usbId":"05e0:1701","model":"Symbol Bar Code Scanner"}"#
        let why: String =
            #"no profile matches USB id 05e0:1701, "#
            + #"model \"Symbol Bar Code Scanner\""#
        let bound: String =
            #"{"event":"bound",\#(common),"profile":null,"why":""#
            + why + #""}"#
        let removed: String = #"{"event":"removed",\#(common)}"#
        let lines: [String] = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(lines == [added, bound, removed])
    }

    @Test(arguments: [
        (["devices"], "lanegate devices: say list or watch"),
        (
            ["devices", "show"],
            "lanegate devices: unknown action \"show\" (valid: list, watch, probe, test-print)"
        ),
        (["devices", "list", "--all"], "lanegate devices: unknown option --all"),
    ])
    func badUsage(arguments: [String], message: String) throws {
        let outcome = try CommandLineTests.lanegate(arguments)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix(message + "\n"))
    }

    @Test func aMissingRecordingIsBadInput() throws {
        let outcome = try CommandLineTests.lanegate(
            ["devices", "watch", "--replay", "/nonexistent.replay"])
        #expect(
            outcome
                == .init(
                    status: 2, stdout: "",
                    stderr:
                        "lanegate devices: /nonexistent.replay: cannot read the file; check the "
                        + "path and its permissions\n"))
    }

    // MARK: probe of a config entry

    /// A lane folder whose scanner is named by the match keys of the two Zebra scanners in
    /// `two-symbol-cdc-ttyacm.replay`, with the example program.
    static func matchLane() throws -> String {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lanegate-probe-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let config = """
            {
              "store": "S01", "lane": "L03", "timezone": "Europe/Amsterdam", "currency": "EUR",
              "database": "lane.sqlite", "program": "program.json",
              "pos": [{ "listen": "tcp://127.0.0.1:7450" }],
              "devices": [
                { "role": "scanner", "profile": "generic-serial-scanner",
                  "match": { "usb": [{ "vendor": "05e0", "product": "1701" }], "subsystems": ["tty"] } }
              ]
            }
            """
        try config.write(toFile: folder + "/lane.json", atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(
            atPath: CommandLineTests.root + "/examples/program.json",
            toPath: folder + "/program.json")
        return folder
    }

    static let bioptic = "usb:05e0:1701:serial=S/N:21153010500456/if0"
    static let handheld = "usb:05e0:1701:serial=S/N:21187010502231/if0"

    @Test func probeOfAMatchKeyedEntryOpensEveryDeviceTheKeysMatch() async throws {
        // The recording leaves the handheld on ttyACM1 and the bioptic on ttyACM2; two
        // pseudo-terminals stand for those nodes.
        let handheld = try PseudoTerminal()
        let bioptic = try PseudoTerminal()
        let folder = try Self.matchLane()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let recording = try String(
            contentsOfFile: Self.fixtures + "/two-symbol-cdc-ttyacm.replay", encoding: .utf8
        )
        .replacingOccurrences(of: "DEVNAME=/dev/ttyACM1", with: "DEVNAME=" + handheld.peerPath)
        .replacingOccurrences(of: "DEVNAME=/dev/ttyACM2", with: "DEVNAME=" + bioptic.peerPath)
        try recording.write(toFile: folder + "/udev.replay", atomically: true, encoding: .utf8)

        let arguments = [
            "devices", "probe", "scanner", "--config", "lane.json", "--replay", "udev.replay",
        ]
        let nodes = [(handheld.peerPath, Self.handheld), (bioptic.peerPath, Self.bioptic)]
            .sorted { $0.0 < $1.0 }
        let width = max("NODE".count, handheld.peerPath.count, bioptic.peerPath.count)
        func cell(_ text: String) -> String {
            text.padding(toLength: width, withPad: " ", startingAt: 0)
        }
        let deviceWidth = Self.bioptic.count
        let rows = nodes.map { "\(cell($0.0))  \($0.1)  opened\n" }.joined()
        #expect(
            try CommandLineTests.lanegate(arguments, in: folder)
                == .init(
                    status: 0,
                    stdout: "scanner generic-serial-scanner on match usb=05e0:1701 "
                        + "subsystems=tty, read as serial 9600 8N1: 2 nodes\n"
                        + "\(cell("NODE"))  "
                        + "DEVICE".padding(toLength: deviceWidth, withPad: " ", startingAt: 0)
                        + "  RESULT\n" + rows,
                    stderr: ""))

        let objects = nodes.map {
            #"{"node":"\#($0.0)","key":"\#($0.1)","opened":true}"#
        }
        #expect(
            try CommandLineTests.lanegate(arguments + ["--json"], in: folder)
                == .init(
                    status: 0,
                    stdout: #"{"role":"scanner","profile":"generic-serial-scanner","#
                        + #""place":"match usb=05e0:1701 subsystems=tty","#
                        + #""reading":"serial 9600 8N1","nodes":["#
                        + objects.joined(separator: ",") + "]}\n",
                    stderr: ""))
        await handheld.close()
        await bioptic.close()
    }

    @Test func probeOfAMatchKeyedEntryWithNothingPluggedInSaysSo() throws {
        let folder = try Self.matchLane()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let outcome = try CommandLineTests.lanegate(
            [
                "devices", "probe", "scanner", "--config", "lane.json", "--replay",
                Self.fixtures + "/builtin-ttys0.replay",
            ], in: folder)
        #expect(
            outcome
                == .init(
                    status: 1, stdout: "",
                    stderr: "lanegate devices probe: no device plugged in now matches the "
                        + "scanner entry of lane.json (match usb=05e0:1701 subsystems=tty, "
                        + "read as serial 9600 8N1 by profile generic-serial-scanner); plug it "
                        + "in, or run \"lanegate devices list\" to see what is connected and "
                        + "why\n"))
    }

    @Test func probeOfAnEntryTheConfigDoesNotHave() throws {
        let folder = try Self.matchLane()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let outcome = try CommandLineTests.lanegate(
            ["devices", "probe", "printer", "--config", "lane.json"], in: folder)
        #expect(outcome.status == 2)
        #expect(
            outcome.stderr.hasPrefix(
                "lanegate devices: lane.json has no printer entry (valid: a role its devices "
                    + "list: scanner)\n"))
    }
}
