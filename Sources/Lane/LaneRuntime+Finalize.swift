import Foundation
import Ledger
import Loyalty
import POSProtocols
import StrictJSON
import Synchronization

extension LaneRuntime {
    /// `finalize`, in the order the design fixes: compute with the pure engine, commit
    /// everything in one store transaction, reply, then print.
    func finalize(
        _ request: LaneLinkRequest, total: String, tenders: [LaneLinkRequest.Tender],
        receipt: [UInt8]?
    ) throws -> LaneLinkReply {
        let txn = request.txn
        if open?.txn != txn {
            if let stored = try inStore({ try $0.transaction(txn: txn) }) {
                return try replay(stored, for: request)
            }
            _ = try requireOpen(txn)
        }
        guard let current = open else {
            throw LaneError("internal: no open transaction after the check")
        }
        let paid = try parseMoney(total, field: "total")
        for (index, tender) in tenders.enumerated() {
            _ = try parseMoney(tender.amount, field: "tenders[\(index)].amount")
        }

        let plan = SaleInputs(
            txn: txn, canonical: request.canonical, paid: paid, basket: current.basket,
            member: current.member, redeem: current.discounts(), receipt: receipt,
            at: environment.now(), engine: engine, layout: layout,
            random: environment.random, timeZone: config.timeZone,
            nextReward: program.rewards.first(where: { $0.threshold > 0 }))
        // The reply the plan stored, kept here as a value so that answering needs neither a
        // second trip to the store after the commit nor a parse of the stored text.
        let storedReply = Mutex<LaneLinkReply?>(nil)
        let outcome = try inStore {
            try $0.commitSale(
                txn: txn, memberID: current.member?.id, at: plan.at
            ) { balance in
                let made = try plan.make(balance: balance)
                storedReply.withLock { $0 = made.reply }
                return made.plan
            }
        }

        switch outcome {
        case .committed:
            open = nil
            Log.info(
                "finalized",
                [
                    "txn": txn, "total": paid.description,
                    "member": current.member.map { "M\($0.id)" } ?? "none",
                ])
            // The job is stored; the print queue starts once the reply is out (`handle`).
            printAfterReply = true
            guard let reply = storedReply.withLock({ $0 }) else {
                throw LaneError("the committed transaction \(txn) has no reply")
            }
            // The same fields the stored text holds (`LaneReply.stored`), with this id.
            return reply.replacingID(request.id)
        case .duplicate(let stored):
            // TODO: only another lane committing this very txn gets here (a POS reusing a
            // txn across lanes); the open transaction is dropped without releasing its
            // voucher reservations, which then lapse after the reservation timeout.
            open = nil
            return try replay(stored, for: request)
        case .voucherUnavailable(let code):
            open?.vouchers.removeAll { $0.code == code }
            throw LaneLinkFailure(
                code: .voucherUsed,
                message: "voucher \(code) was used or taken by another lane before this sale "
                    + "was paid; it was removed from this transaction, finalize again without "
                    + "its discount", id: request.id)
        case .unknownOriginal:
            throw LaneError("internal: the store answered a sale as a refund")
        }
    }

    /// An equal retry gets the stored reply with its own `id`; a different one `conflict`.
    func replay(_ stored: StoredTransaction, for request: LaneLinkRequest) throws -> LaneLinkReply {
        guard stored.requestCanonical == request.canonical else {
            throw LaneLinkFailure(
                code: .conflict,
                message:
                    "transaction \(request.txn) was already \(stored.kind == "refund" ? "refunded" : "finalized") "
                    + "with a different request (valid: repeat it exactly, or use a new txn)",
                id: request.id)
        }
        Log.info("replayed", ["txn": request.txn, "op": request.op.rawValue])
        return try LaneReply.restored(stored.reply, id: request.id)
    }
}

/// Everything the store's transaction needs to plan a sale, captured as values so the plan
/// runs on the store's thread with the balance read inside the write lock.
struct SaleInputs: Sendable {
    let txn: String
    let canonical: String
    let paid: Money
    let basket: Basket
    let member: StoredMember?
    let redeem: [(voucher: StoredVoucher, amountMinor: Int64)]
    let receipt: [UInt8]?
    let at: Date
    let engine: LoyaltyEngine
    let layout: ReceiptLayout?
    let random: RandomSource
    let timeZone: TimeZone
    let nextReward: Reward?

    /// The plan for the store, and the reply it stores (with a null `id`).
    func make(balance: Int64) throws -> (plan: SalePlan, reply: LaneLinkReply) {
        var generator = RandomSourceGenerator(random)
        let outcome = engine.finalize(
            total: paid, memberBalance: member == nil ? nil : balance, at: at,
            codes: &generator)
        let scale = paid.scale
        let balanceAfter = outcome.balanceAfter ?? 0
        let entries =
            member.map { member in
                outcome.entries.map {
                    NewLedgerEntry(
                        memberID: member.id, kind: $0.kind.rawValue, points: $0.points,
                        reference: $0.reference)
                }
            } ?? []
        let newVouchers = outcome.conversions.map {
            NewVoucher(
                code: $0.code, memberID: member?.id, rewardID: $0.reward, title: $0.title,
                amountMinor: $0.amount.minorUnits, expiresAt: $0.expires, usageLimit: 1)
        }

        var fields: [(String, JSON)] = []
        if let member {
            fields.append(
                (
                    "member",
                    LaneReply.member(
                        id: member.id, card: member.card, tier: member.tier, balance: balanceAfter)
                ))
        } else {
            fields.append(("member", .null))
        }
        fields.append(("earned", .number(String(outcome.earned))))
        fields.append(("balance", .number(String(balanceAfter))))
        fields.append(("redeemed", .array(redeem.map { .string($0.voucher.code) })))
        fields.append(
            (
                "vouchers",
                .array(
                    outcome.conversions.map { voucher in
                        .object([
                            JSON.Pair(key: "code", value: .string(voucher.code)),
                            JSON.Pair(key: "title", value: .string(voucher.title)),
                            JSON.Pair(
                                key: "amount",
                                value: .string(
                                    Money(minorUnits: voucher.amount.minorUnits, scale: scale)
                                        .description)),
                            JSON.Pair(
                                key: "expires",
                                value: .string(RFC3339.format(voucher.expires, in: timeZone))),
                        ])
                    })
            ))
        let reply = LaneReply.reply("finalized", id: .null, txn: txn, fields)

        var job: NewPrintJob?
        if let layout, member != nil || receipt != nil {
            let slip = member.map { member in
                ReceiptLayout.Slip(
                    card: member.card, earned: outcome.earned, balance: balanceAfter,
                    toNextReward: nextReward.map { $0.threshold - balanceAfter },
                    nextRewardTitle: nextReward?.title)
            }
            let vouchers = outcome.conversions.map {
                ReceiptLayout.Voucher(
                    code: $0.code, title: $0.title, amountMinor: $0.amount.minorUnits,
                    lastValidDay: $0.lastValidDay.description)
            }
            job = NewPrintJob(
                printer: "printer",
                bytes: layout.job(receipt: receipt, slip: slip, vouchers: vouchers))
        }
        let plan = SalePlan(
            requestCanonical: canonical, reply: LaneReply.stored(reply),
            lines: basket.lines.map {
                SaleLine(
                    line: $0.line, sku: $0.sku, qty: "\($0.qty)",
                    amountMinor: $0.amount.minorUnits)
            },
            totalMinor: paid.minorUnits, earned: outcome.earned, entries: entries,
            redeem: redeem.map(\.voucher.code), newVouchers: newVouchers, printJob: job)
        return (plan, reply)
    }
}
