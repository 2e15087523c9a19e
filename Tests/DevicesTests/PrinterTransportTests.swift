import DeviceIO
import Foundation
import Testing

@testable import Devices

/// Printer transports against a loopback listener, a pseudo-terminal and a file.
@Suite struct PrinterTransportTests {
    static let job: [UInt8] = [0x1B, 0x40] + Array("TOTAL 12,50\n".utf8) + [0x1D, 0x56, 0x00]

    @Test func tcpSendsTheJobAndReceivesTheStatus() async throws {
        let listener = try TCPListener(host: "127.0.0.1", port: 0)
        var accepted = listener.connections().makeAsyncIterator()
        let transport = try DevicePort(parsing: "tcp://127.0.0.1:\(listener.port)")
            .printerTransport(connectTimeout: .seconds(5))
        #expect(transport.hasReturnChannel)

        try await transport.send(Self.job + [0x10, 0x04, 0x01])
        let printer = try #require(await accepted.next())
        var received: [UInt8] = []
        var chunks = printer.chunks().makeAsyncIterator()
        while received.count < Self.job.count + 3, let chunk = await chunks.next() {
            received += chunk
        }
        #expect(received == Self.job + [0x10, 0x04, 0x01])

        try await printer.write([0x16])
        #expect(try await transport.receive(upTo: 8, timeout: .seconds(30)) == [0x16])

        await transport.close()
        await printer.close()
        await listener.close()
    }

    @Test func tcpOpenConnectsAndSendsNothing() async throws {
        let listener = try TCPListener()
        var accepted = listener.connections().makeAsyncIterator()
        let transport = PrinterTCPTransport(host: "127.0.0.1", port: listener.port)
        #expect(await transport.connectionNumber == nil)

        try await transport.open()
        let printer = try #require(await accepted.next())
        #expect(await transport.connectionNumber == 1)
        // A second open keeps the connection; the first bytes the printer gets are the job's.
        try await transport.open()
        try await transport.send(Self.job)
        var chunks = printer.chunks().makeAsyncIterator()
        var received: [UInt8] = []
        while received.count < Self.job.count, let chunk = await chunks.next() {
            received += chunk
        }
        #expect(received == Self.job)
        #expect(await transport.connectionNumber == 1)

        await transport.close()
        await printer.close()
        await listener.close()
    }

    @Test func tcpOpenToAPrinterThatIsOffSaysWhere() async throws {
        let off = try TCPListener()
        let port = off.port
        await off.close()
        let transport = PrinterTCPTransport(host: "127.0.0.1", port: port)
        await #expect {
            try await transport.open()
        } throws: { error in
            (error as? SystemCallError)?.description
                == "connect(tcp://127.0.0.1:\(port)): Connection refused (ECONNREFUSED)"
        }
        #expect(await transport.connectionNumber == nil)
    }

    @Test func tcpReceiveTimesOutEmpty() async throws {
        let listener = try TCPListener()
        var accepted = listener.connections().makeAsyncIterator()
        let transport = PrinterTCPTransport(host: "127.0.0.1", port: listener.port)
        try await transport.send([0x1B, 0x40])
        let printer = try #require(await accepted.next())

        #expect(try await transport.receive(upTo: 1, timeout: .milliseconds(20)) == [])

        await transport.close()
        await printer.close()
        await listener.close()
    }

    @Test func tcpReconnectsOnTheNextJobAfterAFailure() async throws {
        let first = try TCPListener()
        let port = first.port
        await first.close()
        let transport = PrinterTCPTransport(host: "127.0.0.1", port: port)

        // The printer is off: the job fails and says where it tried.
        await #expect {
            try await transport.send(Self.job)
        } throws: { error in
            (error as? SystemCallError)?.description
                == "connect(tcp://127.0.0.1:\(port)): Connection refused (ECONNREFUSED)"
        }

        // It comes back on the same port: the next job connects again.
        let again = try TCPListener(host: "127.0.0.1", port: port)
        var accepted = again.connections().makeAsyncIterator()
        try await transport.send(Self.job)
        let printer = try #require(await accepted.next())
        var chunks = printer.chunks().makeAsyncIterator()
        var received: [UInt8] = []
        while received.count < Self.job.count, let chunk = await chunks.next() {
            received += chunk
        }
        #expect(received == Self.job)

        await transport.close()
        await printer.close()
        await again.close()
    }

    @Test func fileAppendsEveryJobAndHasNoWayBack() async throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("lanegate-printer-\(UUID().uuidString).bin").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let transport = try DevicePort(parsing: "file:\(path)").printerTransport()
        #expect(!transport.hasReturnChannel)

        try await transport.send(Self.job)
        await transport.close()
        try await transport.send([0x0A])
        #expect(try await transport.receive(upTo: 8, timeout: .seconds(1)) == [])
        await transport.close()

        let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(written == Self.job + [0x0A])
    }

    @Test func fileInAMissingFolderNamesThePath() async throws {
        let transport = PrinterFileTransport(path: "/nonexistent-lanegate/p.bin")
        await #expect {
            try await transport.send([0x0A])
        } throws: { error in
            (error as? SystemCallError)?.description
                == "open(/nonexistent-lanegate/p.bin): No such file or directory (ENOENT): "
                + "no such file or device; check the path (for a device, the cable)"
        }
    }

    @Test func serialSendsAndReceivesOverAPseudoTerminal() async throws {
        let printer = try PseudoTerminal()
        let transport = try DevicePort(parsing: printer.peerPath).printerTransport()
        #expect(transport.hasReturnChannel)

        try await transport.send(Self.job)
        var fromHost = printer.readEvents().makeAsyncIterator()
        var received: [UInt8] = []
        while received.count < Self.job.count, case .data(let bytes)? = await fromHost.next() {
            received += bytes
        }
        #expect(received == Self.job)

        try await printer.write([0x12])
        #expect(try await transport.receive(upTo: 4, timeout: .seconds(30)) == [0x12])

        await transport.close()
        await printer.close()
    }
}
