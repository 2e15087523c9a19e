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
        let parity: tcflag_t
        let stop: Int32
        let flow: UInt32

        var testDescription: String { options.description }
    }

    static let even = tcflag_t(PARENB)
    static let odd = tcflag_t(PARENB | PARODD)

    static let cases: [Case] = [
        Case(options: SerialOptions(), speed: B9600, size: CS8, parity: 0, stop: 0, flow: 0),
        Case(
            options: SerialOptions(baud: .b1200, dataBits: .seven, parity: .even),
            speed: B1200, size: CS7, parity: even, stop: 0, flow: 0),
        Case(
            options: SerialOptions(baud: .b2400, dataBits: .seven, parity: .odd, stopBits: .two),
            speed: B2400, size: CS7, parity: odd, stop: CSTOPB, flow: 0),
        Case(
            options: SerialOptions(baud: .b4800, stopBits: .two),
            speed: B4800, size: CS8, parity: 0, stop: CSTOPB, flow: 0),
        Case(
            options: SerialOptions(baud: .b19200, flowControl: .rtsCts),
            speed: B19200, size: CS8, parity: 0, stop: 0, flow: CRTSCTS),
        Case(
            options: SerialOptions(baud: .b38400, parity: .even),
            speed: B38400, size: CS8, parity: even, stop: 0, flow: 0),
        Case(
            options: SerialOptions(baud: .b57600, parity: .odd, flowControl: .rtsCts),
            speed: B57600, size: CS8, parity: odd, stop: 0, flow: CRTSCTS),
        Case(
            options: SerialOptions(baud: .b115200),
            speed: B115200, size: CS8, parity: 0, stop: 0, flow: 0),
        Case(
            options: SerialOptions(baud: .b230400, parity: .mark, flowControl: .xonXoff),
            speed: B230400, size: CS8, parity: odd | tcflag_t(CMSPAR), stop: 0, flow: 0),
        Case(
            options: SerialOptions(baud: .b460800, dataBits: .seven, parity: .space),
            speed: B460800, size: CS7, parity: even | tcflag_t(CMSPAR), stop: 0, flow: 0),
        Case(
            options: SerialOptions(baud: .b921600, stopBits: .two, flowControl: .rtsCts),
            speed: B921600, size: CS8, parity: 0, stop: CSTOPB, flow: CRTSCTS),
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
        #expect(cflag & (tcflag_t(PARENB | PARODD) | tcflag_t(CMSPAR)) == expected.parity)
        #expect(cflag & tcflag_t(CSTOPB) == tcflag_t(expected.stop))
        #expect(cflag & tcflag_t(CRTSCTS) == tcflag_t(expected.flow))
        #expect(cflag & tcflag_t(CLOCAL | CREAD) == tcflag_t(CLOCAL | CREAD))
    }

    /// `termios(3)`: with `CMSPAR`, `PARODD` set makes the parity bit always 1
    /// (mark), clear always 0 (space). The shim's constant is the kernel's
    /// (`asm-generic/termbits-common.h`: `0x40000000`).
    @Test(arguments: [
        (SerialOptions.Parity.none, tcflag_t(0)),
        (.even, tcflag_t(PARENB)),
        (.odd, tcflag_t(PARENB | PARODD)),
        (.mark, tcflag_t(PARENB | PARODD) | 0x4000_0000),
        (.space, tcflag_t(PARENB) | 0x4000_0000),
    ])
    func parityBits(_ parity: SerialOptions.Parity, bits: tcflag_t) throws {
        #expect(lanegate_CMSPAR() == UInt32(CMSPAR))
        let system = RecordingSystemCalls()
        let options = SerialOptions(parity: parity)
        _ = try SerialPort(opening: "/dev/ttyUSB0", options: options, system: system)

        // The fake's tty starts with odd parity: every other choice must clear it.
        let attributes = try #require(system.attributesSet.first)
        let mask = tcflag_t(PARENB | PARODD) | tcflag_t(CMSPAR)
        #expect(attributes.c_cflag & mask == bits)
    }

    /// One handshake at a time: XON/XOFF is `IXON | IXOFF` (never `IXANY`,
    /// which would let any byte resume output) with `CRTSCTS` off, and RTS/CTS
    /// the other way round; DC1 and DC3 are the start and stop characters.
    @Test(arguments: [
        (SerialOptions.FlowControl.none, software: tcflag_t(0), hardware: tcflag_t(0)),
        (.rtsCts, software: tcflag_t(0), hardware: tcflag_t(CRTSCTS)),
        (.xonXoff, software: tcflag_t(IXON | IXOFF), hardware: tcflag_t(0)),
    ])
    func flowControlFlags(
        _ flow: SerialOptions.FlowControl, software: tcflag_t, hardware: tcflag_t
    ) throws {
        let system = TermiosRecordingSystemCalls()
        var current = RecordingSystemCalls.cookedAttributes
        current.c_iflag |= tcflag_t(IXON | IXOFF | IXANY)
        current.c_cflag |= tcflag_t(CRTSCTS) | tcflag_t(CMSPAR)
        system.current = current
        let options = SerialOptions(flowControl: flow)
        _ = try SerialPort(opening: "/dev/ttyUSB0", options: options, system: system)

        var attributes = try #require(system.base.attributesSet.first)
        #expect(attributes.c_iflag & tcflag_t(IXON | IXOFF | IXANY) == software)
        #expect(attributes.c_cflag & tcflag_t(CRTSCTS) == hardware)
        #expect(attributes.c_cflag & tcflag_t(CMSPAR) == 0)
        let (start, stop) = withUnsafeBytes(of: &attributes.c_cc) {
            ($0[Int(VSTART)], $0[Int(VSTOP)])
        }
        #expect(start == 0x11)
        #expect(stop == 0x13)
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

        #expect(
            system.calls == [
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
