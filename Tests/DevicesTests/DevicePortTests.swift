import Testing

@testable import Devices

@Suite struct DevicePortTests {
    @Test(arguments: [
        ("/dev/ttyUSB0", DevicePort.device(path: "/dev/ttyUSB0")),
        (
            "/dev/serial/by-id/usb-Honeywell_Voyager-if00",
            .device(path: "/dev/serial/by-id/usb-Honeywell_Voyager-if00")
        ),
        ("/dev/usb/lp0", .device(path: "/dev/usb/lp0")),
        ("tcp://receipt-printer-l03:9100", .tcp(host: "receipt-printer-l03", port: 9100)),
        ("tcp://127.0.0.1:7450", .tcp(host: "127.0.0.1", port: 7450)),
        ("tcp://[::1]:9100", .tcp(host: "::1", port: 9100)),
        ("file:out/printer.bin", .file(path: "out/printer.bin")),
        ("file:/tmp/p.bin", .file(path: "/tmp/p.bin")),
    ])
    func validForms(text: String, expected: DevicePort) throws {
        let port = try DevicePort(parsing: text)
        #expect(port == expected)
        #expect(port.description == text)
    }

    @Test(arguments: [
        ("", "the port is empty"),
        ("ttyUSB0", "a device path must be absolute (start with /)"),
        ("tcp://printer", "tcp:// needs a port, e.g. :9100"),
        ("tcp://printer:", "tcp:// needs a port, e.g. :9100"),
        ("tcp://:9100", "tcp:// needs a host"),
        ("tcp://printer:70000", "the port \"70000\" is not 1 to 65535"),
        ("tcp://printer:0", "the port \"0\" is not 1 to 65535"),
        ("tcp://printer:9100/x", "the port \"9100/x\" is not 1 to 65535"),
        ("tcp://[::1:9100", "an IPv6 address needs a closing ]"),
        ("udp://printer:9100", "unknown scheme \"udp://\""),
        ("file:", "file: needs a path after the colon"),
        ("/dev/", "a device path names a node, not a folder"),
    ])
    func invalidFormsSayWhatIsValid(text: String, problem: String) {
        #expect {
            _ = try DevicePort(parsing: text)
        } throws: { error in
            (error as? DevicePortError)?.description == "\"\(text)\": \(problem) (valid: "
                + "a device path (/dev/ttyUSB0, /dev/serial/by-id/…), tcp://HOST:PORT, "
                + "or file:PATH)"
        }
    }
}
