import DeviceIO
import Testing

@testable import Devices
@testable import Lane

/// How a profile's serial settings and a config entry's overrides become the
/// `SerialOptions` a port opens with.
@Suite struct LaneHostSerialOptionsTests {
    static let profile = DeviceProfile.SerialSettings(
        baud: 9600, dataBits: 8, parity: "none", stopBits: 1, flowControl: "rtsCts")

    static func entry(
        baud: Int? = nil, parity: String? = nil, flowControl: String? = nil
    ) -> LaneConfig.DeviceEntry {
        LaneConfig.DeviceEntry(
            role: .scanner, profile: "acme-1000", port: "/dev/ttyUSB0", baud: baud,
            parity: parity, flowControl: flowControl)
    }

    @Test func theProfileWhereTheEntrySaysNothing() throws {
        let options = try LaneHost.serialOptions(Self.profile, overrides: Self.entry())
        #expect(options == SerialOptions(flowControl: .rtsCts))
    }

    @Test(arguments: [
        (250_000, "mark", "xonXoff", "250000 8M1 xon/xoff"),
        (31_250, "space", "none", "31250 8S1"),
        (921_600, "even", "rtsCts", "921600 8E1 rts/cts"),
        (50, "odd", "xonXoff", "50 8O1 xon/xoff"),
    ])
    func overridesAtAnyRate(baud: Int, parity: String, flow: String, reads: String) throws {
        let entry = Self.entry(baud: baud, parity: parity, flowControl: flow)
        let options = try LaneHost.serialOptions(Self.profile, overrides: entry)
        #expect(options.description == reads)
        #expect(options.isStandard == (baud != 250_000 && baud != 31_250))
    }

    /// The config refuses such a rate first; a caller that skips it gets the range.
    @Test func aRateNoPortTakes() {
        #expect {
            _ = try LaneHost.serialOptions(Self.profile, overrides: Self.entry(baud: 10))
        } throws: { error in
            "\(error)" == "device scanner: serial settings 10 8N1 rtsCts are not supported:"
                + " 10 baud is out of range (valid: 50...4000000 bit/s)"
        }
    }
}
