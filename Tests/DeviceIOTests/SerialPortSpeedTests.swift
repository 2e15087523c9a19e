import CShim
import Foundation
import Glibc
import Testing

@testable import DeviceIO

/// Line speeds at the seam: a rate with a `termios.h` constant goes through
/// `cfsetispeed(3)`/`cfsetospeed(3)` in the attributes given to `tcsetattr(3)`;
/// any other through termios2 (`TCSETS2` with `BOTHER`), with that number,
/// after `tcsetattr(3)`, and is refused when the driver sets something else.
@Suite struct SerialPortSpeedTests {
    struct Standard: CustomTestStringConvertible, Sendable {
        let baud: Int
        let constant: Int32
        var testDescription: String { "\(baud)" }
    }

    static let standard: [Standard] = [
        Standard(baud: 50, constant: B50),
        Standard(baud: 110, constant: B110),
        Standard(baud: 134, constant: B134),
        Standard(baud: 1800, constant: B1800),
        Standard(baud: 9600, constant: B9600),
        Standard(baud: 115_200, constant: B115200),
        Standard(baud: 230_400, constant: B230400),
        Standard(baud: 460_800, constant: B460800),
        Standard(baud: 500_000, constant: B500000),
        Standard(baud: 576_000, constant: B576000),
        Standard(baud: 921_600, constant: B921600),
        Standard(baud: 1_000_000, constant: B1000000),
        Standard(baud: 4_000_000, constant: B4000000),
    ]

    @Test(arguments: standard)
    func standardRateUsesItsConstant(_ rate: Standard) throws {
        let system = TermiosRecordingSystemCalls()
        let options = try SerialOptions(baud: rate.baud)
        let port = try SerialPort(opening: "/dev/ttyUSB0", options: options, system: system)

        let attributes = try #require(system.base.attributesSet.first)
        #expect(attributes.c_cflag & tcflag_t(CBAUD) == tcflag_t(rate.constant))
        #expect(speeds(attributes) == [speed_t(rate.constant), speed_t(rate.constant)])
        #expect(system.customSpeedsSet.isEmpty)
        withExtendedLifetime(port) {
            #expect(
                system.base.calls.map(\.name)
                    == ["open", "ioctl", "flock", "tcgetattr", "tcsetattr", "tcflush"])
        }
    }

    @Test(arguments: [250_000, 31_250, 76_800, 14_400, 100_000, 3_686_400])
    func nonStandardRateGoesThroughTermios2(_ baud: Int) throws {
        let system = TermiosRecordingSystemCalls()
        let options = try SerialOptions(baud: baud, parity: .even)
        let port = try SerialPort(opening: "/dev/ttyUSB0", options: options, system: system)

        // After open, TIOCEXCL, flock, tcgetattr and tcsetattr; before tcflush.
        let expected = CustomSpeedSet(bitsPerSecond: UInt32(baud), after: 5)
        #expect(system.customSpeedsSet == [expected])
        #expect(system.customSpeedReads == 1)
        withExtendedLifetime(port) {
            #expect(
                system.base.calls.map(\.name)
                    == ["open", "ioctl", "flock", "tcgetattr", "tcsetattr", "tcflush"])
        }

        // tcsetattr left the speed bits as tcgetattr found them (B38400) and set the rest.
        let attributes = try #require(system.base.attributesSet.first)
        #expect(attributes.c_cflag & tcflag_t(CBAUD) == tcflag_t(B38400))
        #expect(attributes.c_cflag & tcflag_t(CIBAUD) == 0)
        #expect(attributes.c_cflag & tcflag_t(PARENB | PARODD) == tcflag_t(PARENB))
    }

    /// A rate the driver rounds is accepted up to 2% off, inclusive, either way.
    @Test(arguments: [
        (asked: 76_800, reported: UInt32(76_923), opens: true),
        (asked: 100_000, reported: UInt32(102_000), opens: true),
        (asked: 100_000, reported: UInt32(98_000), opens: true),
        (asked: 100_000, reported: UInt32(102_001), opens: false),
        (asked: 100_000, reported: UInt32(97_999), opens: false),
    ])
    func roundedRateWithinTolerance(asked: Int, reported: UInt32, opens: Bool) throws {
        let system = TermiosRecordingSystemCalls()
        system.reportedSpeed = reported
        let options = try SerialOptions(baud: asked)
        let port = try? SerialPort(opening: "/dev/ttyS0", options: options, system: system)

        #expect((port != nil) == opens)
        #expect(system.base.calls.contains(.close(1000)) == !opens)
    }

    @Test func driverFallingBackToAnotherRateIsRefused() throws {
        let system = TermiosRecordingSystemCalls()
        system.reportedSpeed = 9600
        let options = try SerialOptions(baud: 250_000)

        #expect {
            _ = try SerialPort(opening: "/dev/ttyS0", options: options, system: system)
        } throws: { error in
            (error as? SystemCallError)?.description
                == "ioctl(TCSETS2)(/dev/ttyS0): Invalid argument (EINVAL): asked for 250000"
                + " bit/s, the driver set 9600 (more than 2% off); the port's clock cannot"
                + " make this rate, pick one it can"
        }
        #expect(system.base.calls.last == .close(1000))
    }

    /// `RecordingSystemCalls` predates termios2: the protocol's default answers `ENOTTY`.
    @Test func driverWithoutTermios2IsRefusedAndTheDescriptorClosed() throws {
        let system = RecordingSystemCalls()
        let options = try SerialOptions(baud: 31_250)

        #expect {
            _ = try SerialPort(opening: "/dev/ttyACM0", options: options, system: system)
        } throws: { error in
            (error as? SystemCallError)?.description
                == "ioctl(TCSETS2)(/dev/ttyACM0): Inappropriate ioctl for device (ENOTTY):"
                + " the driver takes no rate outside termios.h's list (BOTHER); pick a"
                + " standard rate such as 115200 or 230400"
        }
        #expect(system.calls.last == .close(1000))
    }

    @Test func interruptedTermios2IsRetried() throws {
        let system = TermiosRecordingSystemCalls()
        system.interruptNextCustomSpeed = 2
        _ = try SerialPort(
            opening: "/dev/ttyUSB0", options: try SerialOptions(baud: 250_000), system: system)

        #expect(system.customSpeedsSet.map(\.bitsPerSecond) == [250_000, 250_000, 250_000])
    }

    /// An earlier custom rate leaves `BOTHER` in both speed fields; a standard
    /// rate afterwards must not keep the old input rate in `CIBAUD`.
    @Test func standardRateAfterACustomOneClearsTheInputSpeed() throws {
        let system = TermiosRecordingSystemCalls()
        var left = RecordingSystemCalls.cookedAttributes
        left.c_cflag &= ~tcflag_t(CBAUD | CIBAUD)
        left.c_cflag |= Self.bother | Self.bother << Self.ibshift
        system.current = left
        _ = try SerialPort(opening: "/dev/ttyUSB0", system: system)

        let attributes = try #require(system.base.attributesSet.first)
        #expect(attributes.c_cflag & tcflag_t(CBAUD) == tcflag_t(B9600))
        #expect(attributes.c_cflag & tcflag_t(CIBAUD) == 0)
    }

    /// The real termios2 calls on a pseudo-terminal, whose driver keeps any
    /// rate as set: the rate reads back through a descriptor of our own.
    @Test func realTermios2OnAPseudoTerminal() async throws {
        let device = try PseudoTerminal()
        let watcher = Glibc.open(device.peerPath, O_RDWR | O_NOCTTY | O_CLOEXEC)
        try #require(watcher >= 0)
        defer { _ = Glibc.close(watcher) }

        let options = try SerialOptions(baud: 250_000, parity: .mark, flowControl: .xonXoff)
        let port = try SerialPort(opening: device.peerPath, options: options)
        var input: UInt32 = 0
        var output: UInt32 = 0
        #expect(lanegate_get_custom_speed(watcher, &input, &output) == 0)
        #expect([input, output] == [250_000, 250_000])

        var attributes = termios()
        #expect(Glibc.tcgetattr(watcher, &attributes) == 0)
        #expect(attributes.c_cflag & tcflag_t(CBAUD) == Self.bother)
        // The pty driver itself forces CS8 and clears PARENB (`pty_set_termios`
        // in drivers/tty/pty.c); the stick-parity bits stay as set.
        let parity = tcflag_t(PARENB | PARODD) | tcflag_t(CMSPAR)
        #expect(attributes.c_cflag & parity == tcflag_t(PARODD) | tcflag_t(CMSPAR))
        #expect(attributes.c_iflag & tcflag_t(IXON | IXOFF | IXANY) == tcflag_t(IXON | IXOFF))
        await port.close()
    }

    /// `BOTHER` and `IBSHIFT` from `asm-generic/termbits.h`; Glibc's module lacks them.
    static let bother: tcflag_t = 0o010000
    static let ibshift: tcflag_t = 16
}

/// Both speeds `cfgetispeed(3)` and `cfgetospeed(3)` read from `attributes`.
private func speeds(_ attributes: termios) -> [speed_t] {
    var copy = attributes
    return [cfgetispeed(&copy), cfgetospeed(&copy)]
}

/// One `setCustomSpeed` call: the rate, and how many base calls came before it.
struct CustomSpeedSet: Equatable {
    let bitsPerSecond: UInt32
    let after: Int
}

/// `RecordingSystemCalls` with termios2: forwards every call to it, records
/// each custom speed set, answers the read-back with what was set (or with
/// `reportedSpeed`, as a driver that rounds or falls back would), and can
/// hand `tcgetattr` other attributes.
final class TermiosRecordingSystemCalls: SystemCalls, @unchecked Sendable {
    let base = RecordingSystemCalls()

    private let lock = NSLock()
    private var sets: [CustomSpeedSet] = []
    private var reads = 0
    private var interruptions = 0
    private var reported: UInt32?
    private var attributes: termios?

    /// The custom speeds set so far, in order.
    var customSpeedsSet: [CustomSpeedSet] { lock.withLock { sets } }
    /// How many times the speed was read back.
    var customSpeedReads: Int { lock.withLock { reads } }
    /// What `customSpeed` reports; `nil` reports the last speed set.
    var reportedSpeed: UInt32? {
        get { lock.withLock { reported } }
        set { lock.withLock { reported = newValue } }
    }
    /// How many of the next `setCustomSpeed` calls fail with `EINTR`.
    var interruptNextCustomSpeed: Int {
        get { lock.withLock { interruptions } }
        set { lock.withLock { interruptions = newValue } }
    }
    /// What `tcgetattr` returns; `nil` for `RecordingSystemCalls.cookedAttributes`.
    var current: termios? {
        get { lock.withLock { attributes } }
        set { lock.withLock { attributes = newValue } }
    }

    func setCustomSpeed(_ fd: Int32, bitsPerSecond: UInt32) -> Result<Void, Errno> {
        let after = base.calls.count
        return lock.withLock {
            sets.append(CustomSpeedSet(bitsPerSecond: bitsPerSecond, after: after))
            guard interruptions == 0 else {
                interruptions -= 1
                return .failure(.interrupted)
            }
            return .success(())
        }
    }

    func customSpeed(_ fd: Int32) -> Result<(input: UInt32, output: UInt32), Errno> {
        lock.withLock {
            reads += 1
            let speed = reported ?? sets.last?.bitsPerSecond ?? 0
            return .success((speed, speed))
        }
    }

    func tcgetattr(_ fd: Int32) -> Result<termios, Errno> {
        base.tcgetattr(fd).map { current ?? $0 }
    }

    func open(_ path: String, flags: Int32, mode: mode_t) -> Result<Int32, Errno> {
        base.open(path, flags: flags, mode: mode)
    }

    func read(_ fd: Int32, upTo count: Int) -> Result<[UInt8], Errno> {
        base.read(fd, upTo: count)
    }

    func write(_ fd: Int32, _ bytes: ArraySlice<UInt8>) -> Result<Int, Errno> {
        base.write(fd, bytes)
    }

    func send(_ fd: Int32, _ bytes: ArraySlice<UInt8>) -> Result<Int, Errno> {
        base.send(fd, bytes)
    }

    func close(_ fd: Int32) -> Result<Void, Errno> { base.close(fd) }

    func tcsetattr(_ fd: Int32, action: Int32, _ attributes: termios) -> Result<Void, Errno> {
        base.tcsetattr(fd, action: action, attributes)
    }

    func tcflush(_ fd: Int32, queue: Int32) -> Result<Void, Errno> {
        base.tcflush(fd, queue: queue)
    }

    func ioctl(_ fd: Int32, request: UInt) -> Result<Void, Errno> {
        base.ioctl(fd, request: request)
    }

    func flock(_ fd: Int32, operation: Int32) -> Result<Void, Errno> {
        base.flock(fd, operation: operation)
    }

    func setNonBlocking(_ fd: Int32) -> Result<Void, Errno> { base.setNonBlocking(fd) }

    func poll(_ fd: Int32, events: Int16, timeoutMilliseconds: Int32) -> Result<Int16, Errno> {
        base.poll(fd, events: events, timeoutMilliseconds: timeoutMilliseconds)
    }

    func fsync(_ fd: Int32) -> Result<Void, Errno> { base.fsync(fd) }
}
