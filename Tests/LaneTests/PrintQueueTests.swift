import Devices
import ESCPOS
import Foundation
import Ledger
import Synchronization
import Testing

@testable import Lane

/// A print queue on a store of its own in a temporary folder, with its reports collected.
private struct QueueUnderTest {
    let folder: URL
    let store: LedgerStore
    let queue: PrintQueue
    let reported = Inbox<PrintQueue.Report>()

    init(transport: any PrinterTransport, profile: String) async throws {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lanegate-printqueue-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try LedgerStore(
            path: folder.appendingPathComponent("lane.sqlite").path, busyTimeout: .seconds(2))
        let settings = try #require(Resources.profile(named: profile, besides: nil).printer)
        let printer = ReceiptPrinter(
            transport: transport, settings: settings, confirmTimeout: .seconds(5))
        queue = PrintQueue(store: store, printer: printer, statusInterval: .milliseconds(50))
        let reported = self.reported
        await queue.setEventSink { reported.push($0) }
    }

    /// A queue started on a virtual TM-T88V (Automatic Status Back), once the printer has
    /// had the lane's first request (`GS a 14`).
    static func onVirtualTMT88V() async throws -> (QueueUnderTest, VirtualPrinter) {
        let virtual = try VirtualPrinter()
        await virtual.start()
        let lane = try await QueueUnderTest(
            transport: PrinterTCPTransport(host: "127.0.0.1", port: virtual.port),
            profile: "epson-tm-t88v")
        await lane.queue.start()
        await virtual.waitForRequests(1)
        return (lane, virtual)
    }

    /// Stores a job and tells the queue; returns its id.
    func add(_ bytes: [UInt8]) async throws -> Int64 {
        let id = try await store.addPrintJob(
            NewPrintJob(printer: "printer", bytes: bytes), at: Date())
        await queue.kick()
        return id
    }

    func close() async {
        await queue.stop()
        await store.close()
        try? FileManager.default.removeItem(at: folder)
    }
}

@Suite struct PrintQueueTests {

    static func job(_ text: String) -> [UInt8] {
        [0x1B, 0x40] + Array("\(text)\n".utf8) + [0x1D, 0x56, 0x42, 0x00]
    }

    @Test func paperOutBetweenJobsHoldsTheQueueUntilPaperIsBack() async throws {
        // The bundled TM-T88V profile says the printer sends Automatic Status Back.
        #expect(
            try Resources.profile(named: "epson-tm-t88v", besides: nil).printer?
                .automaticStatusBack == true)
        let (lane, virtual) = try await QueueUnderTest.onVirtualTMT88V()
        let conditions = lane.reported

        // GS a 14 is the first thing the printer gets, and it answers with a message.
        #expect(await virtual.requests == ["GS a 14"])
        let first = try await lane.add(Self.job("ONE"))
        await virtual.waitForJobs(1)
        #expect(await virtual.printedJobs == [Self.job("ONE")])

        // Paper runs out while the lane is idle: the printer says so, the POS hears of it.
        await virtual.setPaperOut(true)
        #expect(await conditions.next() == .init(.paperOut))
        let before = await virtual.requests.count
        let second = try await lane.add(Self.job("TWO"))
        // The queue asks once (DLE EOT 1, 2, 4: offline, paper end) and holds the job
        // without sending it: no attempt is recorded.
        await virtual.waitForRequests(before + 3)
        #expect(
            await Array(virtual.requests[before..<(before + 3)])
                == ["DLE EOT 1", "DLE EOT 2", "DLE EOT 4"])
        #expect(try await lane.store.printJob(id: second)?.attempts == 0)
        #expect(await virtual.printedJobs.count == 1)

        // Paper back: the message releases the queue, and the held job prints once.
        await virtual.setPaperOut(false)
        #expect(await conditions.next() == .init(.healthy))
        await virtual.waitForJobs(2)
        await lane.queue.waitUntilIdle()
        #expect(await virtual.printedJobs == [Self.job("ONE"), Self.job("TWO")])
        #expect(try await lane.store.printJob(id: second)?.attempts == 1)
        #expect(try await lane.store.pendingPrintJobs(printer: "printer").isEmpty)
        #expect(try await lane.store.printJob(id: first)?.attempts == 1)

        await lane.close()
        await virtual.stop()
    }

    /// Paper running low is a warning: reported as such, and the jobs go on printing.
    @Test func paperNearEndIsReportedAndJobsGoOn() async throws {
        let (lane, virtual) = try await QueueUnderTest.onVirtualTMT88V()
        let reports = lane.reported

        // The ASB message says near end: a warning, not a fault.
        await virtual.setPaperNearEnd(true)
        let warning = await reports.next()
        #expect(warning == .init(.healthy, paperNearEnd: true))
        #expect(warning?.name == "paper-near-end")
        _ = try await lane.add(Self.job("ONE"))
        await virtual.waitForJobs(1)
        await lane.queue.waitUntilIdle()
        #expect(await virtual.printedJobs == [Self.job("ONE")])

        // A new roll: ready again.
        await virtual.setPaperNearEnd(false)
        #expect(await reports.next() == .init(.healthy))
        // Out of paper after near end: the fault wins over the warning.
        await virtual.setPaperNearEnd(true)
        #expect(await reports.next() == .init(.healthy, paperNearEnd: true))
        await virtual.setPaperOut(true)
        #expect(await reports.next() == .init(.paperOut))

        await lane.close()
        await virtual.stop()
    }

    /// Paper that runs out as a receipt is cut: the printer confirms the job, then its ASB
    /// message says paper out, and that is the last the POS hears. (The confirmation used
    /// to be reported as "ready" after storing it, which let it overtake the message and
    /// show the POS a printer without paper as ready until the next sale.)
    @Test func paperOutRightAfterAJobIsNotOvertakenByItsConfirmation() async throws {
        let (lane, virtual) = try await QueueUnderTest.onVirtualTMT88V()
        let reports = lane.reported

        // The printer answers the job's process ID request and runs out of paper: the
        // lane reads the answer and the ASB message together, before the job's
        // confirmation is stored.
        await virtual.endRollAfterNextJob()
        let job = try await lane.add(Self.job("ONE"))
        #expect(await reports.next() == .init(.paperOut))
        await lane.queue.waitUntilIdle()
        #expect(try await lane.store.printJob(id: job)?.evidence == "completion")
        #expect(reports.takeAll() == [])

        await lane.close()
        await virtual.stop()
    }

    /// A printer that cannot be opened at start is reported then, before any sale; its
    /// first job prints once it can be opened, and the POS hears it is ready.
    @Test func aPrinterAwayAtStartIsReportedAtOnceAndPrintsWhenBack() async throws {
        // The "printer" is a file in a folder that is not there yet: it cannot be opened.
        let away = FileManager.default.temporaryDirectory
            .appendingPathComponent("lanegate-spool-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: away) }
        let output = away.appendingPathComponent("printer.bin")
        let lane = try await QueueUnderTest(
            transport: PrinterFileTransport(path: output.path), profile: "generic-58mm")
        let conditions = lane.reported

        await lane.queue.start()
        #expect(await conditions.next() == .init(.unreachable))

        try FileManager.default.createDirectory(at: away, withIntermediateDirectories: true)
        let job = try await lane.add(Self.job("ONE"))
        #expect(await conditions.next() == .init(.healthy))
        await lane.queue.waitUntilIdle()
        #expect(try [UInt8](Data(contentsOf: output)) == Self.job("ONE"))
        #expect(try await lane.store.printJob(id: job)?.attempts == 1)
        #expect(try await lane.store.pendingPrintJobs(printer: "printer").isEmpty)

        await lane.close()
    }
}
