import Foundation
import POSProtocols
import StrictJSON

/// Builds LaneLink reply and event objects with a stable key order: `op`, `id`, `txn`, then
/// the fields. `protocols/lanelink-v1.md` lists every field.
enum LaneReply {
    static func reply(
        _ op: String, id: LaneLinkID, txn: String?, _ fields: [(String, JSON)] = []
    ) -> JSON {
        var pairs = [JSON.Pair(key: "op", value: .string(op)), JSON.Pair(key: "id", value: id.json)]
        if let txn { pairs.append(JSON.Pair(key: "txn", value: .string(txn))) }
        pairs += fields.map { JSON.Pair(key: $0.0, value: $0.1) }
        return .object(pairs)
    }

    static func event(_ op: String, txn: String?, _ fields: [(String, JSON)]) -> JSON {
        var pairs = [JSON.Pair(key: "op", value: .string(op))]
        if let txn { pairs.append(JSON.Pair(key: "txn", value: .string(txn))) }
        pairs += fields.map { JSON.Pair(key: $0.0, value: $0.1) }
        return .object(pairs)
    }

    static func error(_ failure: LaneLinkFailure) -> JSON {
        error(failure.code, failure.message, id: failure.id, txn: nil)
    }

    static func error(
        _ code: LaneLinkErrorCode, _ message: String, id: LaneLinkID, txn: String?
    ) -> JSON {
        reply("error", id: id, txn: txn, [
            ("code", .string(code.rawValue)), ("message", .string(message)),
        ])
    }

    /// The stored form of a reply: everything but its `id`, which a retry replaces.
    static func stored(_ reply: JSON) -> String {
        guard case .object(let pairs) = reply else { return reply.serialized }
        return JSON.object(pairs.filter { $0.key != "id" }).serialized
    }

    /// A stored reply given back under the retry's `id`.
    static func restored(_ text: String, id: LaneLinkID) -> JSON {
        guard let node = try? JSONParser.parse(Array(text.utf8)),
            case .object(var pairs) = JSON(node)
        else { return .string(text) }
        pairs.insert(JSON.Pair(key: "id", value: id.json), at: min(1, pairs.count))
        return .object(pairs)
    }
}
