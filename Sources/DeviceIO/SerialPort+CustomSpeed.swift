import Glibc

extension SerialPort {
    /// How far, in percent, the rate the driver reports may be from the one
    /// asked for. Asynchronous framing survives about 5% between the two ends
    /// of a line in all; 2% is the usual share one end may take.
    public static let customSpeedTolerancePercent = 2

    /// Sets a rate without a `termios.h` constant through termios2 (`TCSETS2`
    /// with `BOTHER`), then reads back what the driver set (`TCGETS2`).
    ///
    /// A UART rounds to what its clock divides to, and one asked for more than
    /// it can do falls back to another rate (the 8250 driver to 9600) without
    /// an error; a rate more than `customSpeedTolerancePercent` off is refused
    /// with `EINVAL`, because a line at it reads garbage.
    static func setCustomSpeed(
        _ descriptor: Descriptor, baud: Int
    ) throws(SystemCallError) {
        let call = "ioctl(TCSETS2)"
        try descriptor.perform(
            call,
            hint: "the driver takes no rate outside termios.h's list (BOTHER);"
                + " pick a standard rate such as 115200 or 230400"
        ) {
            $0.setCustomSpeed(descriptor.fd, bitsPerSecond: UInt32(baud))
        }

        let speeds = try descriptor.perform("ioctl(TCGETS2)") { $0.customSpeed(descriptor.fd) }
        for actual in [speeds.input, speeds.output] {
            let off = abs(Int(actual) - baud)
            if off * 100 > baud * customSpeedTolerancePercent {
                throw SystemCallError(
                    call: call, errno: Errno(EINVAL), path: descriptor.path,
                    hint: "asked for \(baud) bit/s, the driver set \(actual) (more than"
                        + " \(customSpeedTolerancePercent)% off); the port's clock cannot"
                        + " make this rate, pick one it can")
            }
        }
    }
}
