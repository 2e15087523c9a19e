import Foundation
import Ledger
import Loyalty
import POSProtocols
import StrictJSON

extension LaneRuntime {
    /// `refund`: money back for an earlier sale, under its own `txn`, with no `open`.
    ///
    /// The engine computes each line's share of what was paid and the points to reverse,
    /// inside the store's write transaction, against the sale's earlier refunds.
    func refund(_ request: LaneLinkRequest, _ refund: LaneLinkRequest.Refund) throws
        -> LaneLinkReply
    {
        let txn = request.txn
        if let stored = try inStore({ try $0.transaction(txn: txn) }) {
            return try replay(stored, for: request)
        }
        // The open sale's txn is taken: stored as a refund now, the sale's own finalize
        // would then be refused as a conflict and the sale lost.
        if let current = open, current.txn == txn {
            throw LaneLinkFailure(
                code: .conflict,
                message: "transaction \(txn) is the sale open on this lane; a refund needs a "
                    + "txn of its own (valid: a new txn id)", id: request.id)
        }
        let asked: RefundRequest
        switch refund.returned {
        case .lines(let lines):
            asked = .lines(
                try lines.enumerated().map { index, line in
                    RefundLine(
                        line: line.line,
                        qty: try parseQuantity(line.qty, field: "lines[\(index)].qty"))
                })
        case .amount(let text):
            asked = .amount(try parseMoney(text, field: "amount"))
        }

        let plan = RefundInputs(
            txn: txn, canonical: request.canonical, asked: asked, engine: engine,
            scale: currency.scale)
        let outcome: CommitOutcome
        do {
            outcome = try inStore {
                try $0.commitRefund(
                    txn: txn, original: refund.original, at: environment.now()
                ) { sale, balance in try plan.make(sale: sale, balance: balance) }
            }
        } catch {
            guard let refused = (error as? LedgerError)?.planError as? RefundError else {
                throw error
            }
            throw LaneLinkFailure(
                code: LaneLinkErrorCode(rawValue: refused.code) ?? .badRequest,
                message: refused.description, id: request.id)
        }

        switch outcome {
        case .committed:
            guard let stored = try inStore({ try $0.transaction(txn: txn) }) else {
                throw LaneError("the committed refund \(txn) is missing")
            }
            Log.info("refunded", ["txn": txn, "original": refund.original])
            return try LaneReply.restored(stored.reply, id: request.id)
        case .duplicate(let stored):
            return try replay(stored, for: request)
        case .unknownOriginal:
            throw LaneLinkFailure(
                code: .unknownTxn,
                message: "no finalized sale \(refund.original) to refund (valid: the txn of "
                    + "a finalized sale)", id: request.id)
        case .voucherUnavailable:
            throw LaneError("internal: the store answered a refund with a voucher problem")
        }
    }
}

/// What the store's transaction needs to plan a refund, as values.
struct RefundInputs: Sendable {
    let txn: String
    let canonical: String
    let asked: RefundRequest
    let engine: LoyaltyEngine
    let scale: Int

    func make(sale: StoredSale, balance: Int64) throws -> RefundPlan {
        var refunded: [String: Decimal] = [:]
        for line in sale.refunds.flatMap(\.lines) {
            refunded[line.line, default: 0] += Decimal(string: line.qty) ?? 0
        }
        let sold = SoldSale(
            lines: sale.lines.map {
                SoldLine(
                    line: $0.line, qty: Decimal(string: $0.qty) ?? 0,
                    amount: Money(minorUnits: $0.amountMinor, scale: scale))
            },
            total: Money(minorUnits: sale.totalMinor, scale: scale), earned: sale.earned,
            refundedQuantities: refunded,
            refundedMoney: Money(
                minorUnits: sale.refunds.reduce(0) { $0 + $1.refundedMinor }, scale: scale),
            reversedPoints: sale.refunds.reduce(0) { $0 + $1.reversedPoints })
        let outcome = try engine.refund(asked, of: sold)

        var entries: [NewLedgerEntry] = []
        if let member = sale.memberID, outcome.reversed > 0 {
            entries.append(
                NewLedgerEntry(
                    memberID: member, kind: "reverse", points: -outcome.reversed,
                    reference: sale.txn))
        }
        let skus = Dictionary(sale.lines.map { ($0.line, $0.sku) }, uniquingKeysWith: { a, _ in a })
        let reply = LaneReply.reply(
            "refunded", id: .null, txn: txn,
            [
                ("reversed", .number(String(outcome.reversed))),
                ("balance", .number(String(sale.memberID == nil ? 0 : balance - outcome.reversed))),
            ])
        return RefundPlan(
            requestCanonical: canonical, reply: LaneReply.stored(reply),
            refundedMinor: outcome.share.money.minorUnits,
            refundedLines: outcome.share.lines.map {
                SaleLine(
                    line: $0.line, sku: skus[$0.line] ?? "", qty: "\($0.qty)",
                    amountMinor: $0.money.minorUnits)
            },
            reversedPoints: outcome.reversed, entries: entries, printJob: nil)
    }
}
