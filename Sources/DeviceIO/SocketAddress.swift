import Glibc

/// One resolved IPv4 or IPv6 socket address.
package struct SocketAddress: Sendable {
    package var storage: sockaddr_storage
    package var length: socklen_t

    package var family: Int32 { Int32(storage.ss_family) }

    /// Resolves `host` and `port` with `getaddrinfo(3)` for a TCP stream socket.
    /// `passive` asks for addresses to bind.
    package static func resolve(
        host: String, port: UInt16, passive: Bool
    ) throws(NameResolutionError) -> [SocketAddress] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = passive ? AI_PASSIVE : AI_ADDRCONFIG
        if host == "127.0.0.1" || host == "::1" {
            // AI_ADDRCONFIG hides loopback on a box with no other address.
            hints.ai_flags = passive ? AI_PASSIVE : 0
        }

        var list: UnsafeMutablePointer<addrinfo>?
        let code = getaddrinfo(host, String(port), &hints, &list)
        guard code == 0, let first = list else {
            let text = String(cString: gai_strerror(code))
            throw NameResolutionError(host: host, code: code, message: text)
        }
        defer { freeaddrinfo(first) }

        var addresses: [SocketAddress] = []
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let current = entry {
            if let address = current.pointee.ai_addr {
                var storage = sockaddr_storage()
                let length = current.pointee.ai_addrlen
                withUnsafeMutableBytes(of: &storage) { target in
                    target.copyMemory(
                        from: UnsafeRawBufferPointer(start: address, count: Int(length)))
                }
                addresses.append(SocketAddress(storage: storage, length: length))
            }
            entry = current.pointee.ai_next
        }
        return addresses
    }

    /// The address as text with its port: `127.0.0.1:9100`, `[::1]:9100`.
    package var description: String {
        var copy = storage
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let port: UInt16
        let isIPv6 = family == AF_INET6
        if isIPv6 {
            port = withUnsafePointer(to: &copy) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
                    var bytes = address.pointee.sin6_addr
                    inet_ntop(AF_INET6, &bytes, &text, socklen_t(text.count))
                    return UInt16(bigEndian: address.pointee.sin6_port)
                }
            }
        } else {
            port = withUnsafePointer(to: &copy) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
                    var bytes = address.pointee.sin_addr
                    inet_ntop(AF_INET, &bytes, &text, socklen_t(text.count))
                    return UInt16(bigEndian: address.pointee.sin_port)
                }
            }
        }
        let host = text.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return isIPv6 ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// The port number.
    package var port: UInt16 {
        var copy = storage
        return withUnsafePointer(to: &copy) {
            $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                // sin_port and sin6_port sit at the same offset.
                UInt16(bigEndian: $0.pointee.sin_port)
            }
        }
    }

    /// Calls `body` with the address as the `sockaddr` pointer the C calls take.
    package func withSockaddr<T>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> T) -> T {
        var copy = storage
        return withUnsafePointer(to: &copy) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, length) }
        }
    }
}
