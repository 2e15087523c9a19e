import CShim
import Glibc

/// An `errno` value from a failed system call, with its symbolic name and text.
public struct Errno: Error, Hashable, Sendable, CustomStringConvertible {
    /// The number the kernel returned (`errno(3)`).
    public let rawValue: Int32

    /// Wraps an `errno` number.
    public init(_ rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// The symbolic name from `errno.h` (`ENOENT`), or `E<number>` for one
    /// this table does not know.
    public var name: String {
        Errno.names[rawValue] ?? "E\(rawValue)"
    }

    /// The C library's text for the value, through `strerror_r(3)`.
    public var text: String {
        var buffer = [CChar](repeating: 0, count: 256)
        let text = buffer.withUnsafeMutableBufferPointer { pointer in
            String(cString: lanegate_strerror(rawValue, pointer.baseAddress!, pointer.count))
        }
        return text
    }

    /// `No such file or directory (ENOENT)`.
    public var description: String {
        "\(text) (\(name))"
    }

    /// Interrupted by a signal; the call is retried.
    public static let interrupted = Errno(EINTR)
    /// `EAGAIN`, the same number as `EWOULDBLOCK` on Linux.
    public static let wouldBlock = Errno(EAGAIN)
    /// Input/output error: a serial device was unplugged.
    public static let ioError = Errno(EIO)
    /// No such device or address: the node exists, the device does not.
    public static let noSuchDeviceOrAddress = Errno(ENXIO)
    /// No such device.
    public static let noSuchDevice = Errno(ENODEV)
    /// A non-blocking `connect(2)` has started.
    public static let inProgress = Errno(EINPROGRESS)
    /// Timed out (also used for a connect that passed its deadline).
    public static let timedOut = Errno(ETIMEDOUT)

    /// The values that mean the device behind a descriptor has left.
    public var meansDeviceGone: Bool {
        self == .ioError || self == .noSuchDeviceOrAddress || self == .noSuchDevice
    }

    private static let names: [Int32: String] = [
        EPERM: "EPERM", ENOENT: "ENOENT", ESRCH: "ESRCH", EINTR: "EINTR", EIO: "EIO",
        ENXIO: "ENXIO", E2BIG: "E2BIG", ENOEXEC: "ENOEXEC", EBADF: "EBADF",
        ECHILD: "ECHILD", EAGAIN: "EAGAIN", ENOMEM: "ENOMEM", EACCES: "EACCES",
        EFAULT: "EFAULT", EBUSY: "EBUSY", EEXIST: "EEXIST", EXDEV: "EXDEV",
        ENODEV: "ENODEV", ENOTDIR: "ENOTDIR", EISDIR: "EISDIR", EINVAL: "EINVAL",
        ENFILE: "ENFILE", EMFILE: "EMFILE", ENOTTY: "ENOTTY", ETXTBSY: "ETXTBSY",
        EFBIG: "EFBIG", ENOSPC: "ENOSPC", ESPIPE: "ESPIPE", EROFS: "EROFS",
        EMLINK: "EMLINK", EPIPE: "EPIPE", ERANGE: "ERANGE", ENAMETOOLONG: "ENAMETOOLONG",
        ENOSYS: "ENOSYS", ELOOP: "ELOOP", ENOTSOCK: "ENOTSOCK", EMSGSIZE: "EMSGSIZE",
        EPROTONOSUPPORT: "EPROTONOSUPPORT", EOPNOTSUPP: "EOPNOTSUPP",
        EAFNOSUPPORT: "EAFNOSUPPORT", EADDRINUSE: "EADDRINUSE",
        EADDRNOTAVAIL: "EADDRNOTAVAIL", ENETDOWN: "ENETDOWN", ENETUNREACH: "ENETUNREACH",
        ECONNABORTED: "ECONNABORTED", ECONNRESET: "ECONNRESET", ENOBUFS: "ENOBUFS",
        EISCONN: "EISCONN", ENOTCONN: "ENOTCONN", ETIMEDOUT: "ETIMEDOUT",
        ECONNREFUSED: "ECONNREFUSED", EHOSTDOWN: "EHOSTDOWN", EHOSTUNREACH: "EHOSTUNREACH",
        EALREADY: "EALREADY", EINPROGRESS: "EINPROGRESS", ECANCELED: "ECANCELED",
    ]
}
