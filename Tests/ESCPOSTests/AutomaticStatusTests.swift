import Testing

@testable import ESCPOS

/// ASB messages as an Epson TM-T88V sends them (bit layout of "GS a" in the Epson ESC/POS
/// Command Reference).
@Suite struct AutomaticStatusTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let bytes: [UInt8]
        let online, coverOpen, nearEnd, paperOut, cutter, healthy: Bool
        var testDescription: String { bytes.map { String(format: "%02X", $0) }.joined() }
    }

    static let cases: [Case] = [
        // Idle, everything fine.
        Case(
            bytes: [0x10, 0x00, 0x00, 0x00], online: true, coverOpen: false, nearEnd: false,
            paperOut: false, cutter: false, healthy: true),
        // Roll getting short: a warning only.
        Case(
            bytes: [0x10, 0x00, 0x03, 0x00], online: true, coverOpen: false, nearEnd: true,
            paperOut: false, cutter: false, healthy: true),
        // Paper ran out: offline, near end and end sensors both set.
        Case(
            bytes: [0x18, 0x00, 0x0F, 0x00], online: false, coverOpen: false, nearEnd: true,
            paperOut: true, cutter: false, healthy: false),
        // Cover opened: offline, cover bit.
        Case(
            bytes: [0x38, 0x00, 0x00, 0x00], online: false, coverOpen: true, nearEnd: false,
            paperOut: false, cutter: false, healthy: false),
        // Autocutter jammed: offline, second byte bit 3.
        Case(
            bytes: [0x18, 0x08, 0x00, 0x00], online: false, coverOpen: false, nearEnd: false,
            paperOut: false, cutter: true, healthy: false),
        // Drawer pin high while online: not a fault.
        Case(
            bytes: [0x14, 0x00, 0x00, 0x00], online: true, coverOpen: false, nearEnd: false,
            paperOut: false, cutter: false, healthy: true),
    ]

    @Test(arguments: cases) func decodes(_ c: Case) throws {
        let status = try #require(AutomaticStatus.decode(c.bytes))
        #expect(status.bytes == c.bytes)
        #expect(status.online == c.online)
        #expect(status.coverOpen == c.coverOpen)
        #expect(status.paperNearEnd == c.nearEnd)
        #expect(status.paperOut == c.paperOut)
        #expect(status.autocutterError == c.cutter)
        #expect(status.isHealthy == c.healthy)
    }

    @Test func otherErrorBits() throws {
        let status = try #require(AutomaticStatus.decode([0x18, 0x65, 0x00, 0x00]))
        #expect(status.waitingForOnlineRecovery)
        #expect(status.recoverableError)
        #expect(status.unrecoverableError)
        #expect(status.autoRecoverableError)
        #expect(!status.autocutterError)
    }

    /// A DLE EOT reply (0x12, 0x16), XOFF (0x13), a process ID header (0x37) or a NUL can
    /// never open a message; a following byte with bit 4 or 7 set ends it.
    @Test(
        arguments: [
            [0x12, 0x00, 0x00, 0x00], [0x16, 0x00, 0x00, 0x00], [0x13, 0x00, 0x00, 0x00],
            [0x37, 0x22, 0x00, 0x00], [0x00, 0x00, 0x00, 0x00], [0x90, 0x00, 0x00, 0x00],
            [0x10, 0x12, 0x00, 0x00], [0x10, 0x00, 0x80, 0x00], [0x10, 0x00, 0x00, 0x10],
            [0x10, 0x00, 0x00],
        ] as [[UInt8]])
    func refusesWrongFixedBits(_ bytes: [UInt8]) {
        #expect(AutomaticStatus.decode(bytes) == nil)
    }

    @Test func firstAndFollowingBytes() {
        #expect((0...255).filter { AutomaticStatus.isFirstByte(UInt8($0)) }.count == 16)
        #expect(AutomaticStatus.isFirstByte(0x7C))
        #expect(!AutomaticStatus.isFirstByte(0x11))
        #expect(AutomaticStatus.isFollowingByte(0x6F))
        #expect(!AutomaticStatus.isFollowingByte(0x13))
    }

    @Test func encoderEnablesTheItems() {
        var encoder = ESCPOSEncoder(codePages: [19])
        encoder.enableAutomaticStatus(.lane)
        encoder.enableAutomaticStatus([.drawer, .rollPaperSensor])
        encoder.enableAutomaticStatus([])
        #expect(encoder.bytes == [0x1D, 0x61, 0x0E, 0x1D, 0x61, 0x09, 0x1D, 0x61, 0x00])
    }
}
