/// Cuts a LaneLink byte stream (TCP or serial) into lines.
///
/// A line ends at LF; one CR right before the LF is removed too. A line holds at most
/// `maxLineLength` bytes, terminator excluded. A longer one yields `.tooLong` as soon as
/// it is known to be too long, once, and the rest of it is skipped up to its LF; the lines
/// after it come out as usual. Blank lines (nothing, or only spaces and tabs, before the
/// CR LF or LF) are skipped, so a POS may send them to keep a connection alive and they
/// never get a reply that would shift the POS's count of replies. Pure: no I/O, fed
/// whatever chunks `read(2)` returns.
public struct LaneLinkLineFramer: Sendable {
    /// The protocol's limit: 64 KiB per line, terminator excluded.
    public static let defaultMaxLineLength = 65_536

    /// What one complete line, or one oversized line, gives.
    public enum Output: Sendable, Equatable {
        /// A complete line without its CR LF or LF.
        case line([UInt8])
        /// A line longer than the limit; its bytes are dropped.
        case tooLong
    }

    /// The most bytes one line may hold, terminator excluded.
    public let maxLineLength: Int
    private var partial: [UInt8] = []
    private var skipping = false

    /// Makes a framer; `maxLineLength` is 64 KiB unless a test wants it smaller.
    public init(maxLineLength: Int = LaneLinkLineFramer.defaultMaxLineLength) {
        precondition(maxLineLength > 0, "a line must be allowed at least one byte")
        self.maxLineLength = maxLineLength
    }

    /// Bytes of an unfinished line held back until its LF comes (0 while skipping).
    public var pendingByteCount: Int { partial.count }

    /// Takes the next chunk of the stream and returns every line it completes, in order.
    public mutating func feed(_ bytes: some Collection<UInt8>) -> [Output] {
        // The work is done on contiguous bytes, in code the compiler specializes here: a
        // generic walk over `some Collection` called from another module goes through
        // witness tables byte by byte, which made framing a tenth of a request's CPU.
        if let outputs = bytes.withContiguousStorageIfAvailable({ feed(buffer: $0) }) {
            return outputs
        }
        return Array(bytes).withUnsafeBufferPointer { feed(buffer: $0) }
    }

    private mutating func feed(buffer: UnsafeBufferPointer<UInt8>) -> [Output] {
        var outputs: [Output] = []
        var start = 0
        while start < buffer.count {
            guard let end = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) else {
                take(UnsafeBufferPointer(rebasing: buffer[start...]), into: &outputs)
                return outputs
            }
            take(UnsafeBufferPointer(rebasing: buffer[start..<end]), into: &outputs)
            finishLine(into: &outputs)
            start = end + 1
        }
        return outputs
    }

    /// Adds bytes of the current line, reporting it once when it grows past the limit.
    private mutating func take(_ bytes: UnsafeBufferPointer<UInt8>, into outputs: inout [Output]) {
        guard !skipping else { return }
        partial.append(contentsOf: bytes)

        // One byte more than the limit may still be the CR of a CR LF.
        let overLimit =
            partial.count > maxLineLength + 1
            || (partial.count == maxLineLength + 1 && partial.last != UInt8(ascii: "\r"))
        if overLimit {
            outputs.append(.tooLong)
            partial = []
            skipping = true
        }
    }

    private mutating func finishLine(into outputs: inout [Output]) {
        defer {
            partial = []
            skipping = false
        }
        guard !skipping else { return }
        if partial.last == UInt8(ascii: "\r") { partial.removeLast() }
        guard partial.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") })
        else { return }
        outputs.append(partial.count > maxLineLength ? .tooLong : .line(partial))
    }
}
