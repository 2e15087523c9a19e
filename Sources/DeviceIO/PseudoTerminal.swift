import CShim
import Glibc

/// A pseudo-terminal pair standing in for a serial device.
///
/// The test (or the demo) holds the controller side and acts as the device;
/// the code under test opens `peerPath` as it would open `/dev/ttyACM0`.
/// Closing the controller hangs the line up: the peer then reads 0 bytes
/// (with `POLLHUP`), as when a USB device is unplugged.
public actor PseudoTerminal {
    /// The peer's path (`/dev/pts/4`).
    public nonisolated let peerPath: String

    private let channel: DescriptorChannel

    /// Creates a pair with `posix_openpt(3)`, `grantpt(3)` and `unlockpt(3)`.
    public init() throws(SystemCallError) {
        var name = [CChar](repeating: 0, count: 128)
        let fd = name.withUnsafeMutableBufferPointer { buffer in
            lanegate_open_pty(buffer.baseAddress, buffer.count)
        }
        if fd < 0 {
            throw SystemCallError(call: "posix_openpt", errno: Errno(errno), path: "/dev/ptmx")
        }
        let peerPath = name.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        self.peerPath = peerPath
        self.channel = DescriptorChannel(
            Descriptor(fd: fd, path: "pty controller of \(peerPath)", system: LinuxSystemCalls()))
    }

    deinit {
        channel.closeSoon()
    }

    /// Sends `bytes` to the peer, as the device would.
    public func write(_ bytes: [UInt8]) async throws {
        try await channel.write(bytes)
    }

    /// What the peer writes. Start it only while the peer is open: with no
    /// peer, a controller reads `EIO`, which ends the stream and closes the pair.
    public nonisolated func readEvents() -> AsyncStream<ReadEvent> {
        channel.readEvents()
    }

    /// Closes the controller: the peer sees a hang-up.
    public func close() async {
        await channel.close()
    }
}
