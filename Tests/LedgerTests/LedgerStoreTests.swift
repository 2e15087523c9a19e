import Foundation
import Testing

@testable import Ledger

@Suite struct LedgerStoreTests {
    @Test func migratesAnEmptyFileToTheLatestVersion() async throws {
        let database = TestDatabase()
        defer { database.remove() }

        let store = try database.open()
        #expect(await store.schemaVersion == LedgerSchema.latestVersion)
        #expect(LedgerSchema.latestVersion == 1)
        await store.close()

        let raw = try RawConnection(path: database.path)
        let tables = try raw.integer(
            """
            SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN
            ('members', 'transactions', 'refunds',
             'ledger_entries', 'vouchers', 'voucher_uses', 'print_jobs')
            """)
        #expect(tables == 7)
        #expect(try raw.integer("PRAGMA user_version") == 1)
    }

    @Test func migrationsAreNumberedWithoutGaps() {
        let versions = LedgerSchema.migrations.map(\.version)
        #expect(versions == Array(1...LedgerSchema.migrations.count))
    }

    @Test func reopeningKeepsTheDataAndTheVersion() async throws {
        let database = TestDatabase()
        defer { database.remove() }

        let first = try database.open()
        let enrolled = try await first.enroll(
            card: "2900000000017", tier: "basic",
            at: Moment.open)
        await first.close()

        let second = try database.open()
        #expect(await second.schemaVersion == 1)
        #expect(try await second.member(card: "2900000000017") == enrolled)
        await second.close()
    }

    @Test(arguments: [true, false])
    func refusesADatabaseNewerThanTheCode(migratedFirst: Bool) async throws {
        let database = TestDatabase()
        defer { database.remove() }
        if migratedFirst {
            try await database.open().close()
        }
        let future = LedgerSchema.latestVersion + 1
        try RawConnection(path: database.path).execute("PRAGMA user_version = \(future)")

        let error = #expect(throws: LedgerError.self) {
            _ = try database.open()
        }
        #expect(error?.kind == .schemaTooNew)
        #expect(
            error?.description == "\(database.path): migrate: the database is at schema "
                + "version \(future), this lanegate knows up to version 1; install the lanegate "
                + "version that wrote this database, or a newer one")

        // Refusing wrote nothing: the version is still the future one.
        #expect(
            try RawConnection(path: database.path).integer("PRAGMA user_version")
                == Int64(future))
    }

    @Test func walAndFullSynchronousAreInEffect() async throws {
        let database = TestDatabase()
        defer { database.remove() }
        let store = try database.open()

        #expect(try await store.pragma("journal_mode") == "wal")
        #expect(try await store.pragma("synchronous") == "2")
        #expect(try await store.pragma("foreign_keys") == "1")
        #expect(FileManager.default.fileExists(atPath: database.path + "-wal"))
        await store.close()
    }

    @Test func runsOnItsOwnThread() async throws {
        let database = TestDatabase()
        defer { database.remove() }
        let store = try database.open()

        #expect(await store.threadName() == "lanegate.ledger")
        await store.close()
    }

    @Test func aClosedStoreSaysSo() async throws {
        let database = TestDatabase()
        defer { database.remove() }
        let store = try database.open()
        await store.close()

        let error = await #expect(throws: LedgerError.self) {
            _ = try await store.member(card: "2900000000017")
        }
        #expect(error?.kind == .closed)
        #expect(
            error?.description
                == "\(database.path): member(card:): the ledger store is closed; "
                + "open a new LedgerStore")
    }

    @Test func enrollingTwiceGivesOneMember() async throws {
        let database = TestDatabase()
        defer { database.remove() }
        let store = try database.open()

        let first = try await store.enroll(
            card: "2900000000017", tier: "basic",
            at: Moment.open)
        let second = try await store.enroll(
            card: "2900000000017", tier: "gold",
            at: Moment.plus(minutes: 5))
        #expect(first == second)
        #expect(
            first
                == StoredMember(
                    id: first.id, card: "2900000000017", tier: "basic",
                    enrolledAt: Moment.open))
        #expect(try await store.member(id: first.id) == first)
        #expect(try await store.member(card: "2900000000024") == nil)
        #expect(try await store.balance(memberID: first.id) == 0)
        await store.close()
    }

    @Test func ledgerEntriesCannotBeUpdatedOrDeleted() async throws {
        let database = TestDatabase()
        defer { database.remove() }
        let store = try database.open()
        let member = try await store.enroll(
            card: "2900000000017", tier: "basic",
            at: Moment.open)
        _ = try await store.commitSale(txn: "T1", memberID: member.id, at: Moment.open) { _ in
            salePlan(txn: "T1", memberID: member.id, totalMinor: 1250, earned: 12)
        }

        let raw = try RawConnection(path: database.path)
        for sql in [
            "UPDATE ledger_entries SET points = 1000",
            "DELETE FROM ledger_entries",
        ] {
            let error = #expect(throws: RawError.self) { try raw.execute(sql) }
            #expect(
                error?.message
                    == "ledger_entries is append-only: insert a reversing entry instead")
        }
        #expect(try await store.balance(memberID: member.id) == 12)
        await store.close()
    }
}

extension LedgerStore {
    /// The name of the thread the actor runs on.
    func threadName() -> String? {
        Thread.current.name
    }
}
