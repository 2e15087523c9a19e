/// A host name that `getaddrinfo(3)` could not resolve.
public struct NameResolutionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The host as given.
    public let host: String
    /// The `EAI_*` code `getaddrinfo(3)` returned.
    public let code: Int32
    /// Its `gai_strerror(3)` text.
    public let message: String

    /// Describes a failed lookup of `host`.
    public init(host: String, code: Int32, message: String) {
        self.host = host
        self.code = code
        self.message = message
    }

    /// `getaddrinfo(printer-l03): Name or service not known; check the host name`.
    public var description: String {
        "getaddrinfo(\(host)): \(message); check the host name or use an IP address"
    }
}
