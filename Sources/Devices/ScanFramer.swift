/// One result of framing: a complete message, or one that was dropped.
public enum ScanFrame: Hashable, Sendable {
    /// A complete message, prefix and suffix removed; never empty.
    case message([UInt8])
    /// A message dropped for the reason given (too long).
    case dropped(ScannerFramingError)
}

/// Cuts a scanner's byte stream into messages, as its `ScannerFraming` says.
///
/// A pure decoder: fed chunks as `read(2)` returns them, it returns the
/// messages they complete and keeps the rest. It has no clock: the reader
/// calls `idle()` when no byte came for the framing's idle gap.
public struct ScanFramer: Sendable {
    /// The framing this framer follows.
    public let framing: ScannerFraming

    private var buffer: [UInt8] = []
    /// `.suffix`: the last message ended and terminators may still follow.
    private var inTerminatorRun = false
    /// The buffer went over the limit; bytes are discarded up to the next end.
    private var discarding = false
    private let longestSuffix: Int

    /// A framer with nothing buffered.
    public init(framing: ScannerFraming) {
        self.framing = framing
        self.longestSuffix = framing.suffixes.first?.count ?? 0
    }

    /// Whether bytes of an unfinished message are buffered.
    public var hasPartialMessage: Bool { !buffer.isEmpty }

    /// Takes the next bytes; returns the messages they complete, in order.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [ScanFrame] {
        buffer.append(contentsOf: bytes)
        var frames: [ScanFrame] = []
        if framing.endsOn == .suffix {
            cutAtSuffixes(into: &frames)
        }
        enforceLimit(into: &frames)
        return frames
    }

    /// The idle gap passed: whatever is buffered is a whole message, less its
    /// trailing run of suffixes.
    public mutating func idle() -> [ScanFrame] {
        defer {
            buffer.removeAll(keepingCapacity: true)
            inTerminatorRun = false
            discarding = false
        }
        guard !discarding else { return [] }
        var message = buffer[...]
        while let suffix = framing.suffixes.first(where: { message.ends(with: $0) }) {
            message = message.dropLast(suffix.count)
        }
        return emit(message).map { [$0] } ?? []
    }

    /// Drops a partial message (the device was lost; its bytes cannot be completed).
    public mutating func reset() {
        buffer.removeAll(keepingCapacity: true)
        inTerminatorRun = false
        discarding = false
    }

    private mutating func cutAtSuffixes(into frames: inout [ScanFrame]) {
        while true {
            if inTerminatorRun {
                guard skipTerminatorRun() else { return }
            }
            guard let (start, length) = firstSuffix() else { return }

            let message = buffer[..<start]
            if discarding {
                discarding = false
            } else if let frame = emit(message) {
                frames.append(frame)
            }
            buffer.removeFirst(start + length)
            inTerminatorRun = true
        }
    }

    /// Removes leading terminators; false while the buffer may still be the
    /// start of one (wait for more bytes).
    private mutating func skipTerminatorRun() -> Bool {
        while let suffix = framing.suffixes.first(where: { buffer.starts(with: $0) }) {
            buffer.removeFirst(suffix.count)
        }
        let couldContinue =
            !buffer.isEmpty
            && framing.suffixes.contains { $0.count > buffer.count && $0.starts(with: buffer) }
        if buffer.isEmpty || couldContinue {
            return false
        }
        inTerminatorRun = false
        return true
    }

    /// The earliest complete suffix in the buffer, longest first at one place.
    private func firstSuffix() -> (start: Int, length: Int)? {
        var index = buffer.startIndex
        while index < buffer.endIndex {
            let rest = buffer[index...]
            if let suffix = framing.suffixes.first(where: { rest.starts(with: $0) }) {
                return (index, suffix.count)
            }
            index += 1
        }
        return nil
    }

    private mutating func enforceLimit(into frames: inout [ScanFrame]) {
        if discarding {
            // Keep only what could be the start of the terminator that ends the
            // discarded message.
            buffer = Array(buffer.suffix(max(longestSuffix - 1, 0)))
            return
        }
        guard buffer.count > framing.maximumMessageSize else { return }
        frames.append(.dropped(.messageTooLong(limit: framing.maximumMessageSize)))
        buffer = Array(buffer.suffix(max(longestSuffix - 1, 0)))
        discarding = true
    }

    private func emit(_ message: ArraySlice<UInt8>) -> ScanFrame? {
        var message = message
        if !framing.prefix.isEmpty, message.starts(with: framing.prefix) {
            message = message.dropFirst(framing.prefix.count)
        }
        return message.isEmpty ? nil : .message(Array(message))
    }
}

extension Collection where Element: Equatable {
    fileprivate func ends(with suffix: [Element]) -> Bool {
        count >= suffix.count && self.suffix(suffix.count).elementsEqual(suffix)
    }
}
