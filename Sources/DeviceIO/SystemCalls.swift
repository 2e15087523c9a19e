import Glibc

/// The seam under every system call DeviceIO makes on a device descriptor.
///
/// Each method does one call and reports the raw outcome: the value, or the
/// `errno` read right after the call. Nothing here retries or interprets;
/// `Descriptor` does that once, above the seam, so a test double can force
/// `EINTR`, `EAGAIN`, `EIO` or a hang-up without hardware.
public protocol SystemCalls: Sendable {
    /// Wraps `open(2)`; returns the new descriptor.
    func open(_ path: String, flags: Int32, mode: mode_t) -> Result<Int32, Errno>
    /// Wraps `read(2)`; returns the bytes read, empty at end of file or hang-up.
    func read(_ fd: Int32, upTo count: Int) -> Result<[UInt8], Errno>
    /// Wraps `write(2)`; returns how many bytes the kernel took.
    func write(_ fd: Int32, _ bytes: ArraySlice<UInt8>) -> Result<Int, Errno>
    /// Wraps `send(2)` (sockets, with `MSG_NOSIGNAL` so a closed peer is `EPIPE`).
    func send(_ fd: Int32, _ bytes: ArraySlice<UInt8>) -> Result<Int, Errno>
    /// Wraps `close(2)`. Never retried: on Linux the descriptor is gone even on `EINTR`.
    func close(_ fd: Int32) -> Result<Void, Errno>
    /// Wraps `tcgetattr(3)`.
    func tcgetattr(_ fd: Int32) -> Result<termios, Errno>
    /// Wraps `tcsetattr(3)`; `action` is `TCSANOW`, `TCSADRAIN` or `TCSAFLUSH`.
    func tcsetattr(_ fd: Int32, action: Int32, _ attributes: termios) -> Result<Void, Errno>
    /// Wraps `tcflush(3)`; `queue` is `TCIFLUSH`, `TCOFLUSH` or `TCIOFLUSH`.
    func tcflush(_ fd: Int32, queue: Int32) -> Result<Void, Errno>
    /// Wraps `ioctl(2)` for requests without an argument (`TIOCEXCL`).
    func ioctl(_ fd: Int32, request: UInt) -> Result<Void, Errno>
    /// Wraps `ioctl(2)` for requests whose argument is an integer passed by value, not a
    /// pointer (`EVIOCGRAB` takes 1 to grab and 0 to release); returns the call's result.
    func ioctl(_ fd: Int32, request: UInt, value: Int) -> Result<Int32, Errno>
    /// Wraps `ioctl(2)` for requests whose argument points at a buffer that the kernel
    /// reads, fills or both (`HIDIOCGRDESC`, `HIDIOCSFEATURE(len)`); returns the call's
    /// non-negative result (for `HIDIOCSFEATURE`, the bytes the device took).
    func ioctl(_ fd: Int32, request: UInt, buffer: inout [UInt8]) -> Result<Int32, Errno>
    /// Wraps `flock(2)`; `operation` is `LOCK_EX | LOCK_NB` and the like.
    func flock(_ fd: Int32, operation: Int32) -> Result<Void, Errno>
    /// Sets `O_NONBLOCK` with `fcntl(2)` `F_GETFL`/`F_SETFL`.
    func setNonBlocking(_ fd: Int32) -> Result<Void, Errno>
    /// Wraps `poll(2)` on one descriptor; returns the `revents`, 0 on timeout.
    func poll(_ fd: Int32, events: Int16, timeoutMilliseconds: Int32) -> Result<Int16, Errno>
    /// Wraps `fsync(2)`.
    func fsync(_ fd: Int32) -> Result<Void, Errno>
    /// Sets the input and output speed to any rate in bits per second with termios2
    /// (`ioctl(2)` `TCGETS2`, `BOTHER` in `c_cflag`, `TCSETS2`), leaving the other
    /// settings; for rates without a `B` constant.
    func setCustomSpeed(_ fd: Int32, bitsPerSecond: UInt32) -> Result<Void, Errno>
    /// Reads the input and output speeds in bits per second with termios2 (`TCGETS2`):
    /// what the driver says it set, which may be rounded to what its clock can make.
    func customSpeed(_ fd: Int32) -> Result<(input: UInt32, output: UInt32), Errno>
    /// Wraps `shutdown(2)` of a socket (`SHUT_RD`, `SHUT_WR`, `SHUT_RDWR`).
    func shutdown(_ fd: Int32, how: Int32) -> Result<Void, Errno>
}

extension SystemCalls {
    /// `poll(2)` on `fd` and a wake-up descriptor `wake` at once; returns `fd`'s `revents`
    /// (0 when only `wake` became readable, or on timeout). Seams without it poll `fd`
    /// alone, so a stop is seen at the timeout.
    public func poll(
        _ fd: Int32, wake: Int32, events: Int16, timeoutMilliseconds: Int32
    ) -> Result<Int16, Errno> {
        poll(fd, events: events, timeoutMilliseconds: timeoutMilliseconds)
    }

    /// Seams written before the by-value `ioctl` existed answer it as a device without
    /// that request would: `ENOTTY`.
    public func ioctl(_ fd: Int32, request: UInt, value: Int) -> Result<Int32, Errno> {
        .failure(Errno(ENOTTY))
    }

    /// Seams without sockets answer `shutdown` as a descriptor that is not a socket
    /// would: `ENOTSOCK`.
    public func shutdown(_ fd: Int32, how: Int32) -> Result<Void, Errno> {
        .failure(Errno(ENOTSOCK))
    }

    /// Seams that predate buffer ioctls answer them as a descriptor that is not a
    /// device would: `ENOTTY`.
    public func ioctl(
        _ fd: Int32, request: UInt, buffer: inout [UInt8]
    ) -> Result<Int32, Errno> {
        .failure(Errno(ENOTTY))
    }

    /// Seams written before termios2 answer as a driver without it would: `ENOTTY`.
    public func setCustomSpeed(_ fd: Int32, bitsPerSecond: UInt32) -> Result<Void, Errno> {
        .failure(Errno(ENOTTY))
    }

    /// Seams written before termios2 answer as a driver without it would: `ENOTTY`.
    public func customSpeed(_ fd: Int32) -> Result<(input: UInt32, output: UInt32), Errno> {
        .failure(Errno(ENOTTY))
    }

    /// Runs `call` again while it fails with `EINTR`, and nothing else.
    ///
    /// This is the one place that retries; `close` must not go through it.
    package func retryingInterrupts<T>(_ call: () -> Result<T, Errno>) -> Result<T, Errno> {
        while true {
            let result = call()
            if case .failure(let errno) = result, errno == .interrupted {
                continue
            }
            return result
        }
    }
}
