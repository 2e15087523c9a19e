/// Where a device is reached, parsed from a lane config's `port` string.
public enum DevicePort: Hashable, Sendable, CustomStringConvertible {
    /// A device node or a link to one: `/dev/ttyUSB0`, `/dev/serial/by-id/…`.
    case device(path: String)
    /// A network device: `tcp://HOST:PORT` (`[::1]:9100` for an IPv6 literal).
    case tcp(host: String, port: UInt16)
    /// A file bytes are appended to, for tests and dry runs: `file:PATH`.
    case file(path: String)

    /// The forms a `port` may take, for error messages.
    public static let validForms =
        "a device path (/dev/ttyUSB0, /dev/serial/by-id/…), tcp://HOST:PORT, or file:PATH"

    /// Parses a `port` string; relative `file:` paths are left for the caller
    /// to resolve against the config file's folder.
    public init(parsing text: String) throws(DevicePortError) {
        if text.hasPrefix("tcp://") {
            let (host, port) = try Self.parseHostAndPort(String(text.dropFirst(6)), in: text)
            self = .tcp(host: host, port: port)
        } else if text.hasPrefix("file:") {
            let path = String(text.dropFirst(5))
            guard !path.isEmpty else {
                throw DevicePortError(input: text, problem: "file: needs a path after the colon")
            }
            self = .file(path: path)
        } else if text.hasPrefix("/") {
            guard text.count > 1, !text.hasSuffix("/") else {
                throw DevicePortError(
                    input: text, problem: "a device path names a node, not a folder")
            }
            self = .device(path: text)
        } else if text.isEmpty {
            throw DevicePortError(input: text, problem: "the port is empty")
        } else if text.contains("://") {
            let scheme = text.prefix { $0 != ":" }
            throw DevicePortError(input: text, problem: "unknown scheme \"\(scheme)://\"")
        } else {
            throw DevicePortError(
                input: text, problem: "a device path must be absolute (start with /)")
        }
    }

    private static func parseHostAndPort(
        _ authority: String, in text: String
    ) throws(DevicePortError) -> (String, UInt16) {
        let host: Substring
        let rest: Substring
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw DevicePortError(input: text, problem: "an IPv6 address needs a closing ]")
            }
            host = authority[authority.index(after: authority.startIndex)..<close]
            rest = authority[authority.index(after: close)...]
        } else {
            let colon = authority.lastIndex(of: ":") ?? authority.endIndex
            host = authority[..<colon]
            rest = authority[colon...]
        }
        guard !host.isEmpty else {
            throw DevicePortError(input: text, problem: "tcp:// needs a host")
        }
        guard host.allSatisfy({ $0.isLetter || $0.isNumber || ".-_:".contains($0) }) else {
            throw DevicePortError(
                input: text, problem: "the host \"\(host)\" has invalid characters")
        }
        guard rest.hasPrefix(":"), !rest.dropFirst().isEmpty else {
            throw DevicePortError(input: text, problem: "tcp:// needs a port, e.g. :9100")
        }
        let digits = rest.dropFirst()
        guard digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
            let number = UInt16(digits), number > 0
        else {
            throw DevicePortError(input: text, problem: "the port \"\(digits)\" is not 1 to 65535")
        }
        return (String(host), number)
    }

    /// The string this port was parsed from, in its normal form.
    public var description: String {
        switch self {
        case .device(let path): return path
        case .tcp(let host, let port):
            return host.contains(":") ? "tcp://[\(host)]:\(port)" : "tcp://\(host):\(port)"
        case .file(let path): return "file:\(path)"
        }
    }
}

/// A `port` string that is none of the valid forms.
public struct DevicePortError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The text as given.
    public let input: String
    /// What is wrong with it.
    public let problem: String

    /// Describes why `input` is not a port.
    public init(input: String, problem: String) {
        self.input = input
        self.problem = problem
    }

    /// `"tcp://printer": tcp:// needs a port, e.g. :9100 (valid: …)`.
    public var description: String {
        "\"\(input)\": \(problem) (valid: \(DevicePort.validForms))"
    }
}
