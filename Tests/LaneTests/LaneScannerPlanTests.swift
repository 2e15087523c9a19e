import DeviceIO
import Devices
import Foundation
import Testing

@testable import Lane

/// Which reader the lane builds for a scanner or card reader, from the bundled profiles,
/// and which device entries a profile may serve.
@Suite struct LaneScannerPlanTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("devices").path

    static func profile(_ name: String) throws -> DeviceProfile {
        try DeviceProfile.load(path: "\(folder)/\(name).json")
    }

    @Test func aSerialScannerGetsItsProfilesLineAndFraming() throws {
        let entry = LaneConfig.DeviceEntry(
            role: .scanner, profile: "honeywell-xenon-1900", port: "/dev/ttyACM0", baud: 9600)
        let plan = try LaneScannerPlan(entry: entry, profile: try Self.profile(entry.profile))
        guard case .serial(let path, let options, let framing) = plan else {
            Issue.record("expected a serial plan, got \(plan)")
            return
        }
        #expect(path == "/dev/ttyACM0")
        // The entry's baud overrides the profile's 115200; the rest is the profile's 8N1.
        #expect(
            options
                == SerialOptions(
                    baud: .b9600, dataBits: .eight, parity: .none, stopBits: .one,
                    flowControl: .none))
        #expect(framing.endsOn == .suffixThenIdle)
        #expect(framing.suffixes == [[0x0D, 0x0A], [0x0D]])
    }

    @Test func aHIDPOSScannerGetsTheEnablingFeatureReport() throws {
        let entry = LaneConfig.DeviceEntry(
            role: .scanner, profile: "honeywell-xenon-1900-hidpos", port: "/dev/hidraw1")
        let plan = try LaneScannerPlan(entry: entry, profile: try Self.profile(entry.profile))
        #expect(
            plan
                == .hidraw(
                    path: "/dev/hidraw1",
                    configuration: HIDRawReader.Configuration(enablingFeatureReport: [0xFE, 0x01])))
    }

    @Test func aKeyboardWedgeGetsTheScannersLayoutSuffixAndIdleGap() throws {
        let entry = LaneConfig.DeviceEntry(
            role: .scanner, profile: "zebra-ds2208-usb", port: "/dev/input/event5")
        let plan = try LaneScannerPlan(entry: entry, profile: try Self.profile(entry.profile))
        let expected = try KeyboardWedgeSettings(
            layout: try KeyLayout.named("us"), suffixKeys: [.enter], idleGap: .milliseconds(50))
        #expect(plan == .evdev(path: "/dev/input/event5", settings: expected))
    }

    @Test func aCardReaderIsReadLikeAKeyboardWedge() throws {
        let entry = LaneConfig.DeviceEntry(
            role: .cardReader, profile: "magtek-dynamag-kb", port: "/dev/input/event7")
        let plan = try LaneScannerPlan(entry: entry, profile: try Self.profile(entry.profile))
        guard case .evdev(_, let settings) = plan else {
            Issue.record("expected an evdev plan, got \(plan)")
            return
        }
        #expect(settings.layout.name == "us")
        #expect(settings.idleGap == .milliseconds(100))
    }

    @Test func aPrinterProfileCannotDriveAScanner() throws {
        let entry = LaneConfig.DeviceEntry(
            role: .scanner, profile: "epson-tm-t88v", port: "/dev/ttyS0")
        #expect(throws: LaneError.self) {
            try LaneScannerPlan(entry: entry, profile: try Self.profile("epson-tm-t88v"))
        }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let role: LaneConfig.DeviceEntry.Role
        let profile: String
        let problem: String?
        var testDescription: String { "\(role.rawValue) \(profile)" }
    }

    static let cases: [Case] = [
        Case(role: .scanner, profile: "zebra-ls2208", problem: nil),
        Case(role: .scanner, profile: "idtech-minimag-ii", problem: nil),
        Case(role: .cardReader, profile: "magtek-dynamag-kb", problem: nil),
        Case(role: .printer, profile: "epson-tm-t88vi", problem: nil),
        Case(role: .printer, profile: "star-tsp654ii-escpos", problem: nil),
        Case(
            role: .cardReader, profile: "zebra-ds2208",
            problem: "device card-reader uses profile zebra-ds2208, which is a scanner profile"
                + " (valid: a card-reader profile)"),
        Case(
            role: .printer, profile: "honeywell-voyager-1250g",
            problem: "device printer uses profile honeywell-voyager-1250g, which is a scanner"
                + " profile (valid: a printer profile)"),
        Case(
            role: .printer, profile: "star-tsp143iii",
            problem: "device printer uses profile star-tsp143iii, whose command set is"
                + " star-graphic-only (Star TSP100III Hardware Manual and STAR Graphic Mode"
                + " Command Specifications: the TSP100 series accepts Star Graphic mode (raster)"
                + " only, neither Star Line Mode nor ESC/POS, so lanegate cannot print on it),"
                + " but lanegate prints ESC/POS only (valid: a printer profile with"
                + #" "commandSet": "escpos"; switch the printer to its ESC/POS emulation where"#
                + " it has one)"),
    ]

    @Test(arguments: cases)
    func whichProfileServesWhichEntry(_ item: Case) throws {
        let entry = LaneConfig.DeviceEntry(role: item.role, profile: item.profile, port: "/dev/x")
        #expect(LaneSetup.mismatch(entry, try Self.profile(item.profile)) == item.problem)
    }

    @Test func aHIDPOSScanReachesTheLaneWithItsAIMIdentifier() {
        let scan = HIDPOSScan(
            aim: "]E0", symbologyIdentifier: Array("]E0".utf8),
            data: Array("4006381333931".utf8), reportCount: 1)
        #expect(
            LaneScannerReader.event(HIDRawEvent.scan(scan))
                == .scan(Array("]E04006381333931".utf8)))
        #expect(
            LaneScannerReader.event(
                HIDRawEvent.disconnected(reason: "device gone", partialScanDropped: true))
                == .disconnected(reason: "device gone (a half-received scan was dropped)"))
    }
}
