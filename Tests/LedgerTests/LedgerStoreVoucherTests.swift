import Foundation
import Testing

@testable import Ledger

/// Issues vouchers through an anonymous sale `ISSUE`, valid for an hour from `Moment.open`.
func issueVouchers(_ codes: [String], in store: LedgerStore, usageLimit: Int = 1)
    async throws
{
    let vouchers = codes.map {
        NewVoucher(
            code: $0, memberID: nil, rewardID: "five-off", title: "5 euro off",
            amountMinor: 500, expiresAt: Moment.plus(minutes: 60),
            usageLimit: usageLimit)
    }
    let outcome = try await store.commitSale(
        txn: "ISSUE", memberID: nil,
        at: Moment.open
    ) { _ in
        salePlan(
            txn: "ISSUE", memberID: nil, totalMinor: 100, earned: 0,
            newVouchers: vouchers)
    }
    #expect(outcome == .committed)
}

@Suite struct LedgerStoreVoucherTests {
    static let code = "9800000000000000000017"
    static let other = "9800000000000000000024"

    @Test func reservingAgainByTheSameTransactionExtendsIt() async throws {
        let database = TestDatabase()
        defer { database.remove() }
        let store = try database.open()
        try await issueVouchers([Self.code], in: store)

        let first = try await store.reserveVoucher(
            code: Self.code, txn: "T1", until: Moment.plus(minutes: 15),
            now: Moment.plus(minutes: 0))
        let again = try await store.reserveVoucher(
            code: Self.code, txn: "T1", until: Moment.plus(minutes: 20),
            now: Moment.plus(minutes: 5))

        guard case .reserved(let voucher) = first, case .reserved(let extended) = again else {
            Issue.record("expected two reservations, got \(first) and \(again)")
            return
        }
        #expect(
            voucher
                == StoredVoucher(
                    code: Self.code, memberID: nil, rewardID: "five-off", title: "5 euro off",
                    amountMinor: 500, issuedTxn: "ISSUE", issuedAt: Moment.open,
                    expiresAt: Moment.plus(minutes: 60), usageLimit: 1, useCount: 0,
                    reservedTxn: "T1", reservedUntil: Moment.plus(minutes: 15), usedTxn: nil))
        #expect(extended.reservedUntil == Moment.plus(minutes: 20))
        await store.close()
    }

    @Test func anotherTransactionIsRefusedUntilTheReservationLapses() async throws {
        let database = TestDatabase()
        defer { database.remove() }
        let store = try database.open()
        try await issueVouchers([Self.code], in: store)
        _ = try await store.reserveVoucher(
            code: Self.code, txn: "T1",
            until: Moment.plus(minutes: 15), now: Moment.open)

        let meanwhile = try await store.reserveVoucher(
            code: Self.code, txn: "T2", until: Moment.plus(minutes: 29),
            now: Moment.plus(minutes: 14))
        guard case .reservedElsewhere(let held) = meanwhile else {
            Issue.record("expected reservedElsewhere, got \(meanwhile)")
            return
        }
        #expect(held.reservedTxn == "T1")

        // At `until` the reservation no longer holds.
        let later = try await store.reserveVoucher(
            code: Self.code, txn: "T2", until: Moment.plus(minutes: 30),
            now: Moment.plus(minutes: 15))
        guard case .reserved(let taken) = later else {
            Issue.record("expected reserved, got \(later)")
            return
        }
        #expect(taken.reservedTxn == "T2")
        await store.close()
    }

    @Test func releasingFreesTheVoucher() async throws {
        let database = TestDatabase()
        defer { database.remove() }
        let store = try database.open()
        try await issueVouchers([Self.code, Self.other], in: store)
        for code in [Self.code, Self.other] {
            _ = try await store.reserveVoucher(
                code: code, txn: "T1",
                until: Moment.plus(minutes: 15),
                now: Moment.open)
        }

        try await store.releaseReservations(txn: "T1")
        for code in [Self.code, Self.other] {
            let voucher = try await store.voucher(code: code)
            #expect(voucher?.reservedTxn == nil)
            #expect(voucher?.reservedUntil == nil)
        }
        let next = try await store.reserveVoucher(
            code: Self.code, txn: "T2",
            until: Moment.plus(minutes: 15),
            now: Moment.open)
        #expect(next.isReserved)
        await store.close()
    }

    @Test func anUnknownCodeIsUnknown() async throws {
        let database = TestDatabase()
        defer { database.remove() }
        let store = try database.open()

        let answer = try await store.reserveVoucher(
            code: "9800000000000000000099",
            txn: "T1", until: Moment.plus(minutes: 15),
            now: Moment.open)
        #expect(answer == .unknown)
        #expect(try await store.voucher(code: "9800000000000000000099") == nil)
        await store.close()
    }

    /// The voucher expires at minute 60: valid one millisecond before, expired at it.
    @Test(arguments: [(-0.001, false), (0.0, true), (3600.0, true)])
    func expiryIsTheFirstInvalidInstant(offset: Double, expired: Bool) async throws {
        let database = TestDatabase()
        defer { database.remove() }
        let store = try database.open()
        try await issueVouchers([Self.code], in: store)

        let now = Moment.plus(minutes: 60).addingTimeInterval(offset)
        let answer = try await store.reserveVoucher(
            code: Self.code, txn: "T1",
            until: now.addingTimeInterval(900),
            now: now)
        if expired {
            guard case .expired(let voucher) = answer else {
                Issue.record("expected expired, got \(answer)")
                return
            }
            #expect(voucher.reservedTxn == nil)
        } else {
            #expect(answer.isReserved)
        }
        await store.close()
    }

    @Test func aUsedVoucherIsUsed() async throws {
        let database = TestDatabase()
        defer { database.remove() }
        let store = try database.open()
        try await issueVouchers([Self.code], in: store)
        _ = try await store.reserveVoucher(
            code: Self.code, txn: "T1",
            until: Moment.plus(minutes: 15), now: Moment.open)
        let outcome = try await store.commitSale(
            txn: "T1", memberID: nil,
            at: Moment.plus(minutes: 1)
        ) { _ in
            salePlan(
                txn: "T1", memberID: nil, totalMinor: 1000, earned: 0,
                redeem: [Self.code])
        }
        #expect(outcome == .committed)

        let answer = try await store.reserveVoucher(
            code: Self.code, txn: "T2",
            until: Moment.plus(minutes: 30),
            now: Moment.plus(minutes: 2))
        guard case .used(let voucher) = answer else {
            Issue.record("expected used, got \(answer)")
            return
        }
        #expect(voucher.useCount == 1)
        #expect(voucher.usedTxn == "T1")
        #expect(voucher.reservedTxn == nil)

        let raw = try RawConnection(path: database.path)
        #expect(try raw.integer("SELECT count(*) FROM voucher_uses WHERE txn = 'T1'") == 1)
        await store.close()
    }

    @Test func aVoucherWithTwoUsesServesTwoSales() async throws {
        let database = TestDatabase()
        defer { database.remove() }
        let store = try database.open()
        try await issueVouchers([Self.code], in: store, usageLimit: 2)

        for txn in ["T1", "T2", "T3"] {
            let outcome = try await store.commitSale(
                txn: txn, memberID: nil,
                at: Moment.plus(minutes: 1)
            ) { _ in
                salePlan(
                    txn: txn, memberID: nil, totalMinor: 1000, earned: 0,
                    redeem: [Self.code])
            }
            #expect(outcome == (txn == "T3" ? .voucherUnavailable(Self.code) : .committed))
        }
        #expect(try await store.voucher(code: Self.code)?.useCount == 2)
        #expect(try await store.voucher(code: Self.code)?.usedTxn == "T2")
        await store.close()
    }

    @Test(arguments: ["reserved", "used"])
    func consumingAVoucherAnotherLaneHasRollsEverythingBack(state: String) async throws {
        let database = TestDatabase()
        defer { database.remove() }
        let store = try database.open()
        let member = try await store.enroll(
            card: "2900000000017", tier: "basic",
            at: Moment.open)
        try await issueVouchers([Self.code, Self.other], in: store)
        _ = try await store.reserveVoucher(
            code: Self.other, txn: "T1",
            until: Moment.plus(minutes: 15), now: Moment.open)
        _ = try await store.reserveVoucher(
            code: Self.code, txn: "T2",
            until: Moment.plus(minutes: 15), now: Moment.open)
        if state == "used" {
            _ = try await store.commitSale(txn: "T2", memberID: nil, at: Moment.open) { _ in
                salePlan(
                    txn: "T2", memberID: nil, totalMinor: 1000, earned: 0,
                    redeem: [Self.code])
            }
        }

        let outcome = try await store.commitSale(
            txn: "T1", memberID: member.id,
            at: Moment.plus(minutes: 1)
        ) { _ in
            salePlan(
                txn: "T1", memberID: member.id, totalMinor: 5000, earned: 50,
                redeem: [Self.other, Self.code],
                newVouchers: [
                    NewVoucher(
                        code: "9800000000000000000031", memberID: member.id,
                        rewardID: "five-off", title: "5 euro off",
                        amountMinor: 500,
                        expiresAt: Moment.plus(minutes: 60))
                ],
                printJob: NewPrintJob(printer: "printer-1", bytes: [0x1B, 0x40]))
        }
        #expect(outcome == .voucherUnavailable(Self.code))

        // Nothing of T1 is left, and the voucher it did consume first is as it was.
        #expect(try await store.transaction(txn: "T1") == nil)
        #expect(try await store.sale(txn: "T1") == nil)
        #expect(try await store.ledgerEntries(memberID: member.id).isEmpty)
        #expect(try await store.voucher(code: "9800000000000000000031") == nil)
        #expect(try await store.pendingPrintJobs(printer: "printer-1").isEmpty)
        let untouched = try await store.voucher(code: Self.other)
        #expect(untouched?.useCount == 0)
        #expect(untouched?.reservedTxn == "T1")
        #expect(try await store.voucher(code: Self.code)?.useCount == (state == "used" ? 1 : 0))
        await store.close()
    }

    @Test func aCommittedSaleReleasesTheVouchersItDidNotRedeem() async throws {
        let database = TestDatabase()
        defer { database.remove() }
        let store = try database.open()
        try await issueVouchers([Self.code, Self.other], in: store)
        for code in [Self.code, Self.other] {
            _ = try await store.reserveVoucher(
                code: code, txn: "T1",
                until: Moment.plus(minutes: 15),
                now: Moment.open)
        }

        _ = try await store.commitSale(txn: "T1", memberID: nil, at: Moment.open) { _ in
            salePlan(
                txn: "T1", memberID: nil, totalMinor: 1000, earned: 0,
                redeem: [Self.code])
        }
        let left = try await store.voucher(code: Self.other)
        #expect(left?.reservedTxn == nil)
        #expect(left?.useCount == 0)
        await store.close()
    }

    @Test func aPlanRedeemingOneCodeTwiceIsRefused() async throws {
        let database = TestDatabase()
        defer { database.remove() }
        let store = try database.open()
        try await issueVouchers([Self.code], in: store, usageLimit: 2)

        let error = await #expect(throws: LedgerError.self) {
            _ = try await store.commitSale(txn: "T1", memberID: nil, at: Moment.open) { _ in
                salePlan(
                    txn: "T1", memberID: nil, totalMinor: 1000, earned: 0,
                    redeem: [Self.code, Self.code])
            }
        }
        #expect(error?.kind == .invalidPlan)
        #expect(try await store.voucher(code: Self.code)?.useCount == 0)
        await store.close()
    }
}

extension VoucherReservation {
    var isReserved: Bool {
        if case .reserved = self {
            return true
        }
        return false
    }
}
