import StrictJSON

/// One line the gateway sends: a reply to a request, or an event (no `id`).
///
/// The builders write keys in a stable order: `op`, `id`, `txn` first, then the fields
/// in the order protocols/lanelink-v1.md lists them. Amounts are decimal strings as the
/// caller formatted them; points are JSON integers.
public struct LaneLinkReply: Sendable, Equatable {
    /// The reply's `op`, e.g. `opened`, `finalized`, `error`, `scan`.
    public let op: String
    /// The request's id; nil for an event, which has no `id` key.
    public let id: LaneLinkID?
    /// The transaction, when there is one; nil leaves the key out.
    public let txn: String?
    /// The fields after `op`, `id` and `txn`, in order.
    public let fields: [JSON.Pair]

    /// Makes a line from its parts.
    public init(op: String, id: LaneLinkID?, txn: String?, fields: [JSON.Pair]) {
        self.op = op
        self.id = id
        self.txn = txn
        self.fields = fields
    }

    /// The whole line as JSON.
    public var json: JSON {
        var pairs = [JSON.Pair(key: "op", value: .string(op))]
        if let id { pairs.append(JSON.Pair(key: "id", value: id.value)) }
        if let txn { pairs.append(JSON.Pair(key: "txn", value: .string(txn))) }
        return .object(pairs + fields)
    }

    /// The compact JSON text, without the LF.
    public var serialized: String { json.serialized }

    /// The bytes to send: the JSON text and its LF.
    public var line: [UInt8] {
        var bytes = json.serializedBytes
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    /// The same reply for a retry: a stored answer sent again under the new request id.
    public func replacingID(_ id: LaneLinkID) -> LaneLinkReply {
        LaneLinkReply(op: op, id: id, txn: txn, fields: fields)
    }

    // MARK: Replies

    /// `opened`: the transaction is open (also for a repeated `open` of the same `txn`).
    public static func opened(id: LaneLinkID, txn: String) -> LaneLinkReply {
        LaneLinkReply(op: "opened", id: id, txn: txn, fields: [])
    }

    /// `ok`: an `item` was taken.
    public static func ok(id: LaneLinkID, txn: String) -> LaneLinkReply {
        LaneLinkReply(op: "ok", id: id, txn: txn, fields: [])
    }

    /// `member`: the card identified this member.
    public static func member(id: LaneLinkID, txn: String, member: LaneLinkMember)
        -> LaneLinkReply
    {
        LaneLinkReply(op: "member", id: id, txn: txn, fields: [pair("member", member.json)])
    }

    /// `voucher`: the voucher is valid and now reserved for `txn`.
    public static func voucher(id: LaneLinkID, txn: String, voucher: LaneLinkVoucher)
        -> LaneLinkReply
    {
        LaneLinkReply(op: "voucher", id: id, txn: txn, fields: voucher.pairs)
    }

    /// `quote`: what the member would earn now (`earn`, points) and the discounts that
    /// apply; `member` is `null` and `earn` and `balance` 0 when no member is identified.
    public static func quote(
        id: LaneLinkID, txn: String, member: LaneLinkMember?, earn: Int, balance: Int,
        discounts: [LaneLinkDiscount]
    ) -> LaneLinkReply {
        LaneLinkReply(
            op: "quote", id: id, txn: txn,
            fields: [
                pair("member", member?.json ?? .null), pair("earn", points(earn)),
                pair("balance", points(balance)), pair("discounts", .array(discounts.map(\.json))),
            ])
    }

    /// `finalized`: committed; points `earned`, the new `balance`, the voucher codes
    /// `redeemed` and the `vouchers` issued (and printed).
    public static func finalized(
        id: LaneLinkID, txn: String, member: LaneLinkMember?, earned: Int, balance: Int,
        redeemed: [String], vouchers: [LaneLinkVoucher]
    ) -> LaneLinkReply {
        LaneLinkReply(
            op: "finalized", id: id, txn: txn,
            fields: [
                pair("member", member?.json ?? .null), pair("earned", points(earned)),
                pair("balance", points(balance)),
                pair("redeemed", .array(redeemed.map(JSON.string))),
                pair("vouchers", .array(vouchers.map { .object($0.pairs) })),
            ])
    }

    /// `cancelled`: the transaction is void and its reservations released.
    public static func cancelled(id: LaneLinkID, txn: String) -> LaneLinkReply {
        LaneLinkReply(op: "cancelled", id: id, txn: txn, fields: [])
    }

    /// `refunded`: `reversed` points taken back, the member's new `balance`.
    public static func refunded(id: LaneLinkID, txn: String, reversed: Int, balance: Int)
        -> LaneLinkReply
    {
        LaneLinkReply(
            op: "refunded", id: id, txn: txn,
            fields: [
                pair("reversed", points(reversed)), pair("balance", points(balance)),
            ])
    }

    /// `error`: the request was refused; `id` is `LaneLinkID.null` for an unreadable line.
    public static func error(
        id: LaneLinkID, txn: String?, code: LaneLinkErrorCode, message: String
    ) -> LaneLinkReply {
        LaneLinkReply(
            op: "error", id: id, txn: txn,
            fields: [
                pair("code", .string(code.rawValue)), pair("message", .string(message)),
            ])
    }

    /// `error` for a failed decode or a refused request.
    public static func error(_ failure: LaneLinkFailure, txn: String?) -> LaneLinkReply {
        error(id: failure.id, txn: txn, code: failure.code, message: failure.message)
    }

    // MARK: Events

    /// `member` event: the lane's scanner read this member's card.
    public static func memberEvent(txn: String?, member: LaneLinkMember) -> LaneLinkReply {
        LaneLinkReply(op: "member", id: nil, txn: txn, fields: [pair("member", member.json)])
    }

    /// `voucher` event: the lane's scanner read a valid voucher, reserved for `txn`.
    public static func voucherEvent(txn: String?, voucher: LaneLinkVoucher) -> LaneLinkReply {
        LaneLinkReply(op: "voucher", id: nil, txn: txn, fields: voucher.pairs)
    }

    /// `scan` event: any other scan, for the POS to add as an item.
    public static func scanEvent(txn: String?, scan: LaneLinkScan) -> LaneLinkReply {
        LaneLinkReply(op: "scan", id: nil, txn: txn, fields: scan.pairs)
    }

    /// `error` event: something the lane's own scanner or card reader read was refused
    /// (a payment card, a card in no member range, a voucher that cannot be used).
    public static func errorEvent(txn: String?, code: LaneLinkErrorCode, message: String)
        -> LaneLinkReply
    {
        LaneLinkReply(
            op: "error", id: nil, txn: txn,
            fields: [
                pair("code", .string(code.rawValue)), pair("message", .string(message)),
            ])
    }

    /// `printer` event: the receipt printer's state changed.
    public static func printerEvent(
        txn: String?, state: LaneLinkPrinterState, device: String? = nil
    ) -> LaneLinkReply {
        var fields = [pair("state", .string(state.rawValue))]
        if let device { fields.append(pair("device", .string(device))) }
        return LaneLinkReply(op: "printer", id: nil, txn: txn, fields: fields)
    }

    private static func pair(_ key: String, _ value: JSON) -> JSON.Pair {
        JSON.Pair(key: key, value: value)
    }

    private static func points(_ value: Int) -> JSON {
        .number(String(value))
    }
}
