import DeviceIO

/// What a reader the registry started tells it.
public enum HotplugReaderEvent: Sendable, Hashable {
    /// The node is open: `node` is where it led.
    case opened(node: String)
    /// One complete scan.
    case scan([UInt8])
    /// The node was lost or closed; the text says why.
    case closed(String)
    /// Something went wrong that the reader survives (a dropped message).
    case problem(String)
}

extension HotplugReaderEvent {
    /// A serial or keyboard-wedge scanner's event, as the registry takes it.
    init(_ event: ScannerEvent) {
        switch event {
        case .scan(let bytes): self = .scan(bytes)
        case .connected(_, let resolved): self = .opened(node: resolved)
        case .disconnected(let why): self = .closed(why)
        case .dropped(let error): self = .problem(error.description)
        }
    }
}

/// A reader the `DeviceRegistry` can start on a plugged-in node and stop when it leaves:
/// `SerialScanner`, `HIDRawReader` and `EvdevReader` are ones.
public protocol HotplugReader: Sendable {
    /// Opens the node and starts reading; throws when it cannot (the text says why).
    func startReading() async throws
    /// Stops reading and closes the node; returns when the descriptor is closed.
    func stopReading() async
    /// Passes every event to `sink` until the reader's events end (after `stopReading`).
    func deliverEvents(to sink: @escaping @Sendable (HotplugReaderEvent) -> Void) async
}

extension SerialScanner: HotplugReader {
    /// `start()`: the scanner opens the port itself, retrying with backoff.
    public func startReading() async throws {
        start()
    }

    /// `stop()`.
    public func stopReading() async {
        await stop()
    }

    /// `events`, mapped.
    public nonisolated func deliverEvents(
        to sink: @escaping @Sendable (HotplugReaderEvent) -> Void
    ) async {
        for await event in events { sink(HotplugReaderEvent(event)) }
    }
}

extension HIDRawReader: HotplugReader {
    /// `start()`.
    public func startReading() async throws {
        try start()
    }

    /// `stop()`.
    public func stopReading() async {
        await stop()
    }

    /// `events`, mapped: a HID POS scan as the bytes a serial scanner would send (AIM
    /// identifier, then the data).
    public nonisolated func deliverEvents(
        to sink: @escaping @Sendable (HotplugReaderEvent) -> Void
    ) async {
        for await event in events {
            switch event {
            case .scan(let scan): sink(.scan(scan.bytes))
            case .connected(let path, _, _): sink(.opened(node: path))
            case .disconnected(let why, _): sink(.closed(why))
            case .dropped(let error): sink(.problem(error.description))
            }
        }
    }
}

extension EvdevReader: HotplugReader {
    /// `start()`: opens and grabs the node.
    public func startReading() async throws {
        try start()
    }

    /// `stop()`: releases the grab and closes the node.
    public func stopReading() async {
        await stop()
    }

    /// `events`, mapped.
    public nonisolated func deliverEvents(
        to sink: @escaping @Sendable (HotplugReaderEvent) -> Void
    ) async {
        for await event in events { sink(HotplugReaderEvent(event)) }
    }
}
