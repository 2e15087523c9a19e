/// Reads one JSON object's members and reports what is wrong with them.
///
/// Made by `JSONValidation.object(_:path:)` or `object(_:)`. Duplicate keys are reported
/// when the reader is made; every key never asked for (by any accessor, `has` and `node`
/// included) is reported as unknown by `finish()`, with the keys asked for listed as
/// valid in the order they were asked. Problems are placed as follows: a wrong type,
/// range or choice at the value, with the member's path (`$.devices[1].port`); an
/// unknown or duplicate key at the key, with the member's path; a missing key at the
/// object's opening brace, with the object's path (`$.devices[1]`).
public final class JSONObjectReader {
    /// The object read.
    public let node: JSONNode
    /// The object's JSON path, e.g. `$.devices[1]`.
    public let path: String
    private unowned let validation: JSONValidation
    private let members: [JSONNode.Member]
    private var asked: [String] = []
    private var finished = false

    init(node: JSONNode, path: String, validation: JSONValidation) {
        self.node = node
        self.path = path
        self.validation = validation
        if case .object(let members) = node.value {
            self.members = members
        } else {
            self.members = []
        }
        validation.register(self)

        reportDuplicateKeys()
    }

    /// Reports each key that comes again, at the repeat, naming the first.
    private func reportDuplicateKeys() {
        // A request's objects have a handful of members: comparing each key with the ones
        // before it is cheaper than hashing them all, and a dictionary is kept for the
        // rare large object.
        guard members.count > 16 else {
            for (index, member) in members.enumerated() {
                if let earlier = members[..<index].first(where: { $0.key == member.key }) {
                    reportDuplicate(member, firstAt: earlier.keyPosition)
                }
            }
            return
        }
        var first: [String: SourcePosition] = [:]
        for member in members {
            if let earlier = first[member.key] {
                reportDuplicate(member, firstAt: earlier)
            } else {
                first[member.key] = member.keyPosition
            }
        }
    }

    private func reportDuplicate(_ member: JSONNode.Member, firstAt earlier: SourcePosition) {
        validation.report(
            "duplicate key \(quoted(member.key)) (first at \(earlier))",
            at: member.keyPosition, path: memberPath(member.key))
    }

    /// Whether the object has the key; marks the key as known.
    public func has(_ key: String) -> Bool {
        lookup(key) != nil
    }

    /// A string member; reports a missing key (when required) or another type.
    public func string(_ key: String, required: Bool = true) -> String? {
        guard let value = present(key, required: required) else { return nil }
        guard case .string(let text) = value.value else {
            return wrongType(key, value, expected: "a string")
        }
        return text
    }

    /// An integer member written without fraction or exponent, within `range` if given.
    public func integer(
        _ key: String, required: Bool = true, range: ClosedRange<Int>? = nil
    ) -> Int? {
        guard let value = present(key, required: required) else { return nil }
        guard case .number(let text) = value.value else {
            return wrongType(key, value, expected: "an integer")
        }
        guard isIntegerLiteral(text) else {
            report("expected an integer, found \(text)", key: key)
            return nil
        }
        guard let number = Int(text) else {
            let limits = range.map { " (valid: \($0.lowerBound)...\($0.upperBound))" } ?? ""
            report("\(text) is out of range\(limits)", key: key)
            return nil
        }
        if let range, !range.contains(number) {
            report(
                "\(number) is out of range (valid: \(range.lowerBound)...\(range.upperBound))",
                key: key)
            return nil
        }
        return number
    }

    /// A decimal carried as a JSON string ("1.00"); `true`, `1.00` (a number) and "1e3"
    /// are refused. The text is returned as written.
    public func decimalString(_ key: String, required: Bool = true) -> String? {
        guard let value = present(key, required: required) else { return nil }
        guard case .string(let text) = value.value else {
            return wrongType(key, value, expected: "a decimal string such as \"1.00\"")
        }
        guard isDecimalText(text) else {
            report("\(quoted(text)) is not a decimal string such as \"1.00\"", key: key)
            return nil
        }
        return text
    }

    /// A boolean member.
    public func bool(_ key: String, required: Bool = true) -> Bool? {
        guard let value = present(key, required: required) else { return nil }
        guard case .bool(let flag) = value.value else {
            return wrongType(key, value, expected: "a boolean")
        }
        return flag
    }

    /// A string member that must be one of `allowed`.
    public func choice(_ key: String, of allowed: [String], required: Bool = true) -> String? {
        guard let text = string(key, required: required) else { return nil }
        guard allowed.contains(text) else {
            report(
                "\(quoted(text)) is not allowed (valid: \(allowed.joined(separator: ", ")))",
                key: key)
            return nil
        }
        return text
    }

    /// An object member as a reader with the member's path.
    public func object(_ key: String, required: Bool = true) -> JSONObjectReader? {
        guard let value = present(key, required: required) else { return nil }
        guard case .object = value.value else {
            return wrongType(key, value, expected: "an object")
        }
        return JSONObjectReader(node: value, path: memberPath(key), validation: validation)
    }

    /// An array member's elements, each with its path (`$.devices[0]`).
    public func array(_ key: String, required: Bool = true) -> [(path: String, node: JSONNode)]? {
        guard let value = present(key, required: required) else { return nil }
        guard case .array(let elements) = value.value else {
            return wrongType(key, value, expected: "an array")
        }
        let base = memberPath(key)
        return elements.enumerated().map { (path: "\(base)[\($0.offset)]", node: $0.element) }
    }

    /// An array of objects as readers; an element of another type is reported and skipped.
    public func objects(_ key: String, required: Bool = true) -> [JSONObjectReader]? {
        guard let elements = array(key, required: required) else { return nil }
        return elements.compactMap { validation.object($0.node, path: $0.path) }
    }

    /// An array of strings; an element of another type is reported and skipped.
    public func strings(_ key: String, required: Bool = true) -> [String]? {
        guard let elements = array(key, required: required) else { return nil }
        return elements.compactMap { element in
            guard case .string(let text) = element.node.value else {
                validation.report(
                    "expected a string, found \(element.node.typeName)",
                    at: element.node.position, path: element.path)
                return nil
            }
            return text
        }
    }

    /// The member's raw value, or nil when absent; marks the key as known.
    public func node(_ key: String) -> JSONNode? {
        lookup(key)
    }

    /// Reports a problem at that member's value (at the object's brace when absent).
    public func report(_ message: String, key: String) {
        let position = members.first { $0.key == key }?.value.position ?? node.position
        validation.report(message, at: position, path: memberPath(key))
    }

    /// The object's members in source order; marks every key as known (for maps whose keys
    /// are data, such as a profile's `sources`).
    public func allMembers() -> [JSONNode.Member] {
        for member in members where !asked.contains(member.key) { asked.append(member.key) }
        return members
    }

    /// Reports a problem at any position inside this object, such as an array element.
    public func report(_ message: String, at position: SourcePosition, path: String) {
        validation.report(message, at: position, path: path)
    }

    /// Reports every key never asked for as unknown. Runs once; later calls do nothing.
    public func finish() {
        guard !finished else { return }
        finished = true
        let valid =
            asked.isEmpty
            ? "no keys are valid here"
            : "valid: " + asked.joined(separator: ", ")
        var seen: Set<String> = []
        for member in members where !asked.contains(member.key) {
            guard seen.insert(member.key).inserted else { continue }
            let guess = likelyMeant(member.key).map { ": did you mean \(quoted($0))?" } ?? ""
            validation.report(
                "unknown key \(quoted(member.key))\(guess) (\(valid))",
                at: member.keyPosition, path: memberPath(member.key))
        }
    }

    // MARK: Helpers

    /// The one valid key `key` was most likely meant to be: the same but for case, or the
    /// only valid key it begins (`busyTimeout` for `busyTimeoutMs`) or that begins it.
    private func likelyMeant(_ key: String) -> String? {
        let lowered = key.lowercased()
        if let same = asked.first(where: { $0.lowercased() == lowered }) { return same }
        let related = asked.filter {
            let candidate = $0.lowercased()
            return candidate.hasPrefix(lowered) || lowered.hasPrefix(candidate)
        }
        return related.count == 1 && key.count >= 3 ? related[0] : nil
    }

    private func lookup(_ key: String) -> JSONNode? {
        if !asked.contains(key) { asked.append(key) }
        return members.first { $0.key == key }?.value
    }

    private func present(_ key: String, required: Bool) -> JSONNode? {
        guard let value = lookup(key) else {
            if required {
                validation.report(
                    "missing required key \(quoted(key))", at: node.position,
                    path: path)
            }
            return nil
        }
        return value
    }

    private func wrongType<T>(_ key: String, _ value: JSONNode, expected: String) -> T? {
        validation.report(
            "expected \(expected), found \(value.typeName)", at: value.position,
            path: memberPath(key))
        return nil
    }

    private func memberPath(_ key: String) -> String {
        JSONPath.member(key, of: path)
    }
}

/// Builds JSON paths: `$.name` for identifier-like keys, `$["odd key"]` otherwise.
package enum JSONPath {
    /// The path of member `key` inside the value at `path`.
    package static func member(_ key: String, of path: String) -> String {
        let isIdentifier =
            !key.isEmpty
            && key.unicodeScalars.enumerated().allSatisfy {
                let scalar = $0.element
                let letter =
                    ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                    || scalar == "_"
                return letter || ($0.offset > 0 && ("0"..."9").contains(scalar))
            }
        return isIdentifier ? "\(path).\(key)" : "\(path)[\(JSON.string(key).serialized)]"
    }
}

/// A key or value in double quotes with JSON escapes, for messages.
func quoted(_ text: String) -> String {
    JSON.string(text).serialized
}

/// `-? digits (. digits)?`: the decimal strings the wire formats carry.
package func isDecimalText(_ text: String) -> Bool {
    var bytes = Substring(text).utf8[...]
    if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
    let whole = bytes.prefix { $0 >= 0x30 && $0 <= 0x39 }
    guard !whole.isEmpty else { return false }
    bytes = bytes.dropFirst(whole.count)
    if bytes.isEmpty { return true }
    guard bytes.first == UInt8(ascii: ".") else { return false }
    let fraction = bytes.dropFirst()
    return !fraction.isEmpty && fraction.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
}

/// `-? digits`: a JSON number literal with no fraction and no exponent.
private func isIntegerLiteral(_ text: String) -> Bool {
    let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
    return !digits.isEmpty && digits.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
}
