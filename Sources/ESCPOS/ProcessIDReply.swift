/// The printer's answer to `GS ( H fn 48` (process ID response).
///
/// Format per the Epson ESC/POS Command Reference, "GS ( H <Function 48>": header
/// 0x37, identifier 0x22, the four id bytes, then NUL. It is sent when the data
/// before the request has been processed; for print data, when printing is done.
public struct ProcessIDReply: Sendable, Equatable {
    /// The four id bytes the request carried.
    public let id: [UInt8]

    /// The reply's length in bytes.
    public static let length = 7

    /// Creates a reply for `id`.
    public init(id: [UInt8]) {
        self.id = id
    }

    /// Decodes a reply at the start of `bytes`, or nil when they do not begin with one.
    public static func decode(_ bytes: [UInt8]) -> ProcessIDReply? {
        let reply = Array(bytes.prefix(length))
        guard reply.count == length, reply[0] == 0x37, reply[1] == 0x22, reply[6] == 0x00
        else { return nil }
        let id = Array(reply[2..<6])
        guard isValidID(id) else { return nil }
        return ProcessIDReply(id: id)
    }

    /// Whether `id` is a valid process id: four bytes from 0x20 to 0x7E.
    public static func isValidID(_ id: [UInt8]) -> Bool {
        id.count == 4 && id.allSatisfy { (0x20...0x7E).contains($0) }
    }

    /// The bytes the printer sends.
    public var bytes: [UInt8] {
        [0x37, 0x22] + id + [0x00]
    }
}
