import Foundation
import Testing

@testable import Ledger

@Suite struct LedgerStoreCommitTests {
    @Test func aSaleAppendsItsEntriesAndTheBalanceIsTheirSum() async throws {
        let database = TestDatabase()
        defer { database.remove() }
        let store = try database.open()
        let member = try await store.enroll(
            card: "2900000000017", tier: "basic",
            at: Moment.open)

        let first = try await store.commitSale(
            txn: "T1", memberID: member.id,
            at: Moment.plus(minutes: 1)
        ) { balance in
            #expect(balance == 0)
            return salePlan(txn: "T1", memberID: member.id, totalMinor: 12_050, earned: 120)
        }
        let second = try await store.commitSale(
            txn: "T2", memberID: member.id,
            at: Moment.plus(minutes: 2)
        ) { balance in
            #expect(balance == 120)
            // Reaching the threshold: 100 points become a voucher.
            return salePlan(
                txn: "T2", memberID: member.id, totalMinor: 990, earned: 9,
                newVouchers: [
                    NewVoucher(
                        code: "9800000000000000000017", memberID: member.id,
                        rewardID: "five-off", title: "5 euro off",
                        amountMinor: 500, expiresAt: Moment.plus(minutes: 60))
                ],
                extraEntries: [
                    NewLedgerEntry(
                        memberID: member.id, kind: "convert",
                        points: -100, reference: "five-off")
                ])
        }
        #expect(first == .committed)
        #expect(second == .committed)

        let entries = try await store.ledgerEntries(memberID: member.id)
        #expect(entries.map(\.points) == [120, 9, -100])
        #expect(entries.map(\.kind) == ["earn", "earn", "convert"])
        #expect(entries.map(\.txn) == ["T1", "T2", "T2"])
        #expect(entries[2].reference == "five-off")
        #expect(entries[0].at == Moment.plus(minutes: 1))
        #expect(try await store.balance(memberID: member.id) == 29)
        #expect(entries.reduce(0) { $0 + $1.points } == 29)

        let raw = try RawConnection(path: database.path)
        #expect(
            try raw.integer(
                "SELECT SUM(points) FROM ledger_entries WHERE member_id = \(member.id)") == 29)

        let issued = try #require(try await store.voucher(code: "9800000000000000000017"))
        #expect(issued.issuedTxn == "T2")
        #expect(issued.issuedAt == Moment.plus(minutes: 2))
        #expect(issued.useCount == 0 && issued.usageLimit == 1)

        let sale = try await store.sale(txn: "T1")
        #expect(
            sale
                == StoredSale(
                    txn: "T1", memberID: member.id,
                    lines: [
                        SaleLine(line: "1", sku: "4006381333931", qty: "2", amountMinor: 6025),
                        SaleLine(
                            line: "2", sku: "9788742940440", qty: "0.250",
                            amountMinor: 6025),
                    ],
                    totalMinor: 12_050, earned: 120, refunds: []))
        await store.close()
    }

    @Test func aRetriedTransactionGetsTheStoredReplyAndAppendsNothing() async throws {
        let database = TestDatabase()
        defer { database.remove() }
        let store = try database.open()
        let member = try await store.enroll(
            card: "2900000000017", tier: "basic",
            at: Moment.open)
        let job = NewPrintJob(printer: "printer-1", bytes: [0x1B, 0x40, 0x0A])
        _ = try await store.commitSale(txn: "T1", memberID: member.id, at: Moment.open) { _ in
            salePlan(
                txn: "T1", memberID: member.id, totalMinor: 500, earned: 5,
                printJob: job)
        }

        // The plan of a retry is never run: the stored answer is enough.
        let retry = try await store.commitSale(
            txn: "T1", memberID: member.id,
            at: Moment.plus(minutes: 1)
        ) { _ in
            throw PlanRefusal(code: "must-not-run")
        }
        #expect(
            retry
                == .duplicate(
                    StoredTransaction(
                        txn: "T1", kind: "sale",
                        requestCanonical: #"{"op":"finalize","total":"500","txn":"T1"}"#,
                        reply: #"{"op":"finalized","earned":5}"#, at: Moment.open)))
        #expect(try await store.ledgerEntries(memberID: member.id).count == 1)
        #expect(try await store.balance(memberID: member.id) == 5)
        #expect(try await store.pendingPrintJobs(printer: "printer-1").count == 1)
        await store.close()
    }

    @Test func aThrowingPlanRollsBackAndGivesItsErrorBack() async throws {
        let database = TestDatabase()
        defer { database.remove() }
        let store = try database.open()
        let member = try await store.enroll(
            card: "2900000000017", tier: "basic",
            at: Moment.open)

        let error = await #expect(throws: LedgerError.self) {
            _ = try await store.commitSale(
                txn: "T1", memberID: member.id,
                at: Moment.open
            ) { _ in
                throw PlanRefusal(code: "bad-request")
            }
        }
        #expect(error?.kind == .plan)
        #expect(error?.planError as? PlanRefusal == PlanRefusal(code: "bad-request"))
        #expect(try await store.transaction(txn: "T1") == nil)
        #expect(try await store.sale(txn: "T1") == nil)
        await store.close()
    }

    @Test func aSaleForAnUnknownMemberIsRefused() async throws {
        let database = TestDatabase()
        defer { database.remove() }
        let store = try database.open()

        let error = await #expect(throws: LedgerError.self) {
            _ = try await store.commitSale(txn: "T1", memberID: 42, at: Moment.open) { _ in
                salePlan(txn: "T1", memberID: 42, totalMinor: 500, earned: 5)
            }
        }
        #expect(error?.kind == .unknownMember)
        #expect(error?.description == "\(database.path): commitSale: no member has id 42")
        await store.close()
    }

    @Test func anAnonymousSaleIsStoredWithoutEntries() async throws {
        let database = TestDatabase()
        defer { database.remove() }
        let store = try database.open()

        let outcome = try await store.commitSale(
            txn: "T1", memberID: nil,
            at: Moment.open
        ) { balance in
            #expect(balance == 0)
            return salePlan(txn: "T1", memberID: nil, totalMinor: 700, earned: 0)
        }
        #expect(outcome == .committed)
        #expect(try await store.sale(txn: "T1")?.memberID == nil)
        #expect(try await store.sale(txn: "T1")?.totalMinor == 700)
        await store.close()
    }

    @Test func refundsAccumulateOnTheSale() async throws {
        let database = TestDatabase()
        defer { database.remove() }
        let store = try database.open()
        let member = try await store.enroll(
            card: "2900000000017", tier: "basic",
            at: Moment.open)
        _ = try await store.commitSale(txn: "S1", memberID: member.id, at: Moment.open) { _ in
            salePlan(txn: "S1", memberID: member.id, totalMinor: 2000, earned: 20)
        }

        let firstLines = [
            SaleLine(
                line: "1", sku: "4006381333931", qty: "1",
                amountMinor: 500)
        ]
        let first = try await store.commitRefund(
            txn: "R1", original: "S1",
            at: Moment.plus(minutes: 1)
        ) { sale, balance in
            #expect(sale.refunds.isEmpty)
            #expect(balance == 20)
            return refundPlan(
                txn: "R1", memberID: member.id, minor: 500, points: 5,
                lines: firstLines)
        }
        let secondLines = [
            SaleLine(
                line: "2", sku: "9788742940440", qty: "0.250",
                amountMinor: 1000)
        ]
        let second = try await store.commitRefund(
            txn: "R2", original: "S1",
            at: Moment.plus(minutes: 2)
        ) { sale, balance in
            #expect(sale.refunds.map(\.txn) == ["R1"])
            #expect(balance == 15)
            return refundPlan(
                txn: "R2", memberID: member.id, minor: 1000, points: 10,
                lines: secondLines)
        }
        #expect(first == .committed)
        #expect(second == .committed)

        let sale = try #require(try await store.sale(txn: "S1"))
        #expect(
            sale.refunds == [
                StoredRefund(txn: "R1", refundedMinor: 500, lines: firstLines, reversedPoints: 5),
                StoredRefund(
                    txn: "R2", refundedMinor: 1000, lines: secondLines,
                    reversedPoints: 10),
            ])
        #expect(sale.refundedMinor == 1500)
        #expect(try await store.balance(memberID: member.id) == 5)
        #expect(try await store.transaction(txn: "R2")?.kind == "refund")
        #expect(try await store.sale(txn: "R1") == nil)

        let entries = try await store.ledgerEntries(memberID: member.id)
        #expect(entries.map(\.kind) == ["earn", "reverse", "reverse"])
        #expect(entries.map(\.reference) == ["S1", "S1", "S1"])
        await store.close()
    }

    @Test func refundOutcomesThatWriteNothing() async throws {
        let database = TestDatabase()
        defer { database.remove() }
        let store = try database.open()
        let member = try await store.enroll(
            card: "2900000000017", tier: "basic",
            at: Moment.open)
        _ = try await store.commitSale(txn: "S1", memberID: member.id, at: Moment.open) { _ in
            salePlan(txn: "S1", memberID: member.id, totalMinor: 2000, earned: 20)
        }
        _ = try await store.commitRefund(txn: "R1", original: "S1", at: Moment.open) { _, _ in
            refundPlan(txn: "R1", memberID: member.id, minor: 1500, points: 15, lines: [])
        }

        let unknown = try await store.commitRefund(
            txn: "R2", original: "S9",
            at: Moment.open
        ) { _, _ in
            throw PlanRefusal(code: "must-not-run")
        }
        #expect(unknown == .unknownOriginal)

        let duplicate = try await store.commitRefund(
            txn: "R1", original: "S1",
            at: Moment.open
        ) { _, _ in
            throw PlanRefusal(code: "must-not-run")
        }
        guard case .duplicate(let stored) = duplicate else {
            Issue.record("expected a duplicate, got \(duplicate)")
            return
        }
        #expect(stored.reply == #"{"op":"refunded","reversed":15}"#)

        // 1500 + 600 > 2000: a plan that slipped past the engine's check is refused.
        let error = await #expect(throws: LedgerError.self) {
            _ = try await store.commitRefund(
                txn: "R3", original: "S1",
                at: Moment.open
            ) { _, _ in
                refundPlan(txn: "R3", memberID: member.id, minor: 600, points: 5, lines: [])
            }
        }
        #expect(error?.kind == .invalidPlan)
        #expect(
            error?.message == "refunds would add up to 2100 minor units, more than the "
                + "sale's total of 2000")

        #expect(try await store.sale(txn: "S1")?.refunds.count == 1)
        #expect(try await store.balance(memberID: member.id) == 5)
        #expect(try await store.transaction(txn: "R3") == nil)
        await store.close()
    }
}

/// A refund plan giving back `minor` and reversing `points` of the sale S1.
func refundPlan(
    txn: String, memberID: Int64, minor: Int64, points: Int64,
    lines: [SaleLine]
) -> RefundPlan {
    RefundPlan(
        requestCanonical: #"{"op":"refund","original":"S1","txn":"\#(txn)"}"#,
        reply: #"{"op":"refunded","reversed":\#(points)}"#,
        refundedMinor: minor, refundedLines: lines, reversedPoints: points,
        entries: [
            NewLedgerEntry(
                memberID: memberID, kind: "reverse", points: -points,
                reference: "S1")
        ])
}
