import StrictJSON

extension LaneLinkReply {
    /// Reads a line the gateway sent, checking it against its `op`'s fields.
    ///
    /// For scripted POS links and replay tests: a reply has an `id` (`null` only in
    /// `error`), an event has none; every field of the op must be there with its type
    /// (amounts decimal strings, points integers, `expires` RFC 3339) and no other.
    /// `fields` keeps the line's order. Failures use `bad-request` and the line's id.
    public static func decode(_ line: [UInt8]) throws(LaneLinkFailure) -> LaneLinkReply {
        let root: JSONNode
        do {
            root = try JSONParser.parse(line, maxDepth: 8)
        } catch {
            throw refused(
                "malformed JSON at column \(error.position.column): "
                    + error.message, id: .null)
        }
        let validation = JSONValidation(file: "lanelink")
        guard let reader = validation.object(root),
            case .object(let members) = root.value
        else {
            throw refused("a reply must be one JSON object, found \(root.typeName)", id: .null)
        }

        let idNode = reader.node("id")
        let id = idNode.flatMap { LaneLinkID(node: $0, in: line) }
        let failureID = id ?? .null
        guard let op = reader.string("op") else {
            throw refused("\"op\" must be a string", id: failureID)
        }
        let txn = reader.string("txn", required: false)
        let isNullID: Bool = if case .null = idNode?.value { op == "error" } else { false }
        guard idNode == nil || id != nil || isNullID else {
            throw refused("\"id\" must be a string or a number", id: .null)
        }
        let schemas = idNode == nil ? eventSchemas : replySchemas
        guard let schema = schemas[op] else {
            let kind = idNode == nil ? "event (no id)" : "reply"
            throw refused("\"\(op)\" is not a LaneLink v1 \(kind)", id: failureID)
        }

        let checker = ReplyChecker(validation: validation)
        for (key, kind) in schema { checker.check(kind, key, in: reader) }
        reader.finish()
        if let problem = validation.problems.first {
            throw refused(LaneLinkFields.message(for: problem), id: failureID)
        }
        let known: Set = ["op", "id", "txn"]
        let fields = members.filter { !known.contains($0.key) }
            .map { JSON.Pair(key: $0.key, value: JSON($0.value)) }
        return LaneLinkReply(op: op, id: isNullID ? .null : id, txn: txn, fields: fields)
    }

    private static func refused(_ message: String, id: LaneLinkID) -> LaneLinkFailure {
        LaneLinkFailure(code: .badRequest, message: message, id: id)
    }
}

/// What each field of a gateway line holds.
private enum FieldKind {
    case string, optionalString, decimal, points, timestamp, member, memberOrNull
    case discounts, strings, vouchers, errorCode, printerState, elements
}

private let voucherFields: [(String, FieldKind)] =
    [("code", .string), ("title", .string), ("amount", .decimal), ("expires", .timestamp)]

private let replySchemas: [String: [(String, FieldKind)]] = [
    "opened": [], "ok": [], "cancelled": [],
    "member": [("member", .member)],
    "voucher": voucherFields,
    "quote": [
        ("member", .memberOrNull), ("earn", .points), ("balance", .points),
        ("discounts", .discounts),
    ],
    "finalized": [
        ("member", .memberOrNull), ("earned", .points), ("balance", .points),
        ("redeemed", .strings), ("vouchers", .vouchers),
    ],
    "refunded": [("reversed", .points), ("balance", .points)],
    "error": [("code", .errorCode), ("message", .string)],
]

private let eventSchemas: [String: [(String, FieldKind)]] = [
    "member": [("member", .member)],
    "voucher": voucherFields,
    "scan": [
        ("kind", .optionalString), ("data", .string), ("symbology", .optionalString),
        ("gtin14", .optionalString), ("addOn", .optionalString), ("elements", .elements),
        ("error", .optionalString),
    ],
    "printer": [("state", .printerState), ("device", .optionalString)],
    "error": [("code", .errorCode), ("message", .string)],
]

/// Checks fields of gateway lines, reporting into one validation.
private struct ReplyChecker {
    let validation: JSONValidation

    func check(_ kind: FieldKind, _ key: String, in reader: JSONObjectReader) {
        switch kind {
        case .string: _ = reader.string(key)
        case .optionalString: _ = reader.string(key, required: false)
        case .decimal: _ = reader.decimalString(key)
        case .points: _ = reader.integer(key)
        case .strings: _ = reader.strings(key)
        case .timestamp:
            if let text = reader.string(key), LaneLinkTimestamp(text) == nil {
                reader.report("\"\(key)\" must be RFC 3339 with an offset", key: key)
            }
        case .errorCode:
            _ = reader.choice(key, of: LaneLinkErrorCode.allCases.map(\.rawValue))
        case .printerState:
            _ = reader.choice(key, of: LaneLinkPrinterState.allCases.map(\.rawValue))
        case .member:
            if let member = reader.object(key) { checkMember(member) }
        case .memberOrNull:
            if case .null? = reader.node(key)?.value { return }
            if let member = reader.object(key) { checkMember(member) }
        case .discounts:
            for discount in reader.objects(key) ?? [] {
                for (field, kind) in [
                    ("code", FieldKind.string), ("title", .string),
                    ("amount", .decimal),
                ] {
                    check(kind, field, in: discount)
                }
                discount.finish()
            }
        case .vouchers:
            for voucher in reader.objects(key) ?? [] {
                for (field, kind) in voucherFields { check(kind, field, in: voucher) }
                voucher.finish()
            }
        case .elements:
            for element in reader.objects(key, required: false) ?? [] {
                _ = element.string("ai")
                _ = element.string("value")
                element.finish()
            }
        }
    }

    private func checkMember(_ member: JSONObjectReader) {
        _ = member.string("id")
        _ = member.string("card")
        if case .null? = member.node("tier")?.value {} else { _ = member.string("tier") }
        _ = member.integer("balance")
        member.finish()
    }
}
