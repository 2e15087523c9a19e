import CShim
import Glibc
import Testing
@testable import DeviceIO

/// The termios settings, checked where a pseudo-terminal cannot show them: at
/// the seam, the attributes handed to `tcsetattr(3)` against the constants
/// `termios(3)` gives.
@Suite struct SerialPortTermiosTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let options: SerialOptions
        let speed: Int32
        let size: Int32
        let parity: Int32
        let stop: Int32
        let flow: UInt32

        var testDescription: String { options.description }
    }

    static let cases: [Case] = [
        Case(options: SerialOptions(), speed: B9600, size: CS8, parity: 0, stop: 0, flow: 0),
        Case(
            options: SerialOptions(baud: .b1200, dataBits: .seven, parity: .even),
            speed: B1200, size: CS7, parity: PARENB, stop: 0, flow: 0),
        Case(
            options: SerialOptions(baud: .b2400, dataBits: .seven, parity: .odd, stopBits: .two),
            speed: B2400, size: CS7, parity: PARENB | PARODD, stop: CSTOPB, flow: 0),
        Case(
            options: SerialOptions(baud: .b4800, stopBits: .two),
            speed: B4800, size: CS8, parity: 0, stop: CSTOPB, flow: 0),
        Case(
            options: SerialOptions(baud: .b19200, flowControl: .rtsCts),
            speed: B19200, size: CS8, parity: 0, stop: 0, flow: CRTSCTS),
        Case(
            options: SerialOptions(baud: .b38400, parity: .even),
            speed: B38400, size: CS8, parity: PARENB, stop: 0, flow: 0),
        Case(
            options: SerialOptions(baud: .b57600, parity: .odd, flowControl: .rtsCts),
            speed: B57600, size: CS8, parity: PARENB | PARODD, stop: 0, flow: CRTSCTS),
        Case(
            options: SerialOptions(baud: .b115200),
            speed: B115200, size: CS8, parity: 0, stop: 0, flow: 0),
    ]

    @Test(arguments: cases)
    func flagsGivenToTcsetattr(_ expected: Case) throws {
        let system = RecordingSystemCalls()
        _ = try SerialPort(opening: "/dev/ttyUSB0", options: expected.options, system: system)

        let attributes = try #require(system.attributesSet.first)
        let cflag = attributes.c_cflag
        #expect(cflag & tcflag_t(CBAUD) == tcflag_t(expected.speed))
        #expect(cfgetispeed([attributes]) == speed_t(expected.speed))
        #expect(cfgetospeed([attributes]) == speed_t(expected.speed))
        #expect(cflag & tcflag_t(CSIZE) == tcflag_t(expected.size))
        #expect(cflag & tcflag_t(PARENB | PARODD) == tcflag_t(expected.parity))
        #expect(cflag & tcflag_t(CSTOPB) == tcflag_t(expected.stop))
        #expect(cflag & tcflag_t(CRTSCTS) == tcflag_t(expected.flow))
        #expect(cflag & tcflag_t(CLOCAL | CREAD) == tcflag_t(CLOCAL | CREAD))
    }

    @Test func rawModeClearsEveryTranslation() throws {
        let system = RecordingSystemCalls()
        _ = try SerialPort(opening: "/dev/ttyUSB0", system: system)

        var attributes = try #require(system.attributesSet.first)
        let input = tcflag_t(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON)
        #expect(attributes.c_iflag & input == 0)
        #expect(attributes.c_oflag & tcflag_t(OPOST) == 0)
        #expect(attributes.c_lflag & tcflag_t(ECHO | ECHONL | ICANON | ISIG | IEXTEN) == 0)
        let (vmin, vtime) = withUnsafeBytes(of: &attributes.c_cc) {
            ($0[Int(VMIN)], $0[Int(VTIME)])
        }
        #expect(vmin == 1)
        #expect(vtime == 0)
    }

    @Test func openSequenceAndFlags() throws {
        let system = RecordingSystemCalls()
        let port = try SerialPort(opening: "/dev/ttyUSB0", system: system)
        _ = port

        #expect(system.calls == [
            .open("/dev/ttyUSB0", flags: O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC),
            .ioctl(1000, request: lanegate_ioctl_TIOCEXCL()),
            .flock(1000, operation: LOCK_EX | LOCK_NB),
            .tcgetattr(1000),
            .tcsetattr(1000, action: TCSANOW),
            .tcflush(1000, queue: TCIFLUSH),
        ])
    }
}

private func cfgetispeed(_ attributes: [termios]) -> speed_t {
    var copy = attributes[0]
    return Glibc.cfgetispeed(&copy)
}

private func cfgetospeed(_ attributes: [termios]) -> speed_t {
    var copy = attributes[0]
    return Glibc.cfgetospeed(&copy)
}
