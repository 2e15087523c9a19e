import Foundation
import Testing

@testable import Devices

/// The libudev source on this machine: sysfs enumeration without a udev daemon.
@Suite struct UdevDeviceSourceTests {
    @Test func withoutADaemonTheMonitorListensToTheKernel() {
        let source = UdevDeviceSource(daemonSocket: "/nonexistent/udev/control")
        #expect(!source.daemonRuns)
        #expect(source.monitorGroup == "kernel")
    }

    @Test func withADaemonTheMonitorListensToUdev() throws {
        let socket = FileManager.default.temporaryDirectory
            .appendingPathComponent("lanegate-udev-control-\(UUID().uuidString)").path
        #expect(FileManager.default.createFile(atPath: socket, contents: nil))
        defer { try? FileManager.default.removeItem(atPath: socket) }
        #expect(UdevDeviceSource(daemonSocket: socket).monitorGroup == "udev")
    }

    /// What enumeration finds agrees with sysfs: every tty it lists is a real port, and
    /// the virtual consoles and pseudo-terminals are left out.
    @Test func enumerationReadsSysfs() {
        let found = UdevDeviceSource().enumerate()
        for event in found {
            #expect(event.action == .add)
            #expect(UdevProperties.subsystems.contains(event.identity.subsystem))
            #expect(!event.devicePath.hasPrefix("/devices/virtual/"))
            #expect(FileManager.default.fileExists(atPath: "/sys" + event.devicePath))
        }
        #expect(!found.map(\.identity.node).contains("/dev/tty1"))
        #expect(!found.map(\.identity.node).contains("/dev/ptmx"))
    }
}
