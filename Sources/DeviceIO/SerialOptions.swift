/// How a serial line is framed: speed, character size, parity, stop bits and
/// flow control. The default is 9600 8N1 without flow control.
///
/// The speed is any whole number of bits per second in `supportedBauds`. A rate
/// with a `termios.h` constant (`isStandard`) is set with `cfsetospeed(3)`;
/// any other (250000 for DMX, 31250 for MIDI, 76800) with the termios2
/// interface (`BOTHER`), which the USB serial drivers and most UARTs honour.
public struct SerialOptions: Hashable, Sendable, CustomStringConvertible {
    /// The line speeds with a `B` constant in `termios.h`, from `B50` to
    /// `B4000000`; see `termios(3)`, "Line control".
    public enum BaudRate: Int, CaseIterable, Hashable, Sendable {
        /// 50 bit/s (`B50`).
        case b50 = 50
        /// 75 bit/s (`B75`).
        case b75 = 75
        /// 110 bit/s (`B110`), the Teletype rate.
        case b110 = 110
        /// 134.5 bit/s (`B134`); the kernel's table and this number round it to 134.
        case b134 = 134
        /// 150 bit/s (`B150`).
        case b150 = 150
        /// 200 bit/s (`B200`).
        case b200 = 200
        /// 300 bit/s (`B300`).
        case b300 = 300
        /// 600 bit/s (`B600`).
        case b600 = 600
        /// 1200 bit/s (`B1200`).
        case b1200 = 1200
        /// 1800 bit/s (`B1800`).
        case b1800 = 1800
        /// 2400 bit/s (`B2400`).
        case b2400 = 2400
        /// 4800 bit/s (`B4800`).
        case b4800 = 4800
        /// 9600 bit/s (`B9600`), the usual factory setting.
        case b9600 = 9600
        /// 19200 bit/s (`B19200`).
        case b19200 = 19200
        /// 38400 bit/s (`B38400`).
        case b38400 = 38400
        /// 57600 bit/s (`B57600`).
        case b57600 = 57600
        /// 115200 bit/s (`B115200`).
        case b115200 = 115200
        /// 230400 bit/s (`B230400`).
        case b230400 = 230400
        /// 460800 bit/s (`B460800`).
        case b460800 = 460800
        /// 500000 bit/s (`B500000`).
        case b500000 = 500000
        /// 576000 bit/s (`B576000`).
        case b576000 = 576000
        /// 921600 bit/s (`B921600`).
        case b921600 = 921600
        /// 1000000 bit/s (`B1000000`).
        case b1000000 = 1000000
        /// 1152000 bit/s (`B1152000`).
        case b1152000 = 1152000
        /// 1500000 bit/s (`B1500000`).
        case b1500000 = 1500000
        /// 2000000 bit/s (`B2000000`).
        case b2000000 = 2000000
        /// 2500000 bit/s (`B2500000`).
        case b2500000 = 2500000
        /// 3000000 bit/s (`B3000000`).
        case b3000000 = 3000000
        /// 3500000 bit/s (`B3500000`).
        case b3500000 = 3500000
        /// 4000000 bit/s (`B4000000`), the highest `termios.h` constant.
        case b4000000 = 4000000
    }

    /// Bits per character.
    public enum DataBits: Int, CaseIterable, Hashable, Sendable {
        /// Seven data bits (`CS7`), usually with even parity.
        case seven = 7
        /// Eight data bits (`CS8`).
        case eight = 8
    }

    /// The parity bit.
    public enum Parity: String, CaseIterable, Hashable, Sendable {
        /// No parity bit.
        case none
        /// Even parity (`PARENB`).
        case even
        /// Odd parity (`PARENB | PARODD`).
        case odd
        /// A parity bit that is always 1 (`PARENB | CMSPAR | PARODD`, "stick"
        /// parity in `termios(3)`).
        case mark
        /// A parity bit that is always 0 (`PARENB | CMSPAR`).
        case space
    }

    /// Stop bits after each character.
    public enum StopBits: Int, CaseIterable, Hashable, Sendable {
        /// One stop bit.
        case one = 1
        /// Two stop bits (`CSTOPB`).
        case two = 2
    }

    /// Flow control: at most one kind at a time.
    public enum FlowControl: String, CaseIterable, Hashable, Sendable {
        /// No handshake; the modem lines are ignored (`CLOCAL`).
        case none
        /// RTS/CTS hardware handshake (`CRTSCTS`).
        case rtsCts
        /// Software handshake: the device sends XOFF (DC3, 0x13) to pause us and
        /// XON (DC1, 0x11) to resume, and we do the same (`IXON | IXOFF`, no
        /// `IXANY`). The kernel consumes those two bytes, so the line must not
        /// carry them as data.
        case xonXoff
    }

    /// The rates a port can be asked for, in bits per second: `B50` to
    /// `B4000000`, the range of `termios.h`, and anything between.
    public static let supportedBauds: ClosedRange<Int> = 50...4_000_000

    /// Line speed in bits per second, within `supportedBauds`.
    public private(set) var baud: Int
    /// Character size.
    public var dataBits: DataBits
    /// Parity.
    public var parity: Parity
    /// Stop bits.
    public var stopBits: StopBits
    /// Flow control.
    public var flowControl: FlowControl

    /// Options at any rate in `supportedBauds` (250000, 31250, 921600).
    ///
    /// Throws a `SerialOptionsError` naming the range for any other rate.
    public init(
        baud: Int, dataBits: DataBits = .eight, parity: Parity = .none,
        stopBits: StopBits = .one, flowControl: FlowControl = .none
    ) throws(SerialOptionsError) {
        guard Self.supportedBauds.contains(baud) else {
            throw SerialOptionsError(baud: baud)
        }
        self.baud = baud
        self.dataBits = dataBits
        self.parity = parity
        self.stopBits = stopBits
        self.flowControl = flowControl
    }

    /// Options at a standard rate, which cannot fail; with no arguments,
    /// 9600 8N1 without flow control.
    public init(
        baud: BaudRate = .b9600, dataBits: DataBits = .eight, parity: Parity = .none,
        stopBits: StopBits = .one, flowControl: FlowControl = .none
    ) {
        self.baud = baud.rawValue
        self.dataBits = dataBits
        self.parity = parity
        self.stopBits = stopBits
        self.flowControl = flowControl
    }

    /// Whether the rate has a `termios.h` constant (then `cfsetospeed(3)` sets
    /// it; otherwise termios2 with `BOTHER` does).
    public var isStandard: Bool { BaudRate(rawValue: baud) != nil }

    /// `9600 8N1`, `115200 7E2 rts/cts`, `250000 8M1 xon/xoff`.
    public var description: String {
        let parityLetter: String
        switch parity {
        case .none: parityLetter = "N"
        case .even: parityLetter = "E"
        case .odd: parityLetter = "O"
        case .mark: parityLetter = "M"
        case .space: parityLetter = "S"
        }
        let flow: String
        switch flowControl {
        case .none: flow = ""
        case .rtsCts: flow = " rts/cts"
        case .xonXoff: flow = " xon/xoff"
        }
        return "\(baud) \(dataBits.rawValue)\(parityLetter)\(stopBits.rawValue)\(flow)"
    }
}
