import CShim
import Glibc

/// The real system calls, through Glibc.
public struct LinuxSystemCalls: SystemCalls {
    /// The real calls have no state.
    public init() {}

    /// Wraps `open(2)`.
    public func open(_ path: String, flags: Int32, mode: mode_t) -> Result<Int32, Errno> {
        capture(Glibc.open(path, flags, mode))
    }

    /// Wraps `read(2)`.
    public func read(_ fd: Int32, upTo count: Int) -> Result<[UInt8], Errno> {
        var buffer = [UInt8](repeating: 0, count: count)
        let result = capture(
            buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, count) })
        return result.map { Array(buffer[..<$0]) }
    }

    /// Wraps `write(2)`.
    public func write(_ fd: Int32, _ bytes: ArraySlice<UInt8>) -> Result<Int, Errno> {
        capture(bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) })
    }

    /// Wraps `send(2)` with `MSG_NOSIGNAL`.
    public func send(_ fd: Int32, _ bytes: ArraySlice<UInt8>) -> Result<Int, Errno> {
        let flags = Int32(MSG_NOSIGNAL)
        return capture(bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, flags) })
    }

    /// Wraps `close(2)`.
    public func close(_ fd: Int32) -> Result<Void, Errno> {
        capture(Glibc.close(fd)).map { _ in }
    }

    /// Wraps `tcgetattr(3)`.
    public func tcgetattr(_ fd: Int32) -> Result<termios, Errno> {
        var attributes = termios()
        return capture(Glibc.tcgetattr(fd, &attributes)).map { _ in attributes }
    }

    /// Wraps `tcsetattr(3)`.
    public func tcsetattr(
        _ fd: Int32, action: Int32, _ attributes: termios
    ) -> Result<Void, Errno> {
        var attributes = attributes
        return capture(Glibc.tcsetattr(fd, action, &attributes)).map { _ in }
    }

    /// Wraps `tcflush(3)`.
    public func tcflush(_ fd: Int32, queue: Int32) -> Result<Void, Errno> {
        capture(Glibc.tcflush(fd, queue)).map { _ in }
    }

    /// Wraps `ioctl(2)` through the C shim (Swift cannot call the variadic one).
    public func ioctl(_ fd: Int32, request: UInt) -> Result<Void, Errno> {
        capture(lanegate_ioctl_none(fd, request)).map { _ in }
    }

    /// Wraps `ioctl(2)` with an integer argument, through the shim's pointer-argument call
    /// (the kernel reads the pointer-sized argument as the number, as `EVIOCGRAB` wants).
    public func ioctl(_ fd: Int32, request: UInt, value: Int) -> Result<Int32, Errno> {
        capture(lanegate_ioctl_pointer(fd, request, UnsafeMutableRawPointer(bitPattern: value)))
    }

    /// Wraps `ioctl(2)` with a pointer to `buffer`, through the C shim.
    public func ioctl(
        _ fd: Int32, request: UInt, buffer: inout [UInt8]
    ) -> Result<Int32, Errno> {
        capture(
            buffer.withUnsafeMutableBytes { lanegate_ioctl_pointer(fd, request, $0.baseAddress) })
    }

    /// Wraps `flock(2)`.
    public func flock(_ fd: Int32, operation: Int32) -> Result<Void, Errno> {
        capture(lanegate_flock(fd, operation)).map { _ in }
    }

    /// Sets `O_NONBLOCK` with `fcntl(2)`.
    public func setNonBlocking(_ fd: Int32) -> Result<Void, Errno> {
        capture(Glibc.fcntl(fd, F_GETFL)).flatMap { flags in
            capture(Glibc.fcntl(fd, F_SETFL, flags | O_NONBLOCK)).map { _ in }
        }
    }

    /// Wraps `poll(2)` on one descriptor.
    public func poll(
        _ fd: Int32, events: Int16, timeoutMilliseconds: Int32
    ) -> Result<Int16, Errno> {
        var entry = pollfd(fd: fd, events: events, revents: 0)
        return capture(Glibc.poll(&entry, 1, timeoutMilliseconds)).map { ready in
            ready == 0 ? 0 : entry.revents
        }
    }

    /// Wraps `poll(2)` on two descriptors: the one read, and a pipe that wakes the wait.
    public func poll(
        _ fd: Int32, wake: Int32, events: Int16, timeoutMilliseconds: Int32
    ) -> Result<Int16, Errno> {
        var entries = [
            pollfd(fd: fd, events: events, revents: 0),
            pollfd(fd: wake, events: Int16(POLLIN), revents: 0),
        ]
        return capture(Glibc.poll(&entries, 2, timeoutMilliseconds)).map { ready in
            ready == 0 ? 0 : entries[0].revents
        }
    }

    /// Wraps `shutdown(2)`.
    public func shutdown(_ fd: Int32, how: Int32) -> Result<Void, Errno> {
        capture(Glibc.shutdown(fd, how)).map { _ in }
    }

    /// Wraps `fsync(2)`.
    public func fsync(_ fd: Int32) -> Result<Void, Errno> {
        capture(Glibc.fsync(fd)).map { _ in }
    }

    /// Sets any speed through the C shim's `lanegate_set_custom_speed` (termios2, `BOTHER`).
    public func setCustomSpeed(_ fd: Int32, bitsPerSecond: UInt32) -> Result<Void, Errno> {
        capture(lanegate_set_custom_speed(fd, bitsPerSecond)).map { _ in }
    }

    /// Reads both speeds through the C shim's `lanegate_get_custom_speed` (`TCGETS2`).
    public func customSpeed(_ fd: Int32) -> Result<(input: UInt32, output: UInt32), Errno> {
        var input: UInt32 = 0
        var output: UInt32 = 0
        return capture(lanegate_get_custom_speed(fd, &input, &output)).map { _ in
            (input, output)
        }
    }

    /// Turns a C return value into a result, reading `errno` right after the call
    /// (the argument is evaluated immediately before, on the same thread).
    @inline(__always)
    private func capture<T: FixedWidthInteger>(_ value: T) -> Result<T, Errno> {
        value == -1 ? .failure(Errno(Glibc.errno)) : .success(value)
    }
}
