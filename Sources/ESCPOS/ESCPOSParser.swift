/// An incremental ESC/POS decoder for streams from any software.
///
/// It walks a stream with the length rules of the Epson command set (see
/// `ESCPOSParser+Commands.swift`): fixed parameter counts, the length-prefixed
/// `GS (`, `ESC (` and `FS (` families, NUL- or length-ended barcode data, raster
/// and bit images. It never reports half a command: bytes that end mid-command, or
/// mid-text, wait for the next `feed(_:)`; `finish()` flushes them. Whatever the
/// split, the same stream yields the same elements. A byte it cannot place is
/// reported as `.unknown` with its offset, and what follows is read as text.
///
/// - Complexity: O(n) in the bytes fed, except that a command still incomplete is
///   looked at again on each feed; commands longer than `bufferLimit` are skipped
///   through without being held in memory.
public struct ESCPOSParser: Sendable {
    /// Commands longer than this (images) are counted through, not buffered.
    public static let bufferLimit = 65_540

    /// Bytes not yet consumed.
    var buffer: [UInt8] = []
    /// Stream offset of `buffer[0]`.
    var bufferOffset = 0
    /// A long command being counted through.
    var skipping: Skip?

    /// Text decoded but not yet reported, since more of it may follow.
    var pendingText = ""
    var pendingTextOffset = 0
    var pendingTextState = TextState()

    /// Printer state the stream has set.
    var state = TextState()
    var codePage: CodePage? = CodePage.table(0)
    var barcodeHRI = HRIPosition.none
    var barcodeModuleWidth = 3
    var barcodeHeight = 162
    var qr = QRCode(data: [])

    /// A command longer than `bufferLimit` whose remaining bytes are being counted.
    struct Skip: Sendable {
        var remaining: Int
        let offset: Int
        let kind: ESCPOSElement.Kind?
        let header: [UInt8]
    }

    /// Creates a parser for a new stream, in the printer's power-on state.
    public init() {}

    /// Parses `bytes` from one stream in one go.
    public static func parse(_ bytes: [UInt8]) -> [ESCPOSElement] {
        var parser = ESCPOSParser()
        return parser.feed(bytes) + parser.finish()
    }

    /// Takes the next bytes of the stream; returns the elements now complete.
    public mutating func feed(_ bytes: [UInt8]) -> [ESCPOSElement] {
        var elements: [ESCPOSElement] = []
        var input = bytes[...]

        if var skip = skipping {
            let taken = min(skip.remaining, input.count)
            skip.remaining -= taken
            bufferOffset += taken
            input = input.dropFirst(taken)
            if skip.remaining > 0 {
                skipping = skip
                return elements
            }
            skipping = nil
            if let kind = skip.kind {
                elements.append(ESCPOSElement(offset: skip.offset, kind: kind))
            }
        }

        buffer += input
        drain(into: &elements)
        return elements
    }

    /// Ends the stream: reports pending text, and a command cut off by the end as
    /// `.unknown`; then the parser starts over as for a new stream.
    public mutating func finish() -> [ESCPOSElement] {
        var elements: [ESCPOSElement] = []
        drain(into: &elements)
        flushText(into: &elements)

        if let skip = skipping {
            elements.append(ESCPOSElement(offset: skip.offset, kind: .unknown(skip.header)))
        } else if !buffer.isEmpty {
            elements.append(ESCPOSElement(offset: bufferOffset, kind: .unknown(buffer)))
        }
        self = ESCPOSParser()
        return elements
    }

    /// Consumes every complete text run and command at the front of the buffer.
    private mutating func drain(into elements: inout [ESCPOSElement]) {
        var position = 0
        scan: while position < buffer.count {
            let byte = buffer[position]
            if Self.isText(byte) {
                if pendingText.isEmpty {
                    pendingTextOffset = bufferOffset + position
                    pendingTextState = state
                }
                pendingText.append(decode(byte))
                position += 1
                continue
            }
            flushText(into: &elements)

            let offset = bufferOffset + position
            switch parseCommand(buffer[position...]) {
            case .needMore:
                break scan
            case let .done(length, kind):
                if let kind { elements.append(ESCPOSElement(offset: offset, kind: kind)) }
                position += length
            case let .bulk(length, kind):
                let available = buffer.count - position
                if available >= length {
                    if let kind { elements.append(ESCPOSElement(offset: offset, kind: kind)) }
                    position += length
                } else if length > Self.bufferLimit {
                    let header = Array(buffer[position..<min(buffer.count, position + 16)])
                    skipping = Skip(
                        remaining: length - available, offset: offset, kind: kind,
                        header: header)
                    position = buffer.count
                } else {
                    break scan
                }
            }
        }
        buffer.removeFirst(position)
        bufferOffset += position
    }

    /// Reports the pending text run, if any.
    mutating func flushText(into elements: inout [ESCPOSElement]) {
        guard !pendingText.isEmpty else { return }
        elements.append(
            ESCPOSElement(offset: pendingTextOffset, kind: .text(pendingText, pendingTextState)))
        pendingText = ""
    }

    /// Whether `byte` prints as a character rather than starting a command.
    static func isText(_ byte: UInt8) -> Bool {
        byte >= 0x20 || byte == 0x09
    }

    private func decode(_ byte: UInt8) -> Character {
        if byte < 0x80 { return Character(Unicode.Scalar(byte)) }
        return codePage?.decode(byte) ?? "\u{FFFD}"
    }
}
