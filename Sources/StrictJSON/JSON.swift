/// A JSON value to write: deterministic output for replies and canonical forms.
///
/// Keys come out in the order given; numbers come out as their text, so a decimal or a
/// point count is written exactly as the caller formatted it.
public indirect enum JSON: Sendable, Equatable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number's literal text, written as is (it must be a valid JSON number).
    case number(String)
    /// A string, escaped when written.
    case string(String)
    /// An array.
    case array([JSON])
    /// An object, its members in the order given.
    case object([Pair])

    /// One member of an object.
    public struct Pair: Sendable, Equatable {
        /// The key.
        public let key: String
        /// The value.
        public let value: JSON

        /// Makes a member.
        public init(key: String, value: JSON) {
            self.key = key
            self.value = value
        }
    }

    /// The value of a parsed node, numbers as written and members in source order.
    public init(_ node: JSONNode) {
        switch node.value {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .number(let text): self = .number(text)
        case .string(let text): self = .string(text)
        case .array(let elements): self = .array(elements.map(JSON.init))
        case .object(let members):
            self = .object(members.map { Pair(key: $0.key, value: JSON($0.value)) })
        }
    }

    /// An object from a literal list of members, in that order.
    public static func object(_ pairs: KeyValuePairs<String, JSON>) -> JSON {
        .object(pairs.map { Pair(key: $0.key, value: $0.value) })
    }

    /// Compact JSON text: no spaces; `\"`, `\\`, `\n`, `\r`, `\t` escaped, `\u00XX` for
    /// the other control characters, everything else (non-ASCII included) as UTF-8.
    public var serialized: String {
        var output = ""
        write(to: &output)
        return output
    }

    private func write(to output: inout String) {
        switch self {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .number(let text): output += text
        case .string(let text): JSON.writeString(text, to: &output)
        case .array(let elements):
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                element.write(to: &output)
            }
            output += "]"
        case .object(let pairs):
            output += "{"
            for (index, pair) in pairs.enumerated() {
                if index > 0 { output += "," }
                JSON.writeString(pair.key, to: &output)
                output += ":"
                pair.value.write(to: &output)
            }
            output += "}"
        }
    }

    private static func writeString(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{0}"..."\u{1F}":
                let hex = String(scalar.value, radix: 16)
                output += "\\u00" + (hex.count == 1 ? "0" + hex : hex)
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
