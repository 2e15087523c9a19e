import ESCPOS

/// Sorts the bytes a printer sends back into replies, each paired with the request that
/// asked for it, and Automatic Status Back messages, which come unasked.
///
/// The printer's replies are told apart by their first byte, per the Epson ESC/POS Command
/// Reference, "Transmission status identification" (and each command's page):
/// - `DLE EOT n` status: one byte, `(b & 0x93) == 0x12`; taken only while a status request
///   is outstanding, and paired with the oldest one (real-time requests are answered in
///   order, possibly before replies to earlier buffered commands);
/// - ASB (`GS a`): four bytes, the first `(b & 0x93) == 0x10`, the others `(b & 0x90) == 0`;
/// - process ID (`GS ( H` function 48): `37 22 d1 d2 d3 d4 00`;
/// - printer ID (`GS I 1` to `3`): one byte, `(b & 0x90) == 0`, only while one is asked for;
/// - printer information B (`GS I 65` to `69`): `5F`, up to 80 ASCII bytes, `00`;
/// - `XON` and `XOFF` (0x11, 0x13), flow control, skipped.
/// Any other byte, or a reply nobody asked for, is a stray: dropped and reported, never
/// read as "fine" (case P04: a `00` is not a status). A frame is never consumed half: the
/// reader waits for the rest, up to the longest frame (82 bytes).
package struct ReceiptPrinterReplies: Sendable {
    /// A request that expects a reply.
    package enum Request: Sendable, Equatable {
        /// `DLE EOT n`.
        case status(UInt8)
        /// `GS I n`, n = 1 to 3: one byte.
        case printerID(UInt8)
        /// `GS I n`, n = 65 to 69: a string.
        case information(UInt8)
    }

    /// A reply taken from the stream.
    package enum Reply: Sendable, Equatable {
        case status(PrinterStatus)
        case automatic(AutomaticStatus)
        case processID([UInt8])
        case printerID(request: UInt8, value: UInt8)
        case information(request: UInt8, text: String)
    }

    /// A byte that belongs to no reply.
    package struct Stray: Sendable, Equatable {
        package var byte: UInt8
        package var reason: String
    }

    /// The longest frame: printer information B, header and NUL around 80 bytes.
    static let longestFrame = 82

    private var pending: [UInt8] = []
    private var outstanding: [Request] = []
    private var replies: [Reply] = []
    private var strays: [Stray] = []

    package init() {}

    /// Notes a request about to be sent; only now may its reply be taken. Noted before its
    /// bytes go out, since a reply can be read before the sender resumes from the send.
    package mutating func sent(_ request: Request) {
        outstanding.append(request)
    }

    /// Gives up on a request that got no reply in time; a late reply becomes a stray.
    package mutating func abandon(_ request: Request) {
        if let index = outstanding.firstIndex(of: request) {
            outstanding.remove(at: index)
        }
    }

    /// Adds bytes from the printer and sorts out every complete frame.
    package mutating func append(_ bytes: [UInt8]) {
        pending += bytes
        while let first = pending.first, let used = frame(at: first) {
            pending.removeFirst(used)
        }
    }

    /// The ASB messages received so far, oldest first; they leave the reader.
    package mutating func takeAutomatic() -> [AutomaticStatus] {
        var taken: [AutomaticStatus] = []
        replies.removeAll { reply in
            guard case .automatic(let message) = reply else { return false }
            taken.append(message)
            return true
        }
        return taken
    }

    /// The stray bytes found so far; they leave the reader.
    package mutating func takeStrays() -> [Stray] {
        defer { strays.removeAll() }
        return strays
    }

    /// The first reply `match` accepts, removed from the reader.
    package mutating func take<T>(_ match: (Reply) -> T?) -> T? {
        for (index, reply) in replies.enumerated() {
            if let value = match(reply) {
                replies.remove(at: index)
                return value
            }
        }
        return nil
    }

    /// Whether a process ID reply with `tag` came; older replies (of jobs whose
    /// confirmation timed out) go with it.
    package mutating func takeProcessReply(_ tag: [UInt8]) -> Bool {
        let index = replies.firstIndex { $0 == .processID(tag) }
        guard let index else { return false }
        replies.remove(at: index)
        replies.removeAll { if case .processID = $0 { return true } else { return false } }
        return true
    }

    /// Sorts the frame starting with `first`; returns how many bytes it used, or nil when
    /// the frame is not complete yet.
    private mutating func frame(at first: UInt8) -> Int? {
        if first == 0x11 || first == 0x13 { return 1 }
        if first == 0x37 { return processIDFrame() }
        if first == 0x5F, let request = oldest(information: true) { return information(request) }
        if AutomaticStatus.isFirstByte(first) { return automaticFrame() }
        if first & 0x93 == 0x12 {
            guard let (index, n) = oldestStatus(),
                let status = PrinterStatus.decode(request: n, reply: first)
            else {
                return stray(first, "a status byte with no DLE EOT request outstanding")
            }
            outstanding.remove(at: index)
            replies.append(.status(status))
            return 1
        }
        if first & 0x90 == 0, let request = oldest(information: false),
            case .printerID(let n) = request
        {
            outstanding.removeAll { $0 == request }
            replies.append(.printerID(request: n, value: first))
            return 1
        }
        return stray(first, "no reply that was asked for starts with this byte")
    }

    private func oldestStatus() -> (Int, UInt8)? {
        for (index, request) in outstanding.enumerated() {
            if case .status(let n) = request { return (index, n) }
        }
        return nil
    }

    private func oldest(information: Bool) -> Request? {
        outstanding.first { request in
            switch request {
            case .information: information
            case .printerID: !information
            case .status: false
            }
        }
    }

    private mutating func processIDFrame() -> Int? {
        let length = ProcessIDReply.length
        let head = Array(pending.prefix(length))
        if head.count >= 2, head[1] != 0x22 {
            return stray(0x37, "not followed by 0x22, so not a process ID reply")
        }
        let idBytes = head.dropFirst(2).prefix(4)
        if !idBytes.allSatisfy({ (0x20...0x7E).contains($0) }) {
            return stray(0x37, "a process ID reply with an id byte out of 0x20 to 0x7E")
        }
        guard head.count == length else { return nil }
        guard let reply = ProcessIDReply.decode(head) else {
            return stray(0x37, "a process ID reply that does not end with NUL")
        }
        replies.append(.processID(reply.id))
        return length
    }

    private mutating func automaticFrame() -> Int? {
        let head = pending.prefix(AutomaticStatus.length)
        if head.dropFirst().contains(where: { !AutomaticStatus.isFollowingByte($0) }) {
            return stray(pending[0], "an ASB message cut short by a byte with bit 4 or 7 set")
        }
        guard let message = AutomaticStatus.decode(pending) else { return nil }
        replies.append(.automatic(message))
        return AutomaticStatus.length
    }

    private mutating func information(_ request: Request) -> Int? {
        guard case .information(let n) = request else { return nil }
        let body = pending.dropFirst().prefix(Self.longestFrame - 1)
        if let bad = body.firstIndex(where: { $0 != 0x00 && !(0x20...0x7E).contains($0) }),
            !body[..<bad].contains(0x00)
        {
            return stray(0x5F, "printer information with a byte out of ASCII")
        }
        guard let end = body.firstIndex(of: 0x00) else {
            if pending.count >= Self.longestFrame {
                return stray(0x5F, "printer information longer than 80 bytes")
            }
            return nil
        }
        outstanding.removeAll { $0 == request }
        let text = String(decoding: pending[1..<end], as: UTF8.self)
        replies.append(.information(request: n, text: text))
        return end + 1
    }

    private mutating func stray(_ byte: UInt8, _ reason: String) -> Int {
        strays.append(Stray(byte: byte, reason: reason))
        return 1
    }
}
