import Foundation
import Testing

@testable import Ledger

@Suite struct LedgerStorePrintJobTests {
    static let bytes: [UInt8] = [0x1B, 0x40, 0x48, 0x49, 0x0A, 0x1D, 0x56, 0x00]

    @Test func aSalesPrintJobIsPendingUntilConfirmed() async throws {
        let database = TestDatabase()
        defer { database.remove() }
        let store = try database.open()
        _ = try await store.commitSale(txn: "T1", memberID: nil, at: Moment.open) { _ in
            salePlan(
                txn: "T1", memberID: nil, totalMinor: 1000, earned: 0,
                printJob: NewPrintJob(printer: "printer-1", bytes: Self.bytes))
        }

        let pending = try await store.pendingPrintJobs(printer: "printer-1")
        #expect(pending.count == 1)
        let job = try #require(pending.first)
        #expect(
            job
                == StoredPrintJob(
                    id: job.id, printer: "printer-1", txn: "T1",
                    bytes: Self.bytes, createdAt: Moment.open, attempts: 0,
                    confirmedAt: nil, evidence: nil))
        #expect(try await store.pendingPrintJobs(printer: "printer-2").isEmpty)
        #expect(try await store.printJobs(txn: "T1") == [job])

        // A paper-out attempt leaves it pending; the printer's completion confirms it.
        try await store.recordPrintAttempt(jobID: job.id, at: Moment.plus(minutes: 1))
        #expect(try await store.pendingPrintJobs(printer: "printer-1").map(\.attempts) == [1])
        try await store.recordPrintAttempt(jobID: job.id, at: Moment.plus(minutes: 2))
        try await store.confirmPrintJob(
            jobID: job.id, evidence: "completion",
            at: Moment.plus(minutes: 3))

        #expect(try await store.pendingPrintJobs(printer: "printer-1").isEmpty)
        let done = try await store.printJob(id: job.id)
        #expect(done?.attempts == 2)
        #expect(done?.confirmedAt == Moment.plus(minutes: 3))
        #expect(done?.evidence == "completion")
        #expect(done?.isPending == false)
        await store.close()
    }

    @Test func aSecondConfirmationKeepsTheFirst() async throws {
        let database = TestDatabase()
        defer { database.remove() }
        let store = try database.open()
        let id = try await store.addPrintJob(
            NewPrintJob(printer: "printer-1", bytes: []),
            at: Moment.open)

        try await store.confirmPrintJob(jobID: id, evidence: "status", at: Moment.open)
        try await store.confirmPrintJob(
            jobID: id, evidence: "written",
            at: Moment.plus(minutes: 1))
        let job = try await store.printJob(id: id)
        #expect(job?.evidence == "status")
        #expect(job?.confirmedAt == Moment.open)
        #expect(job?.txn == nil)
        #expect(job?.bytes == [])
        await store.close()
    }

    @Test func pendingJobsComeOldestFirst() async throws {
        let database = TestDatabase()
        defer { database.remove() }
        let store = try database.open()
        var ids: [Int64] = []
        for byte in [UInt8(0x31), 0x32, 0x33] {
            ids.append(
                try await store.addPrintJob(
                    NewPrintJob(printer: "printer-1", bytes: [byte]), at: Moment.open))
        }
        try await store.confirmPrintJob(jobID: ids[1], evidence: "written", at: Moment.open)

        let pending = try await store.pendingPrintJobs(printer: "printer-1")
        #expect(pending.map(\.id) == [ids[0], ids[2]])
        #expect(pending.map(\.bytes) == [[0x31], [0x33]])
        await store.close()
    }

    @Test func confirmationsInAnyOrderLeaveExactlyTheUnconfirmedJobsPending() async throws {
        let database = TestDatabase()
        defer { database.remove() }
        let store = try database.open()
        func add(_ printer: String) async throws -> Int64 {
            try await store.addPrintJob(NewPrintJob(printer: printer, bytes: []), at: Moment.open)
        }
        func confirm(_ id: Int64) async throws {
            try await store.confirmPrintJob(jobID: id, evidence: "written", at: Moment.open)
        }
        func pending(_ printer: String = "printer-1") async throws -> [Int64] {
            try await store.pendingPrintJobs(printer: printer).map(\.id)
        }

        let a = try await add("printer-1")
        let other = try await add("printer-2")
        let b = try await add("printer-1")
        let c = try await add("printer-1")
        try await confirm(b)
        try await confirm(c)
        #expect(try await pending() == [a])
        #expect(try await pending("printer-2") == [other])

        // The held job confirmed last; a second confirmation changes nothing.
        try await confirm(a)
        try await confirm(a)
        #expect(try await pending() == [])
        let d = try await add("printer-1")
        #expect(try await pending() == [d])
        try await confirm(other)
        #expect(try await pending("printer-2") == [])
        #expect(try await pending() == [d])
        try await confirm(d)
        let e = try await add("printer-1")
        #expect(try await pending() == [e])
        await store.close()
    }

    @Test func printJobsCannotBeDeleted() async throws {
        let database = TestDatabase()
        defer { database.remove() }
        let store = try database.open()
        _ = try await store.addPrintJob(NewPrintJob(printer: "p", bytes: []), at: Moment.open)
        await store.close()
        let raw = try RawConnection(path: database.path)
        #expect(throws: (any Error).self) { try raw.execute("DELETE FROM print_jobs") }
    }

    @Test func anUnknownJobIsReported() async throws {
        let database = TestDatabase()
        defer { database.remove() }
        let store = try database.open()

        let attempt = await #expect(throws: LedgerError.self) {
            try await store.recordPrintAttempt(jobID: 77, at: Moment.open)
        }
        #expect(attempt?.kind == .unknownPrintJob)
        #expect(
            attempt?.description == "\(database.path): recordPrintAttempt: no print job "
                + "has id 77")
        let confirm = await #expect(throws: LedgerError.self) {
            try await store.confirmPrintJob(jobID: 77, evidence: "written", at: Moment.open)
        }
        #expect(confirm?.kind == .unknownPrintJob)
        #expect(try await store.printJob(id: 77) == nil)
        await store.close()
    }
}
