import CShim
import Glibc

extension SerialPort {
    /// The terminal attributes for a raw line with `options`, computed from
    /// what `tcgetattr(3)` returned.
    ///
    /// This is `cfmakeraw(3)` written out, as `termios(3)` lists it, plus the
    /// framing: no input translation, no output processing, no echo, no
    /// canonical mode or signals; the character size, parity (mark and space
    /// through `CMSPAR`), stop bits and flow control from `options`;
    /// `CLOCAL | CREAD` so the modem lines do not gate reading; `VMIN = 1`,
    /// `VTIME = 0` so a read returns as soon as one byte is there.
    ///
    /// A standard rate is set here with `cfsetispeed(3)` and `cfsetospeed(3)`;
    /// any other is left to termios2 after `tcsetattr(3)` (see `SerialPort`),
    /// and the speed bits stay as they were. The separate input speed
    /// (`CIBAUD`) is cleared either way, so the input follows the output: a
    /// `BOTHER` input rate left by an earlier custom speed would otherwise
    /// survive a later standard one.
    public static func rawAttributes(from current: termios, options: SerialOptions) -> termios {
        var attributes = current

        attributes.c_iflag &= ~flags(
            IGNBRK, BRKINT, PARMRK, ISTRIP, INLCR, IGNCR, ICRNL, IXON, IXOFF, IXANY)
        attributes.c_oflag &= ~flags(OPOST)
        attributes.c_lflag &= ~flags(ECHO, ECHONL, ICANON, ISIG, IEXTEN)

        attributes.c_cflag &= ~flags(
            CSIZE, PARENB, PARODD, lanegate_CMSPAR(), CSTOPB, CRTSCTS, CIBAUD)
        attributes.c_cflag |= flags(options.dataBits == .seven ? CS7 : CS8)
        attributes.c_cflag |= parityFlags(options.parity)
        if options.stopBits == .two {
            attributes.c_cflag |= flags(CSTOPB)
        }
        attributes.c_cflag |= flags(CLOCAL, CREAD)

        // Both handshakes at once would pause on either; the options hold one.
        switch options.flowControl {
        case .none: break
        case .rtsCts: attributes.c_cflag |= flags(CRTSCTS)
        case .xonXoff: attributes.c_iflag |= flags(IXON, IXOFF)
        }

        // c_cc is a C array, imported as a tuple. VSTART and VSTOP are set even
        // without XON/XOFF so the line never depends on what a shell left there.
        withUnsafeMutableBytes(of: &attributes.c_cc) { characters in
            characters[Int(VMIN)] = 1
            characters[Int(VTIME)] = 0
            characters[Int(VSTART)] = xon
            characters[Int(VSTOP)] = xoff
        }

        if let speed = speedConstant(forBaud: options.baud) {
            cfsetispeed(&attributes, speed)
            cfsetospeed(&attributes, speed)
        }
        return attributes
    }

    /// XON, DC1 in ASCII: resume sending.
    static let xon: UInt8 = 0x11
    /// XOFF, DC3 in ASCII: pause sending.
    static let xoff: UInt8 = 0x13

    /// The `c_cflag` parity bits; `termios(3)` on `CMSPAR`: with `PARODD` the
    /// parity bit is always 1 (mark), without it always 0 (space).
    static func parityFlags(_ parity: SerialOptions.Parity) -> tcflag_t {
        switch parity {
        case .none: 0
        case .even: flags(PARENB)
        case .odd: flags(PARENB, PARODD)
        case .mark: flags(PARENB, lanegate_CMSPAR(), PARODD)
        case .space: flags(PARENB, lanegate_CMSPAR())
        }
    }

    /// Glibc imports some termios constants as `Int32` and some as `UInt32`.
    private static func flags<each Flag: BinaryInteger>(_ flag: repeat each Flag) -> tcflag_t {
        var combined: tcflag_t = 0
        for value in repeat each flag {
            combined |= tcflag_t(value)
        }
        return combined
    }

    /// The `termios.h` constant for a rate, `nil` for a rate without one
    /// (250000), which takes termios2.
    public static func speedConstant(forBaud baud: Int) -> speed_t? {
        SerialOptions.BaudRate(rawValue: baud).map(speedConstant)
    }

    /// The `termios.h` constant for a line speed (`B9600`).
    public static func speedConstant(_ baud: SerialOptions.BaudRate) -> speed_t {
        switch baud {
        case .b50: speed_t(B50)
        case .b75: speed_t(B75)
        case .b110: speed_t(B110)
        case .b134: speed_t(B134)
        case .b150: speed_t(B150)
        case .b200: speed_t(B200)
        case .b300: speed_t(B300)
        case .b600: speed_t(B600)
        case .b1200: speed_t(B1200)
        case .b1800: speed_t(B1800)
        case .b2400: speed_t(B2400)
        case .b4800: speed_t(B4800)
        case .b9600: speed_t(B9600)
        case .b19200: speed_t(B19200)
        case .b38400: speed_t(B38400)
        case .b57600: speed_t(B57600)
        case .b115200: speed_t(B115200)
        case .b230400: speed_t(B230400)
        case .b460800: speed_t(B460800)
        case .b500000: speed_t(B500000)
        case .b576000: speed_t(B576000)
        case .b921600: speed_t(B921600)
        case .b1000000: speed_t(B1000000)
        case .b1152000: speed_t(B1152000)
        case .b1500000: speed_t(B1500000)
        case .b2000000: speed_t(B2000000)
        case .b2500000: speed_t(B2500000)
        case .b3000000: speed_t(B3000000)
        case .b3500000: speed_t(B3500000)
        case .b4000000: speed_t(B4000000)
        }
    }
}
