import Glibc

/// The socket calls DeviceIO makes, each returning the `errno` read right after
/// the call. Socket setup is tested on real loopback sockets, so these go to
/// Glibc directly; reads and writes on a connected socket go through the
/// `SystemCalls` seam like every other descriptor.
package enum Socket {
    /// A non-blocking, close-on-exec TCP socket for `family`. Wraps `socket(2)`.
    package static func stream(family: Int32, path: String) throws(SystemCallError) -> Int32 {
        let type =
            Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue)
            | Int32(SOCK_CLOEXEC.rawValue)
        let fd = Glibc.socket(family, type, 0)
        if fd < 0 {
            throw SystemCallError(call: "socket", errno: Errno(errno), path: path)
        }
        return fd
    }

    /// Runs a socket call, retrying `EINTR`; returns its value or its `errno`.
    package static func call(_ body: () -> Int32) -> Result<Int32, Errno> {
        while true {
            let value = body()
            if value >= 0 {
                return .success(value)
            }
            let number = errno
            if number != EINTR {
                return .failure(Errno(number))
            }
        }
    }

    /// The pending error of a socket (`getsockopt(2)` `SO_ERROR`), 0 when none.
    package static func pendingError(_ fd: Int32) -> Int32 {
        var value: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        if getsockopt(fd, SOL_SOCKET, SO_ERROR, &value, &length) != 0 {
            return errno
        }
        return value
    }

    /// The address a socket is bound to (`getsockname(2)`).
    package static func localAddress(_ fd: Int32) -> SocketAddress? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                getsockname(fd, $0, &length)
            }
        }
        return result == 0 ? SocketAddress(storage: storage, length: length) : nil
    }
}
