import Devices
import ESCPOS
import Foundation
import Ledger
import Synchronization
import Testing

@testable import Lane

/// The conditions the print queue reported, to wait for one after another.
private final class Reported: Sendable {
    let stream: AsyncStream<PrintQueue.Report>
    let sink: AsyncStream<PrintQueue.Report>.Continuation

    init() {
        (stream, sink) = AsyncStream.makeStream(of: PrintQueue.Report.self)
    }
}

@Suite struct PrintQueueTests {

    static func job(_ text: String) -> [UInt8] {
        [0x1B, 0x40] + Array("\(text)\n".utf8) + [0x1D, 0x56, 0x42, 0x00]
    }

    @Test func paperOutBetweenJobsHoldsTheQueueUntilPaperIsBack() async throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lanegate-printqueue-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try LedgerStore(
            path: folder.appendingPathComponent("lane.sqlite").path, busyTimeout: .seconds(2))
        // The bundled TM-T88V profile says the printer sends Automatic Status Back.
        let profile = try Resources.profile(named: "epson-tm-t88v", besides: nil)
        let settings = try #require(profile.printer)
        #expect(settings.automaticStatusBack)
        let virtual = try VirtualPrinter()
        await virtual.start()
        let printer = ReceiptPrinter(
            transport: PrinterTCPTransport(host: "127.0.0.1", port: virtual.port),
            settings: settings, confirmTimeout: .seconds(5))
        let queue = PrintQueue(store: store, printer: printer, statusInterval: .milliseconds(50))
        let reported = Reported()
        await queue.setEventSink { reported.sink.yield($0) }
        var conditions = reported.stream.makeAsyncIterator()
        await queue.start()

        // GS a 14 is the first thing the printer gets, and it answers with a message.
        await virtual.waitForRequests(1)
        #expect(await virtual.requests == ["GS a 14"])
        let first = try await store.addPrintJob(
            NewPrintJob(printer: "printer", bytes: Self.job("ONE")), at: Date())
        await queue.kick()
        await virtual.waitForJobs(1)
        #expect(await virtual.printedJobs == [Self.job("ONE")])

        // Paper runs out while the lane is idle: the printer says so, the POS hears of it.
        await virtual.setPaperOut(true)
        #expect(await conditions.next() == .init(.paperOut))
        let before = await virtual.requests.count
        let second = try await store.addPrintJob(
            NewPrintJob(printer: "printer", bytes: Self.job("TWO")), at: Date())
        await queue.kick()
        // The queue asks once (DLE EOT 1, 2, 4: offline, paper end) and holds the job
        // without sending it: no attempt is recorded.
        await virtual.waitForRequests(before + 3)
        #expect(
            await Array(virtual.requests[before..<(before + 3)])
                == ["DLE EOT 1", "DLE EOT 2", "DLE EOT 4"])
        #expect(try await store.printJob(id: second)?.attempts == 0)
        #expect(await virtual.printedJobs.count == 1)

        // Paper back: the message releases the queue, and the held job prints once.
        await virtual.setPaperOut(false)
        #expect(await conditions.next() == .init(.healthy))
        await virtual.waitForJobs(2)
        await queue.waitUntilIdle()
        #expect(await virtual.printedJobs == [Self.job("ONE"), Self.job("TWO")])
        let done = try await store.printJob(id: second)
        #expect(done?.attempts == 1)
        #expect(try await store.pendingPrintJobs(printer: "printer").isEmpty)
        #expect(try await store.printJob(id: first)?.attempts == 1)

        await queue.stop()
        await virtual.stop()
        await store.close()
    }

    /// Paper running low is a warning: reported as such, and the jobs go on printing.
    @Test func paperNearEndIsReportedAndJobsGoOn() async throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lanegate-printqueue-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try LedgerStore(
            path: folder.appendingPathComponent("lane.sqlite").path, busyTimeout: .seconds(2))
        let settings = try #require(Resources.profile(named: "epson-tm-t88v", besides: nil).printer)
        let virtual = try VirtualPrinter()
        await virtual.start()
        let printer = ReceiptPrinter(
            transport: PrinterTCPTransport(host: "127.0.0.1", port: virtual.port),
            settings: settings, confirmTimeout: .seconds(5))
        let queue = PrintQueue(store: store, printer: printer, statusInterval: .milliseconds(50))
        let reported = Reported()
        await queue.setEventSink { reported.sink.yield($0) }
        var reports = reported.stream.makeAsyncIterator()
        await queue.start()
        await virtual.waitForRequests(1)

        // The ASB message says near end: a warning, not a fault.
        await virtual.setPaperNearEnd(true)
        let warning = await reports.next()
        #expect(warning == .init(.healthy, paperNearEnd: true))
        #expect(warning?.name == "paper-near-end")
        _ = try await store.addPrintJob(
            NewPrintJob(printer: "printer", bytes: Self.job("ONE")), at: Date())
        await queue.kick()
        await virtual.waitForJobs(1)
        await queue.waitUntilIdle()
        #expect(await virtual.printedJobs == [Self.job("ONE")])

        // A new roll: ready again.
        await virtual.setPaperNearEnd(false)
        #expect(await reports.next() == .init(.healthy))
        // Out of paper after near end: the fault wins over the warning.
        await virtual.setPaperNearEnd(true)
        #expect(await reports.next() == .init(.healthy, paperNearEnd: true))
        await virtual.setPaperOut(true)
        #expect(await reports.next() == .init(.paperOut))

        await queue.stop()
        await virtual.stop()
        await store.close()
    }

    /// A printer that cannot be opened at start is reported then, before any sale; its
    /// first job prints once it can be opened, and the POS hears it is ready.
    @Test func aPrinterAwayAtStartIsReportedAtOnceAndPrintsWhenBack() async throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lanegate-printqueue-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try LedgerStore(
            path: folder.appendingPathComponent("lane.sqlite").path, busyTimeout: .seconds(2))
        let profile = try Resources.profile(named: "generic-58mm", besides: nil)
        let settings = try #require(profile.printer)
        // The "printer" is a file in a folder that is not there yet: it cannot be opened.
        let away = folder.appendingPathComponent("spool")
        let output = away.appendingPathComponent("printer.bin")
        let printer = ReceiptPrinter(
            transport: PrinterFileTransport(path: output.path), settings: settings,
            confirmTimeout: .seconds(5))
        let queue = PrintQueue(store: store, printer: printer, statusInterval: .milliseconds(20))
        let reported = Reported()
        await queue.setEventSink { reported.sink.yield($0) }
        var conditions = reported.stream.makeAsyncIterator()

        await queue.start()
        #expect(await conditions.next() == .init(.unreachable))

        try FileManager.default.createDirectory(at: away, withIntermediateDirectories: true)
        let job = try await store.addPrintJob(
            NewPrintJob(printer: "printer", bytes: Self.job("ONE")), at: Date())
        await queue.kick()
        #expect(await conditions.next() == .init(.healthy))
        await queue.waitUntilIdle()
        #expect(try [UInt8](Data(contentsOf: output)) == Self.job("ONE"))
        #expect(try await store.printJob(id: job)?.attempts == 1)
        #expect(try await store.pendingPrintJobs(printer: "printer").isEmpty)

        await queue.stop()
        await store.close()
    }
}
