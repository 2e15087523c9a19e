/// One parsed JSON value with the position of its first character.
public struct JSONNode: Sendable {
    /// What the value is.
    public let value: Value
    /// Where the value starts (its first byte: `{`, `[`, `"`, a digit, `-`, `t`, `f`, `n`).
    public let position: SourcePosition

    /// Makes a node; the parser makes them, tests and tools may too.
    public init(value: Value, position: SourcePosition) {
        self.value = value
        self.position = position
    }

    /// A JSON value as written, numbers kept as their literal text.
    public indirect enum Value: Sendable {
        /// `null`.
        case null
        /// `true` or `false`.
        case bool(Bool)
        /// The literal text as written, e.g. "1.50", "-0", "2e3".
        case number(String)
        /// A string with its escapes resolved.
        case string(String)
        /// An array's elements in order.
        case array([JSONNode])
        /// An object's members in source order, duplicates kept.
        case object([Member])
    }

    /// One `"key": value` member of an object.
    public struct Member: Sendable {
        /// The key with its escapes resolved.
        public let key: String
        /// Where the key's opening quote is.
        public let keyPosition: SourcePosition
        /// The member's value.
        public let value: JSONNode

        /// Makes a member.
        public init(key: String, keyPosition: SourcePosition, value: JSONNode) {
            self.key = key
            self.keyPosition = keyPosition
            self.value = value
        }
    }

    /// The kind of value in words, for messages: "null", "a boolean", "a number",
    /// "a string", "an array", "an object".
    public var typeName: String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// The value of the first member with that key, when this node is an object.
    public subscript(key: String) -> JSONNode? {
        guard case .object(let members) = value else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The string, when this node is a string.
    public var stringValue: String? {
        guard case .string(let text) = value else { return nil }
        return text
    }
}
