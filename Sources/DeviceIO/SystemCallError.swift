/// A system call that failed, with what a person needs to act on it.
///
/// The description reads like `open(/dev/ttyUSB0): No such file or
/// directory (ENOENT)`, followed by a hint where one helps.
public struct SystemCallError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The C function that failed (`open`, `tcsetattr`, `connect`).
    public let call: String
    /// The `errno` value it left.
    public let errno: Errno
    /// The device path or network address the call worked on.
    public let path: String
    /// What to do about it, when the bare errno text does not say.
    public let hint: String?

    /// Describes a failed call on `path`.
    public init(call: String, errno: Errno, path: String, hint: String? = nil) {
        self.call = call
        self.errno = errno
        self.path = path
        self.hint = hint
    }

    /// The symbolic errno name (`ENOENT`).
    public var errnoName: String { errno.name }

    /// The `strerror_r(3)` text (`No such file or directory`).
    public var message: String { errno.text }

    /// `open(/dev/ttyUSB0): No such file or directory (ENOENT)`.
    public var description: String {
        let base = "\(call)(\(path)): \(errno.text) (\(errno.name))"
        guard let hint else { return base }
        return "\(base): \(hint)"
    }
}
