import Foundation
import StrictJSON

extension LaneLinkRequest {
    /// Decodes one request line (without its LF), checking every field.
    ///
    /// A line that is not a JSON object, or has no readable `id`, fails with id `null`;
    /// after that the failure carries the request's id. Unknown and duplicate keys,
    /// numbers where decimal strings belong and missing fields are `bad-request`; an
    /// `op` LaneLink v1 does not have is `unknown-op`. The message names the field and
    /// how to write it.
    public static func decode(_ line: [UInt8]) throws(LaneLinkFailure) -> LaneLinkRequest {
        let root: JSONNode
        do {
            root = try JSONParser.parse(line, maxDepth: 8)
        } catch {
            let place =
                error.position.line == 1
                ? "column \(error.position.column)" : "\(error.position)"
            throw badRequest("malformed JSON at \(place): \(error.message)", id: .null)
        }
        let validation = JSONValidation(file: "lanelink")
        guard let reader = validation.object(root) else {
            throw badRequest(
                "a request must be one JSON object, found \(root.typeName)",
                id: .null)
        }

        let id = try readID(reader, line: line)
        let op = try readOp(reader, id: id)
        let fields = LaneLinkFields(reader: reader)
        let txn = fields.text("txn")
        let body = fields.body(of: op)
        reader.finish()

        if let problem = validation.problems.first {
            throw badRequest(LaneLinkFields.message(for: problem), id: id)
        }
        guard let txn, let body else {
            throw LaneLinkFailure(
                code: .internal, message: "a field was refused unreported",
                id: id)
        }
        return LaneLinkRequest(id: id, txn: txn, body: body)
    }

    private static func readID(
        _ reader: JSONObjectReader, line: [UInt8]
    ) throws(LaneLinkFailure) -> LaneLinkID {
        guard let node = reader.node("id") else {
            throw badRequest(
                "\"id\" is missing: every request needs an id, a string or "
                    + "number that the reply echoes", id: .null)
        }
        guard let id = LaneLinkID(node: node, in: line) else {
            throw badRequest(
                "\"id\" must be a string or a number such as \"r-17\" or 17, "
                    + "found \(node.typeName)", id: .null)
        }
        return id
    }

    private static func readOp(
        _ reader: JSONObjectReader, id: LaneLinkID
    ) throws(LaneLinkFailure) -> LaneLinkOp {
        let valid = LaneLinkOp.validList
        guard let node = reader.node("op") else {
            throw badRequest("\"op\" is missing (valid: \(valid))", id: id)
        }
        guard let text = node.stringValue else {
            throw badRequest(
                "\"op\" must be a string such as \"open\", found \(node.typeName)",
                id: id)
        }
        guard let op = LaneLinkOp(rawValue: text) else {
            throw LaneLinkFailure(
                code: .unknownOp,
                message: "unknown op \(JSON.string(text).serialized) "
                    + "(valid: \(valid))", id: id)
        }
        return op
    }

    private static func badRequest(_ message: String, id: LaneLinkID) -> LaneLinkFailure {
        LaneLinkFailure(code: .badRequest, message: message, id: id)
    }
}

/// Reads LaneLink fields from one object and words the problems the LaneLink way.
struct LaneLinkFields {
    let reader: JSONObjectReader

    /// Digits allowed in a decimal string: enough for any till, small enough for
    /// `Decimal` to hold exactly.
    static let maxWholeDigits = 12
    static let maxFractionDigits = 6

    func body(of op: LaneLinkOp) -> LaneLinkRequest.Body? {
        switch op {
        case .open: open()
        case .item: item()
        case .identify: text("card").map { .identify(card: $0) }
        case .voucher: text("code").map { .voucher(code: $0) }
        case .quote: .quote
        case .finalize: finalize()
        case .cancel: .cancel
        case .refund: refund()
        }
    }

    private func open() -> LaneLinkRequest.Body? {
        let at = timestamp("at")
        let cashier = text("cashier")
        guard let at, let cashier else { return nil }
        return .open(LaneLinkRequest.Open(at: at, cashier: cashier))
    }

    private func item() -> LaneLinkRequest.Body? {
        let line = lineKey("line")
        let sku = text("sku")
        let qty = decimal("qty", example: #""2" or "0.750""#, positive: true)
        let price = decimal("price", example: #""1.25""#, positive: false)
        // The one string that may be empty (protocols/lanelink-v1.md, "Requests"): a POS
        // with no category for an article may send "" as well as leave the key out.
        let category =
            reader.node("category")?.stringValue == "" ? nil : text("category", required: false)
        guard let line, let sku, let qty, let price else { return nil }
        return .item(
            LaneLinkRequest.Item(
                line: line, sku: sku, qty: qty, price: price,
                category: category))
    }

    private func finalize() -> LaneLinkRequest.Body? {
        let total = decimal("total", example: #""12.50""#, positive: false)
        let tenders = nonEmptyObjects("tenders", shape: #"{"type":"cash","amount":"12.50"}"#)?
            .compactMap { tender -> LaneLinkRequest.Tender? in
                let fields = LaneLinkFields(reader: tender)
                let type = fields.text("type")
                let amount = fields.decimal("amount", example: #""12.50""#, positive: false)
                tender.finish()
                guard let type, let amount else { return nil }
                return LaneLinkRequest.Tender(type: type, amount: amount)
            }
        let receipt = base64("receipt")
        guard let total, let tenders, case .valid(let bytes) = receipt else { return nil }
        return .finalize(
            LaneLinkRequest.Finalize(
                total: total, tenders: tenders,
                receipt: bytes))
    }

    private func refund() -> LaneLinkRequest.Body? {
        let original = text("original")
        let hasLines = reader.has("lines")
        let hasAmount = reader.has("amount")
        var returned: LaneLinkRequest.Returned?
        switch (hasLines, hasAmount) {
        case (true, true):
            reader.report(
                "\"amount\" cannot come with \"lines\": give one of them",
                key: "amount")
        case (false, false):
            reader.report(
                "\"lines\" or \"amount\" is missing: a refund returns lines "
                    + "([{\"line\":\"1\",\"qty\":\"1\"}]) or an amount (\"5.00\")", key: "lines")
        case (true, false):
            returned = refundLines().map { .lines($0) }
        case (false, true):
            returned = decimal("amount", example: #""5.00""#, positive: true)
                .map { .amount($0) }
        }
        guard let original, let returned else { return nil }
        return .refund(LaneLinkRequest.Refund(original: original, returned: returned))
    }

    private func refundLines() -> [LaneLinkRequest.RefundLine]? {
        let readers = nonEmptyObjects("lines", shape: #"{"line":"1","qty":"1"}"#)
        let lines = readers?.compactMap { entry -> LaneLinkRequest.RefundLine? in
            let fields = LaneLinkFields(reader: entry)
            let line = fields.lineKey("line")
            let qty = fields.decimal("qty", example: #""1" or "0.500""#, positive: true)
            entry.finish()
            guard let line, let qty else { return nil }
            return LaneLinkRequest.RefundLine(line: line, qty: qty)
        }
        guard let lines, lines.count == readers?.count else { return nil }
        return lines
    }

    // MARK: Field kinds

    /// The field's name in messages: `qty`, or `tenders[0].amount` inside an array.
    func name(_ key: String) -> String {
        let base = reader.path == "$" ? "" : reader.path.dropFirst(2) + "."
        return "\"\(base)\(key)\""
    }

    /// A non-empty string.
    func text(_ key: String, required: Bool = true) -> String? {
        guard let node = present(key, required: required) else { return nil }
        guard let text = node.stringValue else {
            reader.report("\(name(key)) must be a string, found \(node.typeName)", key: key)
            return nil
        }
        guard !text.isEmpty else {
            reader.report("\(name(key)) must not be empty", key: key)
            return nil
        }
        return text
    }

    /// A decimal string within the digit limits, never negative, above zero if `positive`.
    func decimal(_ key: String, example: String, positive: Bool) -> String? {
        guard let node = present(key, required: true) else { return nil }
        guard let text = node.stringValue, isDecimalText(text) else {
            reader.report("\(name(key)) must be a decimal string such as \(example)", key: key)
            return nil
        }
        guard !text.hasPrefix("-") else {
            reader.report("\(name(key)) must not be negative", key: key)
            return nil
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let whole = parts[0].drop { $0 == "0" }
        guard whole.count <= Self.maxWholeDigits,
            parts.count == 1 || parts[1].count <= Self.maxFractionDigits
        else {
            reader.report(
                "\(name(key)) has too many digits (at most \(Self.maxWholeDigits) "
                    + "before the point and \(Self.maxFractionDigits) after)", key: key)
            return nil
        }
        if positive, !text.contains(where: { $0 >= "1" && $0 <= "9" }) {
            reader.report("\(name(key)) must be greater than zero", key: key)
            return nil
        }
        return text
    }

    /// A basket line key: a non-empty string, or an integer written as its digits.
    func lineKey(_ key: String) -> String? {
        guard let node = present(key, required: true) else { return nil }
        switch node.value {
        case .string(let text) where !text.isEmpty:
            return text
        case .number(let text) where text.allSatisfy({ $0 >= "0" && $0 <= "9" }):
            return text
        default:
            reader.report(
                "\(name(key)) must be a string or an integer such as \"1\" or 1",
                key: key)
            return nil
        }
    }

    /// An RFC 3339 date-time with an offset.
    func timestamp(_ key: String) -> LaneLinkTimestamp? {
        guard let node = present(key, required: true) else { return nil }
        guard let text = node.stringValue, let stamp = LaneLinkTimestamp(text) else {
            reader.report(
                "\(name(key)) must be an RFC 3339 time with an offset such as "
                    + "\"2024-05-02T14:03:11+02:00\"", key: key)
            return nil
        }
        return stamp
    }

    enum Optional64 { case valid([UInt8]?), invalid }

    /// Optional base64 (RFC 4648 §4, padded, no line breaks).
    func base64(_ key: String) -> Optional64 {
        guard let node = present(key, required: false) else { return .valid(nil) }
        guard let text = node.stringValue, let data = Data(base64Encoded: text) else {
            reader.report(
                "\(name(key)) must be base64 (RFC 4648, padded with \"=\") such as "
                    + "\"G0AKCg==\"", key: key)
            return .invalid
        }
        return .valid(Array(data))
    }

    /// A non-empty array whose elements are all objects.
    func nonEmptyObjects(_ key: String, shape: String) -> [JSONObjectReader]? {
        guard let node = present(key, required: true) else { return nil }
        guard case .array(let elements) = node.value, !elements.isEmpty,
            elements.allSatisfy({ if case .object = $0.value { true } else { false } })
        else {
            reader.report(
                "\(name(key)) must be a non-empty array of objects such as [\(shape)]",
                key: key)
            return nil
        }
        return reader.objects(key)
    }

    private func present(_ key: String, required: Bool) -> JSONNode? {
        guard let node = reader.node(key) else {
            if required {
                reader.report("\(name(key)) is missing", key: key)
            }
            return nil
        }
        return node
    }

    /// A StrictJSON problem as a LaneLink message that names its field.
    ///
    /// Messages made here already start with the field (`"qty" must be …`); unknown and
    /// duplicate keys name the key and get the place when nested (`at tenders[0].tip`);
    /// every other StrictJSON message gets the field in front (`"earn": expected …`).
    static func message(for problem: JSONProblem) -> String {
        let place =
            problem.path.hasPrefix("$.")
            ? String(problem.path.dropFirst(2))
            : problem.path == "$" ? "" : String(problem.path.dropFirst())
        if place.isEmpty || problem.message.hasPrefix("\"\(place)\"") {
            return problem.message
        }
        if problem.message.hasPrefix("unknown key") || problem.message.hasPrefix("duplicate key") {
            let nested = place.contains("[") || place.contains(".")
            return nested ? "\(problem.message) at \(place)" : problem.message
        }
        return "\"\(place)\": \(problem.message)"
    }
}
