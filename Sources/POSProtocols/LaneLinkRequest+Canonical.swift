import Foundation
import StrictJSON

extension LaneLinkRequest {
    /// The request's value for idempotency: equal for an equal retry, different otherwise.
    ///
    /// Compact JSON of every field but `id`, keys sorted, decimals in their shortest form
    /// (`"5"`, `"5.0"` and `"5.00"` all become `"5"`, `"0.50"` becomes `"0.5"`), basket
    /// lines as strings, the receipt as base64 again. Arrays keep their order.
    public var canonical: String {
        var fields: [(key: String, value: JSON)] = [
            ("op", .string(op.rawValue)), ("txn", .string(txn)),
        ]
        switch body {
        case .open(let open):
            fields.append(("at", .string(open.at.text)))
            fields.append(("cashier", .string(open.cashier)))
        case .item(let item):
            fields.append(("line", .string(item.line)))
            fields.append(("sku", .string(item.sku)))
            fields.append(("qty", decimal(item.qty)))
            fields.append(("price", decimal(item.price)))
            if let category = item.category { fields.append(("category", .string(category))) }
        case .identify(let card):
            fields.append(("card", .string(card)))
        case .voucher(let code):
            fields.append(("code", .string(code)))
        case .quote, .cancel:
            break
        case .finalize(let finalize):
            fields.append(("total", decimal(finalize.total)))
            fields.append(
                (
                    "tenders",
                    .array(
                        finalize.tenders.map {
                            sorted([("type", .string($0.type)), ("amount", decimal($0.amount))])
                        })
                ))
            if let receipt = finalize.receipt {
                fields.append(("receipt", .string(Data(receipt).base64EncodedString())))
            }
        case .refund(let refund):
            fields.append(("original", .string(refund.original)))
            switch refund.returned {
            case .amount(let amount):
                fields.append(("amount", decimal(amount)))
            case .lines(let lines):
                fields.append(
                    (
                        "lines",
                        .array(
                            lines.map {
                                sorted([("line", .string($0.line)), ("qty", decimal($0.qty))])
                            })
                    ))
            }
        }
        return sorted(fields).serialized
    }

    /// The shortest text of a decimal: no leading zeros, no trailing fraction zeros.
    static func canonicalDecimal(_ text: String) -> String {
        var negative = false
        var digits = Substring(text)
        if digits.hasPrefix("-") {
            negative = true
            digits = digits.dropFirst()
        }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        var whole = parts[0].drop { $0 == "0" }
        var fraction = parts.count > 1 ? parts[1] : ""
        while fraction.last == "0" { fraction = fraction.dropLast() }
        if whole.isEmpty { whole = "0" }

        let magnitude = fraction.isEmpty ? String(whole) : "\(whole).\(fraction)"
        return negative && magnitude != "0" ? "-" + magnitude : magnitude
    }

    private func decimal(_ text: String) -> JSON {
        .string(Self.canonicalDecimal(text))
    }

    /// An object of `fields` in key order (the keys are distinct).
    private func sorted(_ fields: [(key: String, value: JSON)]) -> JSON {
        .object(fields.sorted { $0.key < $1.key }.map { JSON.Pair(key: $0.key, value: $0.value) })
    }
}
