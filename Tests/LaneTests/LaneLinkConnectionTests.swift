import DeviceIO
import Foundation
import POSProtocols
import Testing

@testable import Lane

/// What a POS connection survives: oversized lines, out-of-order requests, a reconnect.
@Suite(.serialized) struct LaneLinkConnectionTests {
    /// Reads gateway lines off one TCP connection.
    final class Client {
        let connection: TCPConnection
        var iterator: AsyncStream<[UInt8]>.Iterator

        init(port: UInt16) async throws {
            connection = try await TCPConnection.connect(
                host: "127.0.0.1", port: port, timeout: .seconds(3))
            let chunks = connection.chunks()
            let (stream, continuation) = AsyncStream.makeStream(of: [UInt8].self)
            Task {
                var framer = LaneLinkLineFramer()
                for await chunk in chunks {
                    for case .line(let line) in framer.feed(chunk) { continuation.yield(line) }
                }
                continuation.finish()
            }
            iterator = stream.makeAsyncIterator()
        }

        func request(_ bytes: [UInt8]) async throws -> String {
            try await connection.write(bytes + [0x0A])
            guard let line = await iterator.next() else { throw LaneError("connection closed") }
            return String(decoding: line, as: UTF8.self)
        }

        func request(_ text: String) async throws -> String {
            try await request(Array(text.utf8))
        }
    }

    @Test func anOversizedLineIsRefusedAndTheConnectionGoesOn() async throws {
        let lane = try await LaneFixture.start()
        let client = try await Client(port: lane.host.posPorts[0])
        let huge =
            Array(#"{"op":"open","id":1,"txn":"T1","cashier":""#.utf8)
            + [UInt8](repeating: 0x41, count: 70_000) + Array(#""}"#.utf8)
        let refused = try await client.request(huge)
        #expect(refused.hasPrefix(#"{"op":"error","id":null,"code":"line-too-long","#))
        #expect(
            try await client.request(
                #"{"op":"open","id":2,"txn":"T1","at":"2026-12-03T10:00:00+01:00","cashier":"c1"}"#)
                == #"{"op":"opened","id":2,"txn":"T1"}"#)
        await client.connection.close()
        await lane.stop()
    }

    @Test func theOpenTransactionSurvivesAReconnect() async throws {
        let lane = try await LaneFixture.start()
        let first = try await Client(port: lane.host.posPorts[0])
        _ = try await first.request(
            #"{"op":"open","id":1,"txn":"T9","at":"2026-12-03T10:00:00+01:00","cashier":"c1"}"#)
        _ = try await first.request(
            #"{"op":"item","id":2,"txn":"T9","line":"1","sku":"1","qty":"1","price":"2.00"}"#)
        await first.connection.close()

        let second = try await Client(port: lane.host.posPorts[0])
        #expect(
            try await second.request(
                #"{"op":"open","id":3,"txn":"T10","at":"2026-12-03T10:01:00+01:00","cashier":"c1"}"#
            )
            .contains(#""code":"transaction-open""#))
        #expect(
            try await second.request(#"{"op":"quote","id":4,"txn":"T9"}"#)
                == #"{"op":"quote","id":4,"txn":"T9","member":null,"earn":0,"balance":0,"discounts":[]}"#
        )
        #expect(
            try await second.request(#"{"op":"cancel","id":5,"txn":"T9"}"#)
                == #"{"op":"cancelled","id":5,"txn":"T9"}"#)
        await second.connection.close()
        await lane.stop()
    }
}
