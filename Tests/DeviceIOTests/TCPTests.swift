import Glibc
import Testing

@testable import DeviceIO

/// TCP on IPv4 loopback only.
@Suite struct TCPTests {
    @Test func listenerReportsAnEphemeralPortAndBytesFlowBothWays() async throws {
        let listener = try TCPListener(host: "127.0.0.1", port: 0)
        #expect(listener.port != 0)
        var accepted = listener.connections().makeAsyncIterator()

        let client = try await TCPConnection.connect(
            host: "127.0.0.1", port: listener.port, timeout: .seconds(5))
        #expect(client.remoteAddress == "127.0.0.1:\(listener.port)")
        let server = try #require(await accepted.next())

        try await client.write(Array("hello".utf8))
        var fromClient = server.chunks().makeAsyncIterator()
        var received: [UInt8] = []
        while received.count < 5, let chunk = await fromClient.next() {
            received += chunk
        }
        #expect(received == Array("hello".utf8))

        try await server.write([0x10, 0x04, 0x01])
        var fromServer = client.chunks().makeAsyncIterator()
        #expect(await fromServer.next() == [0x10, 0x04, 0x01])

        // The peer closing ends the stream.
        await client.close()
        #expect(await fromClient.next() == nil)
        await server.close()
        await listener.close()
    }

    @Test func largeWriteSurvivesPartialWritesAndAFullBuffer() async throws {
        let listener = try TCPListener()
        var accepted = listener.connections().makeAsyncIterator()
        let client = try await TCPConnection.connect(
            host: "127.0.0.1", port: listener.port, timeout: .seconds(5))
        let server = try #require(await accepted.next())

        // Far more than a loopback socket buffers, so send(2) takes part of it
        // and then reports EAGAIN until the reader catches up.
        let payload = (0..<(4 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }
        async let sent: Void = client.write(payload)
        var received: [UInt8] = []
        received.reserveCapacity(payload.count)
        for await chunk in server.chunks() {
            received += chunk
            if received.count >= payload.count { break }
        }
        try await sent
        #expect(received.count == payload.count)
        #expect(received == payload)

        await client.close()
        await server.close()
        await listener.close()
    }

    @Test func refusedConnectNamesTheAddressAndErrno() async throws {
        // Bind then close a listener, so the port is known to have no listener.
        let listener = try TCPListener()
        let port = listener.port
        await listener.close()

        await #expect {
            _ = try await TCPConnection.connect(host: "127.0.0.1", port: port, timeout: .seconds(5))
        } throws: { error in
            (error as? SystemCallError)?.description
                == "connect(tcp://127.0.0.1:\(port)): Connection refused (ECONNREFUSED)"
        }
    }

    @Test func unknownHostIsANameResolutionError() async throws {
        await #expect(throws: NameResolutionError.self) {
            _ = try await TCPConnection.connect(
                host: "no-such-host.invalid", port: 9100, timeout: .seconds(5))
        }
    }

    @Test func socketsAreClosedAndNoneLeak() async throws {
        let listener = try TCPListener()
        var accepted = listener.connections().makeAsyncIterator()
        let client = try await TCPConnection.connect(
            host: "127.0.0.1", port: listener.port, timeout: .seconds(5))
        let server = try #require(await accepted.next())

        // Socket inode numbers are unique while open and not reused at once,
        // so other tests opening sockets meanwhile cannot confuse the count.
        let ours = [listener.descriptorNumber, client.descriptorNumber, server.descriptorNumber]
            .compactMap(descriptorTarget)
        #expect(ours.count == 3)
        #expect(ours.allSatisfy { $0.hasPrefix("socket:[") })
        #expect(ours.map { descriptorCount(pointingAt: $0) } == [1, 1, 1])

        await client.close()
        await server.close()
        await listener.close()
        await client.close()
        #expect(ours.map { descriptorCount(pointingAt: $0) } == [0, 0, 0])
    }
}
