import Glibc

/// A connected TCP stream (a network printer on port 9100, a POS client).
public actor TCPConnection {
    /// The other end, as `127.0.0.1:9100`.
    public nonisolated let remoteAddress: String

    private let channel: DescriptorChannel

    /// Takes ownership of a connected, non-blocking socket.
    package init(fd: Int32, remoteAddress: String, system: any SystemCalls = LinuxSystemCalls()) {
        self.remoteAddress = remoteAddress
        self.channel = DescriptorChannel(
            Descriptor(fd: fd, path: "tcp://\(remoteAddress)", system: system), isSocket: true)
    }

    deinit {
        channel.closeSoon()
    }

    /// The descriptor number, for leak checks in tests.
    package nonisolated var descriptorNumber: Int32 { channel.descriptor.fd }

    /// What the peer sends, then `.gone` when it closes (a hang-up) or resets.
    /// Start it once (or `chunks()`, not both).
    public nonisolated func readEvents() -> AsyncStream<ReadEvent> {
        channel.readEvents()
    }

    /// What the peer sends, chunk by chunk; the stream ends when the peer
    /// closes or the connection fails.
    public nonisolated func chunks() -> AsyncStream<[UInt8]> {
        let events = channel.readEvents()
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream()
        let forward = Task {
            for await event in events {
                guard case .data(let bytes) = event else { break }
                continuation.yield(bytes)
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in forward.cancel() }
        return stream
    }

    /// Sends every byte, across partial writes and a full send buffer.
    /// Wraps `send(2)` with `MSG_NOSIGNAL`.
    public func write(_ bytes: [UInt8]) async throws {
        try await channel.write(bytes)
    }

    /// Calls `handler` with what the peer sends, then `.gone`, on the thread that
    /// read it, without a stream or a task in between; the handler must not block.
    /// Start it once (instead of `readEvents()` or `chunks()`).
    public nonisolated func read(handler: @escaping @Sendable (ReadEvent) -> Void) {
        channel.read(handler: handler)
    }

    /// Sends `bytes` at once from the caller's thread with a non-blocking `send(2)`
    /// (`MSG_NOSIGNAL`), without waiting; what the kernel cannot take now is queued
    /// behind earlier writes and sent as the buffer drains. Writes keep their order.
    /// Failures are not reported: a reset or hang-up ends the read side.
    public nonisolated func send(_ bytes: [UInt8]) {
        channel.send(bytes)
    }

    /// Closes the connection once. Wraps `close(2)`.
    public func close() async {
        await channel.close()
    }
}
