import Foundation
import Testing

@testable import Ledger

/// Several lanes on one database file (case L01): the write lock decides, and a lane that
/// cannot get it answers busy and changes nothing.
@Suite struct LedgerStoreConcurrencyTests {
    static let code = "9800000000000000000017"

    @Test func aHeldWriteLockMakesAReservationBusyAndChangesNothing() async throws {
        let database = TestDatabase()
        defer { database.remove() }
        let store = try database.open(busyTimeout: .milliseconds(200))
        try await issueVouchers([Self.code], in: store)

        let otherLane = try RawConnection(path: database.path)
        try otherLane.execute("BEGIN IMMEDIATE")
        let error = await #expect(throws: LedgerError.self) {
            _ = try await store.reserveVoucher(
                code: Self.code, txn: "T1",
                until: Moment.plus(minutes: 15),
                now: Moment.open)
        }
        #expect(error?.isBusy == true)
        #expect(error?.code == 5)
        #expect(
            error?.description == "\(database.path): reserveVoucher: BEGIN IMMEDIATE: "
                + "database is locked (SQLite code 5); another lane holds the database's write "
                + "lock; retry the request")

        // Readers are not blocked by a writer in WAL mode.
        #expect(try await store.voucher(code: Self.code)?.reservedTxn == nil)

        try otherLane.execute("ROLLBACK")
        let retry = try await store.reserveVoucher(
            code: Self.code, txn: "T1",
            until: Moment.plus(minutes: 15),
            now: Moment.open)
        #expect(retry.isReserved)
        await store.close()
    }

    @Test func aBusyCommitRunsNoPlanAndWritesNothing() async throws {
        let database = TestDatabase()
        defer { database.remove() }
        let store = try database.open(busyTimeout: .milliseconds(200))
        let member = try await store.enroll(
            card: "2900000000017", tier: "basic",
            at: Moment.open)

        let otherLane = try RawConnection(path: database.path)
        try otherLane.execute("BEGIN IMMEDIATE")
        let error = await #expect(throws: LedgerError.self) {
            _ = try await store.commitSale(
                txn: "T1", memberID: member.id,
                at: Moment.open
            ) { _ in
                throw PlanRefusal(code: "must-not-run")
            }
        }
        #expect(error?.kind == .busy)
        try otherLane.execute("COMMIT")

        #expect(try await store.transaction(txn: "T1") == nil)
        let outcome = try await store.commitSale(
            txn: "T1", memberID: member.id,
            at: Moment.open
        ) { _ in
            salePlan(txn: "T1", memberID: member.id, totalMinor: 1000, earned: 10)
        }
        #expect(outcome == .committed)
        #expect(try await store.balance(memberID: member.id) == 10)
        await store.close()
    }

    /// L01: both lanes present the voucher while a third connection holds the write lock;
    /// once it lets go, exactly one lane gets the voucher and one use is recorded.
    @Test func twoLanesPresentingOneVoucherGiveOneWinner() async throws {
        let database = TestDatabase()
        defer { database.remove() }
        let (waits, waiting) = AsyncStream.makeStream(of: String.self)
        let laneA = try LedgerStore(
            path: database.path, busyTimeout: .seconds(30),
            onBusyWait: { waiting.yield("A") })
        let laneB = try LedgerStore(
            path: database.path, busyTimeout: .seconds(30),
            onBusyWait: { waiting.yield("B") })
        try await issueVouchers([Self.code], in: laneA)

        let lock = try RawConnection(path: database.path)
        try lock.execute("BEGIN IMMEDIATE")
        let presentA = Task {
            try await laneA.reserveVoucher(
                code: Self.code, txn: "TA",
                until: Moment.plus(minutes: 15), now: Moment.open)
        }
        let presentB = Task {
            try await laneB.reserveVoucher(
                code: Self.code, txn: "TB",
                until: Moment.plus(minutes: 15), now: Moment.open)
        }

        // Let go only once both lanes are waiting for the lock.
        var waiters = Set<String>()
        for await lane in waits {
            waiters.insert(lane)
            if waiters.count == 2 {
                break
            }
        }
        try lock.execute("COMMIT")
        let answers = [try await presentA.value, try await presentB.value]

        let winners = answers.filter(\.isReserved)
        #expect(winners.count == 1)
        let loser = try #require(answers.first { !$0.isReserved })
        guard case .reservedElsewhere(let held) = loser else {
            Issue.record("expected reservedElsewhere, got \(loser)")
            return
        }
        let (winner, winnerTxn) = held.reservedTxn == "TA" ? (laneA, "TA") : (laneB, "TB")
        let (other, otherTxn) = held.reservedTxn == "TA" ? (laneB, "TB") : (laneA, "TA")

        // The winner finalizes, and its retry gets the stored answer.
        let finalize: @Sendable (String, LedgerStore) async throws -> CommitOutcome = {
            txn, lane in
            try await lane.commitSale(txn: txn, memberID: nil, at: Moment.plus(minutes: 1)) {
                _ in
                salePlan(
                    txn: txn, memberID: nil, totalMinor: 1000, earned: 0,
                    redeem: [Self.code])
            }
        }
        #expect(try await finalize(winnerTxn, winner) == .committed)
        guard case .duplicate = try await finalize(winnerTxn, winner) else {
            Issue.record("a retry from the winner must get the stored answer")
            return
        }
        #expect(try await finalize(otherTxn, other) == .voucherUnavailable(Self.code))

        let voucher = try await other.voucher(code: Self.code)
        #expect(voucher?.useCount == 1)
        #expect(voucher?.usedTxn == winnerTxn)
        let raw = try RawConnection(path: database.path)
        #expect(try raw.integer("SELECT count(*) FROM voucher_uses") == 1)
        waiting.finish()
        await laneA.close()
        await laneB.close()
    }

    @Test func twoLanesOpeningANewFileMigrateItOnce() async throws {
        let database = TestDatabase()
        defer { database.remove() }
        let path = database.path

        let opening = (0..<2).map { _ in
            Task.detached { try LedgerStore(path: path) }
        }
        let stores = [try await opening[0].value, try await opening[1].value]
        for store in stores {
            #expect(await store.schemaVersion == LedgerSchema.latestVersion)
            await store.close()
        }
        let raw = try RawConnection(path: path)
        #expect(
            try raw.integer("SELECT count(*) FROM sqlite_master WHERE name = 'members'")
                == 1)
    }

    @Test func twoLanesEnrollingOneCardGetOneMember() async throws {
        let database = TestDatabase()
        defer { database.remove() }
        let laneA = try database.open()
        let laneB = try database.open()

        async let first = laneA.enroll(card: "2900000000017", tier: "basic", at: Moment.open)
        async let second = laneB.enroll(
            card: "2900000000017", tier: "basic",
            at: Moment.plus(minutes: 1))
        let members = try await [first, second]
        #expect(members[0] == members[1])
        await laneA.close()
        await laneB.close()
    }
}
