import Foundation
import Ledger
import Loyalty
import POSProtocols
import StrictJSON
import Symbology

extension LaneRuntime {
    /// Answers one LaneLink line. A line that cannot be read gets an `error` reply; the
    /// connection and the open transaction go on.
    func respond(to line: [UInt8], from connection: Int) -> LaneLinkReply {
        let request: LaneLinkRequest
        do {
            request = try LaneLinkRequest.decode(line)
        } catch {
            // What the POS got wrong, for the journal; a quoted card number only masked.
            Log.info(
                "request-refused",
                [
                    "connection": "\(connection)", "code": error.code.rawValue,
                    "message": Log.scrubbed(error.message),
                ])
            return LaneReply.error(
                LaneLinkFailure(
                    code: error.code, message: PaymentCard.masking(error.message), id: error.id))
        }
        if let (field, found) = Self.paymentCardField(in: request) {
            Log.info("payment-card-refused", ["card": found.masked, "field": field])
            return LaneReply.error(
                .paymentCard,
                "\"\(field)\" holds a payment card number (\(found.masked)); nothing was "
                    + "stored (valid: send the POS's own ids and codes, never a card number)",
                id: request.id, txn: PaymentCard.masking(request.txn))
        }
        open?.lastActivity = ContinuousClock.now
        do {
            return try respond(to: request, from: connection)
        } catch let failure as LaneLinkFailure {
            // A message may quote what the POS sent; a card number in it only masked.
            return LaneReply.error(
                failure.code, PaymentCard.masking(failure.message), id: request.id,
                txn: request.txn)
        } catch let error as LedgerError where error.kind == .busy {
            return LaneReply.error(
                .busy, "another lane holds the store; nothing was changed, try again",
                id: request.id, txn: request.txn)
        } catch {
            Log.error(
                "request-failed",
                ["op": request.op.rawValue, "txn": request.txn, "error": "\(error)"])
            return LaneReply.error(
                .internal, "the gateway could not complete the request: \(error)",
                id: request.id, txn: request.txn)
        }
    }

    private func respond(to request: LaneLinkRequest, from connection: Int) throws
        -> LaneLinkReply
    {
        let id = request.id
        let txn = request.txn
        switch request.body {
        case .open(let opening):
            return try openTransaction(
                txn, at: opening.at.text, cashier: opening.cashier, id: id,
                connection: connection)
        case .item(let item):
            var current = try requireOpen(txn)
            let qty = try parseQuantity(item.qty, field: "qty")
            let price = try parseMoney(item.price, field: "price")
            do {
                current.basket.set(
                    try BasketLine(
                        line: item.line, sku: item.sku, qty: qty, price: price,
                        category: item.category))
            } catch {
                throw LaneLinkFailure(
                    code: .badRequest, message: "line \(item.line): \(error)", id: id)
            }
            open = current
            return LaneReply.reply("ok", id: id, txn: txn)
        case .identify(card: let card):
            _ = try requireOpen(txn)
            let member = try identify(card)
            open?.member = member
            return LaneReply.reply(
                "member", id: id, txn: txn,
                [
                    ("member", try memberJSON(member))
                ])
        case .voucher(code: let code):
            _ = try requireOpen(txn)
            let voucher = try reserve(code)
            return LaneReply.reply("voucher", id: id, txn: txn, voucherFields(voucher))
        case .quote:
            return try quote(txn, id: id)
        case .finalize(let sale):
            return try finalize(
                request, total: sale.total, tenders: sale.tenders, receipt: sale.receipt)
        case .cancel:
            _ = try requireOpen(txn)
            try inStore { try $0.releaseReservations(txn: txn) }
            open = nil
            Log.info("cancelled", ["txn": txn])
            return LaneReply.reply("cancelled", id: id, txn: txn)
        case .refund(let refund):
            return try self.refund(request, refund)
        }
    }

    private func openTransaction(
        _ txn: String, at: String, cashier: String?, id: LaneLinkID, connection: Int
    ) throws -> LaneLinkReply {
        if let current = open {
            guard current.txn == txn else {
                throw LaneLinkFailure(
                    code: .transactionOpen,
                    message: "transaction \(current.txn) is still open on this lane (valid: "
                        + "finalize or cancel it first)", id: id)
            }
            open?.connection = connection
            return LaneReply.reply("opened", id: id, txn: txn)
        }
        if let stored = try inStore({ try $0.transaction(txn: txn) }) {
            let done = stored.kind == "refund" ? "used by a refund" : "finalized"
            throw LaneLinkFailure(
                code: .conflict,
                message: "transaction \(txn) was already \(done) (valid: a new txn id)", id: id)
        }
        open = OpenTransaction(
            txn: txn, posTime: at, cashier: cashier, connection: connection,
            basket: Basket(scale: currency.scale), lastActivity: ContinuousClock.now)
        Log.info("opened", ["txn": txn])
        return LaneReply.reply("opened", id: id, txn: txn)
    }

    /// The open transaction when it is `txn`, else `no-transaction`.
    func requireOpen(_ txn: String) throws(LaneLinkFailure) -> OpenTransaction {
        guard let current = open, current.txn == txn else {
            let detail =
                open.map { "the open transaction is \($0.txn)" }
                ?? "no transaction is open"
            throw LaneLinkFailure(
                code: .noTransaction,
                message: "transaction \(txn) is not open: \(detail) (valid: send open first)",
                id: .null)
        }
        return current
    }

    /// Finds the member for a card typed or scanned at the POS, enrolling an unknown card
    /// inside a member range; refuses payment cards without keeping the number.
    func identify(_ card: String) throws -> StoredMember {
        let digits = card.filter { !$0.isWhitespace && $0 != "-" }
        // Also a number inside other text: a swipe's track typed into the field.
        let inside = PaymentCard.numbers(in: card).first
        if !program.isMemberCard(digits), PaymentCard.isPaymentCardNumber(digits) || inside != nil {
            let shown = inside?.masked ?? PaymentCard.mask(digits)
            Log.info("payment-card-refused", ["card": shown])
            throw LaneLinkFailure(
                code: .paymentCard,
                message: "\(shown) is a payment card, not a member card; it was not stored",
                id: .null)
        }
        if let member = try inStore({ try $0.member(card: digits) }) { return member }
        guard program.isMemberCard(digits) else {
            if let range = program.rangeFailingOnlyItsCheckDigit(digits) {
                let scheme = range.check == .ean ? "EAN" : "Luhn"
                throw LaneLinkFailure(
                    code: .unknownCard,
                    message: "card \(Log.card(digits)) has a wrong check digit for a "
                        + "\(program.name) card (\(range.length) digits starting "
                        + "\(range.prefix), \(scheme) check digit); type or scan it again",
                    id: .null)
            }
            throw LaneLinkFailure(
                code: .unknownCard,
                message: "card \(Log.card(digits)) is not a member card of \(program.name) "
                    + "and is in no member range", id: .null)
        }
        let member = try inStore {
            try $0.enroll(card: digits, tier: "standard", at: environment.now())
        }
        Log.info("enrolled", ["member": "M\(member.id)", "card": Log.card(digits)])
        return member
    }

    func memberJSON(_ member: StoredMember) throws -> JSON {
        let balance = try inStore { try $0.balance(memberID: member.id) }
        return LaneReply.member(
            id: member.id, card: member.card, tier: member.tier, balance: balance)
    }

    /// Reserves a presented voucher for the open transaction; presenting it again in the
    /// same transaction gives the same answer.
    func reserve(_ code: String) throws -> StoredVoucher {
        guard var current = open else {
            throw LaneLinkFailure(
                code: .noTransaction, message: "no transaction is open", id: .null)
        }
        // TODO: presenting a held voucher again answers from memory and does not renew its
        // reservation in the store, which lapses `reservationTimeout` after the first
        // presentation even while the transaction stays busy; another lane may then take
        // the voucher and this sale's finalize gets `voucher-used`. Renewing on each
        // presentation and on finalize's start would close that window.
        if let held = current.vouchers.first(where: { $0.code == code }) { return held }
        if code.count == VoucherCode.length, code.hasPrefix(VoucherCode.prefix),
            code.allSatisfy(\.isASCII), code.allSatisfy(\.isNumber), !VoucherCode.isWellFormed(code)
        {
            throw LaneLinkFailure(
                code: .voucherUnknown,
                message: "\(code) has a wrong check digit: the code was mistyped or misread "
                    + "(valid: type it again, or scan the barcode or QR code)", id: .null)
        }
        guard VoucherCode.isWellFormed(code) else {
            throw LaneLinkFailure(
                code: .voucherUnknown,
                message: "\(code) is not a voucher code of this gateway (valid: 24 digits "
                    + "starting 994)", id: .null)
        }
        let now = environment.now()
        let until = now.addingTimeInterval(seconds(config.reservationTimeout))
        let reservation = try inStore {
            try $0.reserveVoucher(code: code, txn: current.txn, until: until, now: now)
        }
        switch reservation {
        case .reserved(let voucher):
            current.vouchers.append(voucher)
            open = current
            Log.info("voucher-reserved", ["txn": current.txn, "voucher": code])
            return voucher
        case .unknown:
            throw LaneLinkFailure(
                code: .voucherUnknown, message: "voucher \(code) is not known", id: .null)
        case .reservedElsewhere:
            throw LaneLinkFailure(
                code: .voucherReserved,
                message: "voucher \(code) is already reserved by another transaction", id: .null)
        case .used:
            throw LaneLinkFailure(
                code: .voucherUsed, message: "voucher \(code) was already used", id: .null)
        case .expired(let voucher):
            throw LaneLinkFailure(
                code: .voucherExpired,
                message: "voucher \(code) expired at "
                    + RFC3339.format(voucher.expiresAt, in: config.timeZone), id: .null)
        }
    }

    func voucherFields(_ voucher: StoredVoucher) -> [(String, JSON)] {
        [
            ("code", .string(voucher.code)), ("title", .string(voucher.title)),
            ("amount", .string(money(voucher.amountMinor).description)),
            ("expires", .string(RFC3339.format(voucher.expiresAt, in: config.timeZone))),
        ]
    }

    private func quote(_ txn: String, id: LaneLinkID) throws -> LaneLinkReply {
        let current = try requireOpen(txn)
        let discounts = current.discounts()
        let paid = current.basket.amount.minorUnits - discounts.reduce(0) { $0 + $1.amountMinor }
        var fields: [(String, JSON)] = []
        var balance: Int64?
        if let member = current.member {
            fields.append(("member", try memberJSON(member)))
            balance = try inStore { try $0.balance(memberID: member.id) }
        } else {
            fields.append(("member", .null))
        }
        let earn = current.member == nil ? 0 : engine.earned(onPaid: money(paid))
        fields.append(("earn", .number(String(earn))))
        fields.append(("balance", .number(String(balance ?? 0))))
        fields.append(
            (
                "discounts",
                .array(
                    discounts.map { entry in
                        .object([
                            JSON.Pair(key: "code", value: .string(entry.voucher.code)),
                            JSON.Pair(key: "title", value: .string(entry.voucher.title)),
                            JSON.Pair(
                                key: "amount", value: .string(money(entry.amountMinor).description)),
                        ])
                    })
            ))
        return LaneReply.reply("quote", id: id, txn: txn, fields)
    }

    func money(_ minorUnits: Int64) -> Money {
        Money(minorUnits: minorUnits, scale: currency.scale)
    }

    /// A LaneLink decimal without its leading zeros ("007.50" is "7.50"): the protocol
    /// allows them, the amount parsers (strict, as for program files) do not.
    static func withoutLeadingZeros(_ text: String) -> String {
        let negative = text.hasPrefix("-")
        var digits = Substring(negative ? String(text.dropFirst()) : text)
        while digits.count > 1, digits.first == "0",
            let next = digits.dropFirst().first, next.isNumber
        {
            digits = digits.dropFirst()
        }
        return (negative ? "-" : "") + digits
    }

    func parseMoney(_ text: String, field: String) throws(LaneLinkFailure) -> Money {
        do {
            return try Money(parsing: Self.withoutLeadingZeros(text), scale: currency.scale)
        } catch {
            throw LaneLinkFailure(
                code: .badRequest,
                message: "\"\(field)\": \"\(text)\" is not an amount in \(currency.code) "
                    + "(valid: a decimal string with at most \(currency.scale) decimals, "
                    + "e.g. \"12.50\")", id: .null)
        }
    }

    func parseQuantity(_ text: String, field: String) throws(LaneLinkFailure) -> Decimal {
        guard let value = DecimalText.parse(Self.withoutLeadingZeros(text)), value > 0 else {
            throw LaneLinkFailure(
                code: .badRequest,
                message: "\"\(field)\": \"\(text)\" is not a positive quantity (valid: a "
                    + "decimal string such as \"2\" or \"0.750\")", id: .null)
        }
        return value
    }
}

func seconds(_ duration: Duration) -> TimeInterval {
    let parts = duration.components
    return TimeInterval(parts.seconds) + TimeInterval(parts.attoseconds) / 1e18
}
