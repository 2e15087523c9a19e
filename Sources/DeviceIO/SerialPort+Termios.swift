import Glibc

extension SerialPort {
    /// The terminal attributes for a raw line with `options`, computed from
    /// what `tcgetattr(3)` returned.
    ///
    /// This is `cfmakeraw(3)` written out, as `termios(3)` lists it, plus the
    /// framing: no input translation or software flow control, no output
    /// processing, no echo, no canonical mode or signals; the character size,
    /// parity, stop bits and handshake from `options`; `CLOCAL | CREAD` so the
    /// modem lines do not gate reading; `VMIN = 1`, `VTIME = 0` so a read
    /// returns as soon as one byte is there; the speed through
    /// `cfsetispeed(3)` and `cfsetospeed(3)`.
    public static func rawAttributes(from current: termios, options: SerialOptions) -> termios {
        var attributes = current

        attributes.c_iflag &= ~flags(
            IGNBRK, BRKINT, PARMRK, ISTRIP, INLCR, IGNCR, ICRNL, IXON, IXOFF, IXANY)
        attributes.c_oflag &= ~flags(OPOST)
        attributes.c_lflag &= ~flags(ECHO, ECHONL, ICANON, ISIG, IEXTEN)

        attributes.c_cflag &= ~flags(CSIZE, PARENB, PARODD, CSTOPB, CRTSCTS)
        attributes.c_cflag |= flags(options.dataBits == .seven ? CS7 : CS8)
        switch options.parity {
        case .none: break
        case .even: attributes.c_cflag |= flags(PARENB)
        case .odd: attributes.c_cflag |= flags(PARENB, PARODD)
        }
        if options.stopBits == .two {
            attributes.c_cflag |= flags(CSTOPB)
        }
        if options.flowControl == .rtsCts {
            attributes.c_cflag |= flags(CRTSCTS)
        }
        attributes.c_cflag |= flags(CLOCAL, CREAD)

        // c_cc is a C array, imported as a tuple.
        withUnsafeMutableBytes(of: &attributes.c_cc) { characters in
            characters[Int(VMIN)] = 1
            characters[Int(VTIME)] = 0
        }

        let speed = speedConstant(options.baud)
        cfsetispeed(&attributes, speed)
        cfsetospeed(&attributes, speed)
        return attributes
    }

    /// Glibc imports some termios constants as `Int32` and some as `UInt32`.
    private static func flags<each Flag: BinaryInteger>(_ flag: repeat each Flag) -> tcflag_t {
        var combined: tcflag_t = 0
        for value in repeat each flag {
            combined |= tcflag_t(value)
        }
        return combined
    }

    /// The `termios.h` constant for a line speed (`B9600`).
    public static func speedConstant(_ baud: SerialOptions.BaudRate) -> speed_t {
        switch baud {
        case .b1200: speed_t(B1200)
        case .b2400: speed_t(B2400)
        case .b4800: speed_t(B4800)
        case .b9600: speed_t(B9600)
        case .b19200: speed_t(B19200)
        case .b38400: speed_t(B38400)
        case .b57600: speed_t(B57600)
        case .b115200: speed_t(B115200)
        }
    }
}
