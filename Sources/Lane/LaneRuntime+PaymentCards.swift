import POSProtocols
import Symbology

extension LaneRuntime {
    /// The first text field of `request` that holds a payment card number, other than
    /// `identify`'s `card` (which `identify` judges itself, against the member ranges).
    ///
    /// A POS that puts a card number in `txn`, `cashier`, a line key, a SKU or a tender
    /// type gets `payment-card` and nothing is stored: the ledger, the idempotency record
    /// and the logs never hold one (DESIGN: no payment card data kept). The POS's own
    /// receipt bytes are not searched; see docs/limitations.md.
    static func paymentCardField(in request: LaneLinkRequest) -> (
        field: String, found: PaymentCard.Found
    )? {
        var fields: [(String, String)] = [("txn", request.txn)]
        switch request.body {
        case .open(let open):
            fields.append(("cashier", open.cashier))
        case .item(let item):
            fields += [("line", item.line), ("sku", item.sku)]
            if let category = item.category { fields.append(("category", category)) }
        case .voucher(let code):
            fields.append(("code", code))
        case .finalize(let finalize):
            fields += finalize.tenders.map { ("tenders.type", $0.type) }
        case .refund(let refund):
            fields.append(("original", refund.original))
            if case .lines(let lines) = refund.returned {
                fields += lines.map { ("lines.line", $0.line) }
            }
        case .identify, .quote, .cancel:
            break
        }
        for (field, text) in fields {
            if let found = PaymentCard.numbers(in: text).first { return (field, found) }
        }
        return nil
    }
}
