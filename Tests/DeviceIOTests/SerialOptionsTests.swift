import Testing

@testable import DeviceIO

/// The rates `SerialOptions` takes, which are standard, and how options read.
@Suite struct SerialOptionsTests {
    @Test(arguments: [50, 134, 9600, 31_250, 76_800, 250_000, 921_600, 4_000_000])
    func anyRateInTheRangeIsTaken(_ baud: Int) throws {
        #expect(try SerialOptions(baud: baud).baud == baud)
    }

    @Test(arguments: [Int.min, -9600, 0, 49, 4_000_001, 10_000_000])
    func rateOutsideTheRangeIsRefused(_ baud: Int) {
        #expect(throws: SerialOptionsError(baud: baud)) {
            _ = try SerialOptions(baud: baud)
        }
        #expect(
            SerialOptionsError(baud: baud).description
                == "\(baud) baud is out of range (valid: 50...4000000 bit/s)")
    }

    @Test(arguments: [
        (50, true), (110, true), (134, true), (1800, true), (14_400, false), (28_800, false),
        (31_250, false), (76_800, false), (230_400, true), (250_000, false), (460_800, true),
        (576_000, true), (921_600, true), (1_000_000, true), (3_686_400, false),
        (4_000_000, true),
    ])
    func standardIsWhatTermiosHasAConstantFor(_ baud: Int, standard: Bool) throws {
        #expect(try SerialOptions(baud: baud).isStandard == standard)
        #expect((SerialPort.speedConstant(forBaud: baud) != nil) == standard)
    }

    @Test func theOldInitializerStillReadsTheSame() throws {
        let old = SerialOptions(baud: .b19200, dataBits: .seven, parity: .even)
        let new = try SerialOptions(baud: 19_200, dataBits: .seven, parity: .even)
        #expect(old == new)
        #expect(SerialOptions() == (try SerialOptions(baud: 9600)))
    }

    @Test(arguments: [
        (SerialOptions(), "9600 8N1"),
        (
            SerialOptions(
                baud: .b115200, dataBits: .seven, parity: .even, stopBits: .two,
                flowControl: .rtsCts), "115200 7E2 rts/cts"
        ),
        (SerialOptions(baud: .b2400, parity: .odd), "2400 8O1"),
        (try! SerialOptions(baud: 250_000, parity: .mark, stopBits: .two), "250000 8M2"),
        (
            try! SerialOptions(baud: 31_250, parity: .space, flowControl: .xonXoff),
            "31250 8S1 xon/xoff"
        ),
    ])
    func description(_ options: SerialOptions, text: String) {
        #expect(options.description == text)
    }
}
