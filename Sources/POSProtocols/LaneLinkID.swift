import StrictJSON

/// A request's `id` as the POS wrote it: the raw JSON text of a string or a number.
///
/// Echoed byte for byte, so `"A-1"`, `17`, `1.0` and `"\u0041"` come back exactly as
/// sent. `null` stands for the id of a line that could not be read.
public struct LaneLinkID: Sendable, Hashable, CustomStringConvertible {
    /// The JSON text: a string with its quotes and escapes, a number, or `null`.
    public let json: String

    private init(verbatim: String) {
        self.json = verbatim
    }

    /// The id of a line that could not be read: `null`.
    public static let null = LaneLinkID(verbatim: "null")

    /// An id that is a JSON string with this value.
    public static func string(_ value: String) -> LaneLinkID {
        LaneLinkID(verbatim: JSON.string(value).serialized)
    }

    /// An id that is a JSON integer.
    public static func number(_ value: Int) -> LaneLinkID {
        LaneLinkID(verbatim: String(value))
    }

    /// The id from its JSON text, when that text is one JSON string or number.
    public init?(json text: String) {
        guard let node = try? JSONParser.parse(Array(text.utf8), maxDepth: 1) else {
            return nil
        }
        switch node.value {
        case .string, .number:
            self.init(verbatim: text.trimmingWhitespace())
        default:
            return nil
        }
    }

    /// Whether this is the `null` of an unreadable line.
    public var isNull: Bool { json == "null" }

    /// The id as it goes on the wire.
    var value: JSON { .number(json) }  // `.number` writes its text verbatim

    /// The JSON text.
    public var description: String { json }
}

extension LaneLinkID {
    /// The id of `node`, its raw text cut from `line`; nil unless a string or a number.
    init?(node: JSONNode, in line: [UInt8]) {
        let start = node.position.offset
        var end = start
        switch node.value {
        case .string:
            end += 1
            var escaped = false
            while end < line.count {
                let byte = line[end]
                end += 1
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    break
                }
            }
        case .number(let text):
            end += text.utf8.count
        default:
            return nil
        }
        self.init(verbatim: String(decoding: line[start..<end], as: UTF8.self))
    }
}

private extension String {
    func trimmingWhitespace() -> String {
        let space: Set<Character> = [" ", "\t", "\n", "\r"]
        var text = Substring(self)
        while let first = text.first, space.contains(first) { text = text.dropFirst() }
        while let last = text.last, space.contains(last) { text = text.dropLast() }
        return String(text)
    }
}
