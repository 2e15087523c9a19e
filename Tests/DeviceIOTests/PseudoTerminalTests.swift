import Glibc
import Testing

@testable import DeviceIO

/// Serial ports on the kernel's real tty layer: the test holds the controller
/// and acts as the device; the code under test opens the peer path.
@Suite struct PseudoTerminalTests {
    @Test func bytesFromTheDeviceArriveAndHangUpEndsTheStream() async throws {
        let device = try PseudoTerminal()
        let port = try SerialPort(opening: device.peerPath)
        var events = port.readEvents().makeAsyncIterator()

        try await device.write([0x34, 0x30, 0x30, 0x36, 0x0D])
        var received: [UInt8] = []
        while received.count < 5, case .data(let bytes)? = await events.next() {
            received += bytes
        }
        #expect(received == [0x34, 0x30, 0x30, 0x36, 0x0D])

        await device.close()
        let last = await events.next()
        #expect(last == .gone(DeviceGone(path: device.peerPath, cause: .hangUp)))
        #expect(await events.next() == nil)
        await port.close()
    }

    @Test func bytesFromThePortReachTheDevice() async throws {
        let device = try PseudoTerminal()
        let port = try SerialPort(opening: device.peerPath)
        var fromPort = device.readEvents().makeAsyncIterator()

        let job = Array("RECEIPT\n".utf8)
        try await port.write(job)
        var received: [UInt8] = []
        while received.count < job.count, case .data(let bytes)? = await fromPort.next() {
            received += bytes
        }
        #expect(received == job)

        await port.close()
        await device.close()
    }

    @Test func secondOpenIsRefusedAsInUse() async throws {
        let device = try PseudoTerminal()
        let first = try SerialPort(opening: device.peerPath)

        #expect {
            _ = try SerialPort(opening: device.peerPath)
        } throws: { error in
            guard let error = error as? SystemCallError else { return false }
            return error.path == device.peerPath
                && error.description.contains("in use by another process")
        }

        // Once the first owner lets go, the port can be taken again.
        await first.close()
        let second = try SerialPort(opening: device.peerPath)
        await second.close()
        await device.close()
    }

    @Test func descriptorIsClosedExactlyOnceAndNoneLeak() async throws {
        let device = try PseudoTerminal()
        #expect(descriptorCount(pointingAt: device.peerPath) == 0)

        let port = try SerialPort(opening: device.peerPath)
        let events = port.readEvents()
        #expect(descriptorCount(pointingAt: device.peerPath) == 1)

        // A second descriptor of the test's own keeps the pts number taken, so
        // a pty another test opens meanwhile cannot reuse the path.
        let witness = Glibc.open(device.peerPath, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        defer { Glibc.close(witness) }
        #expect(descriptorCount(pointingAt: device.peerPath) == 2)

        // The hang-up alone closes the port's descriptor, before the stream ends.
        await device.close()
        var sawGone = false
        for await event in events {
            if case .gone = event { sawGone = true }
        }
        #expect(sawGone)
        #expect(descriptorCount(pointingAtNodeOrDeleted: device.peerPath) == 1)
        await port.close()
        #expect(descriptorCount(pointingAtNodeOrDeleted: device.peerPath) == 1)
    }

    @Test func cancellingTheReaderThenClosingReleasesTheDescriptor() async throws {
        let device = try PseudoTerminal()
        let port = try SerialPort(opening: device.peerPath)
        let reader = Task {
            for await _ in port.readEvents() {}
        }
        reader.cancel()
        await reader.value
        await port.close()

        #expect(descriptorCount(pointingAt: device.peerPath) == 0)
        await device.close()
    }
}
