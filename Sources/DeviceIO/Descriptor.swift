import Glibc

/// An open descriptor with the path it was opened on, and the calls on it that
/// interpret `errno` the one way DeviceIO does.
///
/// A plain value: it does not own the descriptor. Owners (`DescriptorChannel`
/// and the actors over it) decide when `close` happens, exactly once.
package struct Descriptor: Sendable {
    /// The descriptor number.
    package let fd: Int32
    /// The path or address, for error messages.
    package let path: String
    /// The seam the calls go through.
    package let system: any SystemCalls

    package init(fd: Int32, path: String, system: any SystemCalls) {
        self.fd = fd
        self.path = path
        self.system = system
    }

    /// Opens `path` with `open(2)`, retrying `EINTR`.
    package static func open(
        _ path: String, flags: Int32, mode: mode_t = 0, system: any SystemCalls
    ) throws(SystemCallError) -> Descriptor {
        let result = system.retryingInterrupts { system.open(path, flags: flags, mode: mode) }
        switch result {
        case .success(let fd):
            return Descriptor(fd: fd, path: path, system: system)
        case .failure(let errno):
            throw SystemCallError(call: "open", errno: errno, path: path, hint: openHint(errno))
        }
    }

    /// Runs one call, retrying `EINTR`, and turns a failure into a `SystemCallError`.
    package func perform<T>(
        _ name: String, hint: String? = nil, _ call: (any SystemCalls) -> Result<T, Errno>
    ) throws(SystemCallError) -> T {
        switch system.retryingInterrupts({ call(system) }) {
        case .success(let value):
            return value
        case .failure(let errno):
            throw SystemCallError(call: name, errno: errno, path: path, hint: hint)
        }
    }

    /// Reads up to `count` bytes: `.done` with at least one byte, `.wouldBlock`,
    /// or `.deviceGone` on a 0-byte read or `EIO`/`ENXIO`/`ENODEV`.
    package func read(upTo count: Int) throws(SystemCallError) -> IOOutcome<[UInt8]> {
        switch system.retryingInterrupts({ system.read(fd, upTo: count) }) {
        case .success(let bytes) where bytes.isEmpty:
            return .deviceGone(DeviceGone(path: path, cause: .hangUp))
        case .success(let bytes):
            return .done(bytes)
        case .failure(let errno):
            return try interpret(errno, call: "read")
        }
    }

    /// Writes what the kernel takes of `bytes` (`write(2)`, or `send(2)` for a
    /// socket): `.done` with the count, `.wouldBlock`, or `.deviceGone`.
    package func write(
        _ bytes: ArraySlice<UInt8>, socket: Bool = false
    ) throws(SystemCallError) -> IOOutcome<Int> {
        let result = system.retryingInterrupts {
            socket ? system.send(fd, bytes) : system.write(fd, bytes)
        }
        switch result {
        case .success(let count):
            return .done(count)
        case .failure(let errno):
            return try interpret(errno, call: socket ? "send" : "write")
        }
    }

    /// Closes the descriptor once, never retrying (`close(2)` on Linux frees the
    /// number even when it reports `EINTR`).
    package func close() -> SystemCallError? {
        switch system.close(fd) {
        case .success:
            return nil
        case .failure(let errno):
            return SystemCallError(call: "close", errno: errno, path: path)
        }
    }

    private func interpret<T>(
        _ errno: Errno, call: String
    ) throws(SystemCallError) -> IOOutcome<T> {
        if errno == .wouldBlock {
            return .wouldBlock
        }
        let error = SystemCallError(call: call, errno: errno, path: path)
        if errno.meansDeviceGone || Descriptor.peerGoneErrors.contains(errno.rawValue) {
            return .deviceGone(DeviceGone(path: path, cause: .failed(error)))
        }
        throw error
    }

    /// Socket errors that, like `EIO` on a tty, mean the other end is gone.
    private static let peerGoneErrors: Set<Int32> = [ECONNRESET, EPIPE, ENOTCONN, ETIMEDOUT]

    private static func openHint(_ errno: Errno) -> String? {
        switch errno.rawValue {
        case ENOENT: return "no such file or device; check the path (for a device, the cable)"
        case EACCES: return "permission denied; add the user to the dialout group"
        case EBUSY: return "in use by another process"
        default: return nil
        }
    }
}
