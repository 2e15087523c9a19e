import Synchronization
import Testing

@testable import DeviceIO

/// The lane's short path on a TCP connection: `read(handler:)` on a reader thread and
/// `send(_:)` from the caller's thread.
@Suite struct TCPDirectPathTests {
    /// Collects what a read handler is given, and resumes a waiter at `.gone`.
    final class Collected: Sendable {
        let state = Mutex<(bytes: [UInt8], gone: Int, waiter: CheckedContinuation<Void, Never>?)>(
            ([], 0, nil))

        func handle(_ event: ReadEvent) {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                switch event {
                case .data(let chunk):
                    state.bytes += chunk
                    return nil
                case .gone:
                    state.gone += 1
                    defer { state.waiter = nil }
                    return state.waiter
                }
            }
            waiter?.resume()
        }

        func waitForGone() async {
            await withCheckedContinuation { continuation in
                let now = state.withLock { state -> Bool in
                    if state.gone > 0 { return true }
                    state.waiter = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        }
    }

    @Test func sendsKeepTheirOrderAcrossAFullBufferAndTheHandlerSeesEveryByte()
        async throws
    {
        let listener = try TCPListener()
        var accepted = listener.connections().makeAsyncIterator()
        let client = try await TCPConnection.connect(
            host: "127.0.0.1", port: listener.port, timeout: .seconds(5))
        let server = try #require(await accepted.next())
        let collected = Collected()
        server.read { collected.handle($0) }

        // 64 sends of 64 KiB: far more than the socket buffers, so later sends are queued
        // behind the rest of earlier ones and must still arrive in order.
        var payload: [UInt8] = []
        for block in 0..<64 {
            let part = (0..<65536).map { UInt8(truncatingIfNeeded: $0 &+ block &* 7) }
            payload += part
            client.send(part)
        }
        await client.close()
        await collected.waitForGone()
        let result = collected.state.withLock { ($0.bytes, $0.gone) }
        #expect(result.0.count == payload.count)
        #expect(result.0 == payload)
        #expect(result.1 == 1)
        await server.close()
        await listener.close()
    }

    @Test func closingLocallyEndsTheReaderWithOneGoneAndLaterSendsAreDropped()
        async throws
    {
        let listener = try TCPListener()
        var accepted = listener.connections().makeAsyncIterator()
        let client = try await TCPConnection.connect(
            host: "127.0.0.1", port: listener.port, timeout: .seconds(5))
        let server = try #require(await accepted.next())
        let collected = Collected()
        server.read { collected.handle($0) }
        client.send(Array("ping\n".utf8))

        await server.close()
        await collected.waitForGone()
        server.send(Array("late".utf8))
        let result = collected.state.withLock { ($0.gone) }
        #expect(result == 1)
        // The client sees the close, not the late bytes.
        var fromServer = client.chunks().makeAsyncIterator()
        #expect(await fromServer.next() == nil)

        // A second reader on the same connection is told it is gone at once.
        let second = Collected()
        server.read { second.handle($0) }
        await second.waitForGone()
        #expect(second.state.withLock { $0.bytes.isEmpty })
        await client.close()
        await listener.close()
    }
}
