import Foundation
import POSProtocols
import StrictJSON

/// Small helpers over `LaneLinkReply` for the lane's replies and events, and the stored
/// form of a reply that a retry gets back under its own `id`.
enum LaneReply {
    static func reply(
        _ op: String, id: LaneLinkID, txn: String?, _ fields: [(String, JSON)] = []
    ) -> LaneLinkReply {
        LaneLinkReply(
            op: op, id: id, txn: txn, fields: fields.map { JSON.Pair(key: $0.0, value: $0.1) })
    }

    static func event(_ op: String, txn: String?, _ fields: [(String, JSON)]) -> LaneLinkReply {
        LaneLinkReply(
            op: op, id: nil, txn: txn, fields: fields.map { JSON.Pair(key: $0.0, value: $0.1) })
    }

    static func error(_ failure: LaneLinkFailure) -> LaneLinkReply {
        LaneLinkReply.error(failure, txn: nil)
    }

    static func error(
        _ code: LaneLinkErrorCode, _ message: String, id: LaneLinkID, txn: String?
    ) -> LaneLinkReply {
        LaneLinkReply.error(id: id, txn: txn, code: code, message: message)
    }

    /// The stored form of a reply: everything but its `id`, which a retry replaces.
    static func stored(_ reply: LaneLinkReply) -> String {
        LaneLinkReply(op: reply.op, id: nil, txn: reply.txn, fields: reply.fields).serialized
    }

    /// A stored reply given back under the retry's `id`.
    static func restored(_ text: String, id: LaneLinkID) throws -> LaneLinkReply {
        let node = try JSONParser.parse(Array(text.utf8))
        guard case .object(let members) = node.value, let op = node["op"]?.stringValue else {
            throw LaneError("a stored reply is not a LaneLink object: \(text)")
        }
        let fields = members.filter { $0.key != "op" && $0.key != "txn" && $0.key != "id" }
            .map { JSON.Pair(key: $0.key, value: JSON($0.value)) }
        return LaneLinkReply(op: op, id: id, txn: node["txn"]?.stringValue, fields: fields)
    }

    /// A member as replies and events show it; the id is the store's number as `M<n>`.
    static func member(id: Int64, card: String, tier: String, balance: Int64) -> JSON {
        .object([
            JSON.Pair(key: "id", value: .string("M\(id)")),
            JSON.Pair(key: "card", value: .string(card)),
            JSON.Pair(key: "tier", value: .string(tier)),
            JSON.Pair(key: "balance", value: .number(String(balance))),
        ])
    }
}
