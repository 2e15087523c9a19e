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
        String(decoding: serializedBytes, as: UTF8.self)
    }

    /// `serialized` as UTF-8 bytes, written straight into one buffer (what goes on a wire).
    public var serializedBytes: [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(to: &output)
        return output
    }

    /// Appends `serializedBytes` to `output`.
    public func write(to output: inout [UInt8]) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let text): output.append(contentsOf: text.utf8)
        case .string(let text): JSON.writeString(text, to: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                element.write(to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let pairs):
            output.append(UInt8(ascii: "{"))
            for (index, pair) in pairs.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                JSON.writeString(pair.key, to: &output)
                output.append(UInt8(ascii: ":"))
                pair.value.write(to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// Writes `text` quoted, copying runs of bytes that need no escape at once. Only the
    /// quote, the backslash and bytes below 0x20 are escaped; every byte of a multi-byte
    /// UTF-8 sequence is 0x80 or above, so it is copied as it is.
    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func writeString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
                else { continue }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                runStart = index + 1
                output.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""): output.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): output.append(UInt8(ascii: "\\"))
                case 0x0A: output.append(UInt8(ascii: "n"))
                case 0x0D: output.append(UInt8(ascii: "r"))
                case 0x09: output.append(UInt8(ascii: "t"))
                default:
                    output.append(contentsOf: "u00".utf8)
                    output.append(hexDigits[Int(byte >> 4)])
                    output.append(hexDigits[Int(byte & 0x0F)])
                }
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
        output.append(UInt8(ascii: "\""))
    }
}
