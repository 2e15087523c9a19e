/// How a serial line is framed: speed, character size, parity, stop bits and
/// flow control. The default is 9600 8N1 without flow control.
public struct SerialOptions: Hashable, Sendable, CustomStringConvertible {
    /// The line speeds a scanner, card reader or receipt printer uses.
    public enum BaudRate: Int, CaseIterable, Hashable, Sendable {
        /// 1200 bit/s.
        case b1200 = 1200
        /// 2400 bit/s.
        case b2400 = 2400
        /// 4800 bit/s.
        case b4800 = 4800
        /// 9600 bit/s, the usual factory setting.
        case b9600 = 9600
        /// 19200 bit/s.
        case b19200 = 19200
        /// 38400 bit/s.
        case b38400 = 38400
        /// 57600 bit/s.
        case b57600 = 57600
        /// 115200 bit/s.
        case b115200 = 115200
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
    }

    /// Stop bits after each character.
    public enum StopBits: Int, CaseIterable, Hashable, Sendable {
        /// One stop bit.
        case one = 1
        /// Two stop bits (`CSTOPB`).
        case two = 2
    }

    /// Hardware handshake.
    public enum FlowControl: String, CaseIterable, Hashable, Sendable {
        /// No handshake; the modem lines are ignored (`CLOCAL`).
        case none
        /// RTS/CTS hardware handshake (`CRTSCTS`).
        case rtsCts
    }

    /// Line speed.
    public var baud: BaudRate
    /// Character size.
    public var dataBits: DataBits
    /// Parity.
    public var parity: Parity
    /// Stop bits.
    public var stopBits: StopBits
    /// Flow control.
    public var flowControl: FlowControl

    /// Options with the usual defaults: 9600 8N1, no flow control.
    public init(
        baud: BaudRate = .b9600, dataBits: DataBits = .eight, parity: Parity = .none,
        stopBits: StopBits = .one, flowControl: FlowControl = .none
    ) {
        self.baud = baud
        self.dataBits = dataBits
        self.parity = parity
        self.stopBits = stopBits
        self.flowControl = flowControl
    }

    /// `9600 8N1` or `115200 7E2 rts/cts`.
    public var description: String {
        let parityLetter: String
        switch parity {
        case .none: parityLetter = "N"
        case .even: parityLetter = "E"
        case .odd: parityLetter = "O"
        }
        let flow = flowControl == .rtsCts ? " rts/cts" : ""
        return "\(baud.rawValue) \(dataBits.rawValue)\(parityLetter)\(stopBits.rawValue)\(flow)"
    }
}
