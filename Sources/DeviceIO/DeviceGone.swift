/// The device (or peer) behind a descriptor has left: unplugged, hung up, closed.
public struct DeviceGone: Error, Hashable, Sendable, CustomStringConvertible {
    /// Why the descriptor is of no further use.
    public enum Cause: Hashable, Sendable {
        /// A read returned 0 bytes: the far side closed (a pty's controller, a TCP peer).
        case hangUp
        /// A call failed with `EIO`, `ENXIO`, `ENODEV` or another error that ends the stream.
        case failed(SystemCallError)
    }

    /// The device path or address.
    public let path: String
    /// What the kernel said.
    public let cause: Cause

    /// Records that the device at `path` left.
    public init(path: String, cause: Cause) {
        self.path = path
        self.cause = cause
    }

    /// `/dev/ttyACM0 left: read(/dev/ttyACM0): Input/output error (EIO)`.
    public var description: String {
        switch cause {
        case .hangUp:
            return "\(path) left: hang-up (read returned 0 bytes)"
        case .failed(let error):
            return "\(path) left: \(error)"
        }
    }
}
