import Glibc
import Testing

@testable import DeviceIO

/// How errno is read at the seam: one place retries EINTR, close is never
/// retried, EAGAIN is a value and EIO/ENXIO/ENODEV/0 bytes mean the device left.
@Suite struct SystemCallSeamTests {
    @Test func interruptedCallsAreRetried() throws {
        let system = RecordingSystemCalls()
        system.fail("tcsetattr", with: .interrupted, .interrupted)
        _ = try SerialPort(opening: "/dev/ttyUSB0", system: system)

        let tries = system.calls.filter { $0 == .tcsetattr(1000, action: TCSANOW) }
        #expect(tries.count == 3)
        #expect(system.attributesSet.count == 1)
    }

    @Test func closeIsNeverRetried() async throws {
        let system = RecordingSystemCalls()
        system.fail("close", with: .interrupted)
        let port = try SerialPort(opening: "/dev/ttyUSB0", system: system)
        await port.close()
        await port.close()

        #expect(system.calls.filter { $0 == .close(1000) }.count == 1)
    }

    @Test func missingDeviceNamesCallPathAndErrno() {
        let system = RecordingSystemCalls()
        system.fail("open", with: Errno(ENOENT))
        #expect {
            _ = try SerialPort(opening: "/dev/ttyUSB0", system: system)
        } throws: { error in
            (error as? SystemCallError)?.description
                == "open(/dev/ttyUSB0): No such file or directory (ENOENT): "
                + "no such file or device; check the path (for a device, the cable)"
        }
    }

    @Test func busyLockSaysInUseAndClosesTheDescriptor() {
        let system = RecordingSystemCalls()
        system.fail("flock", with: .wouldBlock)
        #expect {
            _ = try SerialPort(opening: "/dev/ttyACM0", system: system)
        } throws: { error in
            let error = error as? SystemCallError
            return error?.call == "flock" && error?.errno == .wouldBlock
                && error?.description.contains("in use by another process") == true
        }
        #expect(system.calls.last == .close(1000))
    }

    @Test func termiosFailureClosesTheDescriptor() {
        let system = RecordingSystemCalls()
        system.fail("tcgetattr", with: Errno(ENOTTY))
        #expect(throws: SystemCallError.self) {
            _ = try SerialPort(opening: "/tmp/not-a-tty", system: system)
        }
        #expect(system.calls.last == .close(1000))
    }

    @Test func readOutcomes() throws {
        let system = RecordingSystemCalls()
        let descriptor = Descriptor(fd: 7, path: "/dev/ttyACM0", system: system)
        system.queueReads(
            .success([0x34, 0x30]), .failure(.wouldBlock), .failure(.interrupted),
            .success([0x0D]), .success([]), .failure(.ioError),
            .failure(.noSuchDeviceOrAddress), .failure(.noSuchDevice), .failure(Errno(EINVAL)))

        #expect(try descriptor.read(upTo: 16) == .done([0x34, 0x30]))
        #expect(try descriptor.read(upTo: 16) == .wouldBlock)
        #expect(try descriptor.read(upTo: 16) == .done([0x0D]))
        #expect(
            try descriptor.read(upTo: 16)
                == .deviceGone(DeviceGone(path: "/dev/ttyACM0", cause: .hangUp)))
        for errno in [Errno.ioError, .noSuchDeviceOrAddress, .noSuchDevice] {
            let error = SystemCallError(call: "read", errno: errno, path: "/dev/ttyACM0")
            #expect(
                try descriptor.read(upTo: 16)
                    == .deviceGone(DeviceGone(path: "/dev/ttyACM0", cause: .failed(error))))
        }
        #expect(throws: SystemCallError(call: "read", errno: Errno(EINVAL), path: "/dev/ttyACM0")) {
            try descriptor.read(upTo: 16)
        }
        #expect(system.calls.filter { $0 == .read(7) }.count == 9)
    }

    @Test func goneDescribesTheCause() {
        let error = SystemCallError(call: "read", errno: .ioError, path: "/dev/ttyACM0")
        #expect(
            DeviceGone(path: "/dev/ttyACM0", cause: .failed(error)).description
                == "/dev/ttyACM0 left: read(/dev/ttyACM0): Input/output error (EIO)")
        #expect(
            DeviceGone(path: "/dev/ttyACM0", cause: .hangUp).description
                == "/dev/ttyACM0 left: hang-up (read returned 0 bytes)")
    }
}
