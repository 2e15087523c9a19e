import Testing

@testable import ESCPOS

@Suite struct PrinterStatusTests {
    @Test func p04PaperSensor() throws {
        let out = try #require(PrinterStatus.decode(request: 4, reply: 0x72))
        #expect(out.paperOut == true)
        #expect(out.paperNearEnd == false)
        #expect(!out.isHealthy)

        let outAndNearEnd = try #require(PrinterStatus.decode(request: 4, reply: 0x7E))
        #expect(outAndNearEnd.paperOut == true)
        #expect(outAndNearEnd.paperNearEnd == true)

        let fine = try #require(PrinterStatus.decode(request: 4, reply: 0x12))
        #expect(fine.paperOut == false)
        #expect(fine.paperNearEnd == false)
        #expect(fine.online == nil)
        #expect(fine.isHealthy)
    }

    @Test func p04PrinterStatus() throws {
        let online = try #require(PrinterStatus.decode(request: 1, reply: 0x16))
        #expect(online.online == true)
        #expect(online.drawerPinHigh == true)
        #expect(online.isHealthy)

        let offline = try #require(PrinterStatus.decode(request: 1, reply: 0x1E))
        #expect(offline.online == false)
        #expect(!offline.isHealthy)
    }

    @Test(arguments: [0x00, 0x10, 0x02, 0x13, 0x92, 0xFF] as [UInt8])
    func p04InvalidRepliesAreNotStatus(reply: UInt8) {
        for request in 1...4 as ClosedRange<UInt8> {
            #expect(PrinterStatus.decode(request: request, reply: reply) == nil)
        }
    }

    @Test func requestOutOfRange() {
        #expect(PrinterStatus.decode(request: 0, reply: 0x12) == nil)
        #expect(PrinterStatus.decode(request: 5, reply: 0x12) == nil)
    }

    @Test func offlineCause() throws {
        let status = try #require(PrinterStatus.decode(request: 2, reply: 0x12 | 0x04 | 0x20))
        #expect(status.coverOpen == true)
        #expect(status.stoppedByPaperEnd == true)
        #expect(status.paperFedByButton == false)
        #expect(status.error == false)
    }

    @Test func errorCause() throws {
        let status = try #require(PrinterStatus.decode(request: 3, reply: 0x12 | 0x08 | 0x40))
        #expect(status.autocutterError == true)
        #expect(status.autoRecoverableError == true)
        #expect(status.unrecoverableError == false)
        #expect(status.recoverableError == false)
        #expect(!status.isHealthy)
    }
}
