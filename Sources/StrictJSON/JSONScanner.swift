/// The recursive-descent reader behind `JSONParser`: walks the bytes once.
///
/// Positions of values are asked for in increasing order, so the column is counted
/// incrementally from the last position on the same line. Every value starts at an ASCII
/// byte that follows an ASCII byte, which is always a grapheme cluster boundary, so
/// counting characters piecewise gives the same column as counting the whole line.
struct JSONScanner {
    private let bytes: [UInt8]
    private let maxDepth: Int
    private var index = 0
    private var line = 1
    private var lineStart = 0
    private var mark = (offset: 0, column: 1)

    init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    mutating func document() throws(JSONSyntaxError) -> JSONNode {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            throw fault(
                at: 0,
                "a byte order mark (U+FEFF) starts the text; save it as "
                    + "UTF-8 without a byte order mark")
        }
        skipWhitespace()
        guard index < bytes.count else {
            throw fault(at: index, "empty input: expected a JSON value")
        }
        let root = try value(depth: 0)

        skipWhitespace()
        if index < bytes.count {
            throw fault(at: index, "unexpected \(describe(at: index)) after the JSON value")
        }
        return root
    }

    // MARK: Values

    private mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONNode {
        skipWhitespace()
        guard index < bytes.count else {
            throw fault(at: index, "unexpected end of input: expected a value")
        }
        let position = position(at: index)
        switch bytes[index] {
        case UInt8(ascii: "{"):
            return JSONNode(value: try object(depth: depth + 1), position: position)
        case UInt8(ascii: "["):
            return JSONNode(value: try array(depth: depth + 1), position: position)
        case UInt8(ascii: "\""):
            return JSONNode(value: .string(try string()), position: position)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONNode(value: .number(try number()), position: position)
        case UInt8(ascii: "t"):
            try literal("true")
            return JSONNode(value: .bool(true), position: position)
        case UInt8(ascii: "f"):
            try literal("false")
            return JSONNode(value: .bool(false), position: position)
        case UInt8(ascii: "n"):
            try literal("null")
            return JSONNode(value: .null, position: position)
        default:
            throw unexpectedValue(at: index)
        }
    }

    private mutating func object(depth: Int) throws(JSONSyntaxError) -> JSONNode.Value {
        try checkDepth(depth)
        index += 1
        var members: [JSONNode.Member] = []
        skipWhitespace()
        if peek == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }

        while true {
            skipWhitespace()
            guard peek == UInt8(ascii: "\"") else {
                if members.isEmpty {
                    throw expected(at: index, "a string key or '}'")
                }
                if peek == UInt8(ascii: "}") {
                    throw fault(at: index, "trailing comma: expected a member after ','")
                }
                throw expected(at: index, "a string key")
            }
            let keyPosition = position(at: index)
            let key = try string()

            skipWhitespace()
            guard peek == UInt8(ascii: ":") else {
                throw expected(at: index, "':' after the key \"\(key)\"")
            }
            index += 1
            let member = try value(depth: depth)
            members.append(JSONNode.Member(key: key, keyPosition: keyPosition, value: member))

            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","):
                index += 1
            case UInt8(ascii: "}"):
                index += 1
                return .object(members)
            default:
                throw expected(at: index, "',' or '}' after a member")
            }
        }
    }

    private mutating func array(depth: Int) throws(JSONSyntaxError) -> JSONNode.Value {
        try checkDepth(depth)
        index += 1
        var elements: [JSONNode] = []
        skipWhitespace()
        if peek == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }

        while true {
            skipWhitespace()
            if peek == UInt8(ascii: "]") {
                throw fault(at: index, "trailing comma: expected a value after ','")
            }
            elements.append(try value(depth: depth))

            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","):
                index += 1
            case UInt8(ascii: "]"):
                index += 1
                return .array(elements)
            default:
                throw expected(at: index, "',' or ']' after an element")
            }
        }
    }

    private func checkDepth(_ depth: Int) throws(JSONSyntaxError) {
        if depth > maxDepth {
            throw fault(at: index, "arrays and objects nest deeper than \(maxDepth) levels")
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let start = index
        let expected = word.withUTF8Buffer { Array($0) }
        for byte in expected {
            guard peek == byte else {
                throw fault(at: start, "invalid literal: expected true, false or null")
            }
            index += 1
        }
        if let next = peek, isIdentifierByte(next) {
            throw fault(at: start, "invalid literal: expected true, false or null")
        }
    }

    // MARK: Numbers

    /// Reads `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` (RFC 8259 §6).
    private mutating func number() throws(JSONSyntaxError) -> String {
        let start = index
        if peek == UInt8(ascii: "-") {
            index += 1
            guard let next = peek, isDigit(next) else {
                throw fault(at: index, "expected a digit after '-'")
            }
        }
        if peek == UInt8(ascii: "0") {
            index += 1
            if let next = peek, isDigit(next) {
                throw fault(at: start, "leading zeros are not allowed in a number")
            }
        } else {
            skipDigits()
        }

        if peek == UInt8(ascii: ".") {
            index += 1
            guard let next = peek, isDigit(next) else {
                throw fault(at: index, "expected a digit after '.' in a number")
            }
            skipDigits()
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            index += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
            guard let next = peek, isDigit(next) else {
                throw fault(at: index, "expected a digit in the exponent of a number")
            }
            skipDigits()
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func skipDigits() {
        while let byte = peek, isDigit(byte) { index += 1 }
    }

    // MARK: Strings

    /// Reads a string from its opening quote; checks UTF-8 and escapes (RFC 8259 §7).
    private mutating func string() throws(JSONSyntaxError) -> String {
        let opening = index
        index += 1
        var utf8: [UInt8] = []
        var runStart = index

        while true {
            guard index < bytes.count else {
                throw fault(at: opening, "unterminated string: no closing '\"' before the end")
            }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                utf8.append(contentsOf: bytes[runStart..<index])
                index += 1
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                utf8.append(contentsOf: bytes[runStart..<index])
                try escape(into: &utf8, opening: opening)
                runStart = index
            case 0x00..<0x20:
                throw fault(
                    at: index,
                    "unescaped control character \(scalarName(byte)) in "
                        + "a string; write it as \(escapeHint(byte))")
            case 0x20..<0x80:
                index += 1
            default:
                index += try utf8SequenceLength(at: index)
            }
        }
    }

    private mutating func escape(
        into utf8: inout [UInt8], opening: Int
    ) throws(JSONSyntaxError) {
        let start = index
        index += 1
        guard let kind = peek else {
            throw fault(at: opening, "unterminated string: no closing '\"' before the end")
        }
        let simple: UInt8? =
            switch kind {
            case UInt8(ascii: "\""): 0x22
            case UInt8(ascii: "\\"): 0x5C
            case UInt8(ascii: "/"): 0x2F
            case UInt8(ascii: "b"): 0x08
            case UInt8(ascii: "f"): 0x0C
            case UInt8(ascii: "n"): 0x0A
            case UInt8(ascii: "r"): 0x0D
            case UInt8(ascii: "t"): 0x09
            default: nil
            }
        if let simple {
            utf8.append(simple)
            index += 1
            return
        }
        guard kind == UInt8(ascii: "u") else {
            throw fault(
                at: start,
                "invalid escape \(describeEscape(at: start)); valid: "
                    + "\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
        }

        let unit = try hexUnit(at: start)
        var scalarValue = UInt32(unit)
        if (0xD800...0xDBFF).contains(unit) {
            let low = index
            guard peek == UInt8(ascii: "\\"), byte(at: index + 1) == UInt8(ascii: "u") else {
                throw fault(
                    at: start,
                    "unpaired high surrogate \(hexName(unit)): a low "
                        + "surrogate \\uDC00-\\uDFFF must follow")
            }
            let second = try hexUnit(at: low)
            guard (0xDC00...0xDFFF).contains(second) else {
                throw fault(
                    at: start,
                    "unpaired high surrogate \(hexName(unit)): a low "
                        + "surrogate \\uDC00-\\uDFFF must follow")
            }
            scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(second) - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(unit) {
            throw fault(
                at: start,
                "unpaired low surrogate \(hexName(unit)): it must follow "
                    + "a high surrogate \\uD800-\\uDBFF")
        }
        // Every value here is a scalar: surrogates were joined or refused above.
        utf8.append(contentsOf: String(Unicode.Scalar(scalarValue)!).utf8)
    }

    /// Reads `\uXXXX` starting at the backslash at `start`; leaves `index` after it.
    private mutating func hexUnit(at start: Int) throws(JSONSyntaxError) -> UInt16 {
        index = start + 2
        var unit: UInt16 = 0
        for _ in 0..<4 {
            guard let byte = peek, let digit = hexValue(byte) else {
                throw fault(
                    at: start,
                    "invalid escape: \\u must be followed by four hex "
                        + "digits")
            }
            unit = unit << 4 | UInt16(digit)
            index += 1
        }
        return unit
    }

    /// The length of the valid UTF-8 sequence at `offset` (RFC 3629 §4), or a fault.
    private func utf8SequenceLength(at offset: Int) throws(JSONSyntaxError) -> Int {
        let lead = bytes[offset]
        let length: Int
        var range: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; range = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; range = 0x80...0x9F
        case 0xF0: length = 4; range = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; range = 0x80...0x8F
        default: throw invalidUTF8(at: offset)
        }
        for position in offset + 1..<offset + length {
            guard let next = byte(at: position) else { throw invalidUTF8(at: offset) }
            let allowed = position == offset + 1 ? range : 0x80...0xBF
            guard allowed.contains(next) else { throw invalidUTF8(at: offset) }
        }
        return length
    }

    private func invalidUTF8(at offset: Int) -> JSONSyntaxError {
        fault(
            at: offset,
            "invalid UTF-8 byte \(hexByte(bytes[offset])); save the file as "
                + "UTF-8")
    }

    // MARK: Whitespace and positions

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                index += 1
            case UInt8(ascii: "\n"):
                index += 1
                newLine()
            case UInt8(ascii: "\r"):
                index += 1
                if peek == UInt8(ascii: "\n") { index += 1 }
                newLine()
            default:
                return
            }
        }
    }

    private mutating func newLine() {
        line += 1
        lineStart = index
    }

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private func byte(at offset: Int) -> UInt8? {
        offset < bytes.count ? bytes[offset] : nil
    }

    /// The position of `offset` on the current line, counted from the last one asked.
    private mutating func position(at offset: Int) -> SourcePosition {
        if mark.offset < lineStart { mark = (lineStart, 1) }
        let column = mark.column + characterCount(from: mark.offset, to: offset)
        mark = (offset, column)
        return SourcePosition(line: line, column: column, offset: offset)
    }

    private func characterCount(from start: Int, to end: Int) -> Int {
        let slice = bytes[start..<end]
        if slice.allSatisfy({ $0 < 0x80 }) { return slice.count }
        return String(decoding: slice, as: UTF8.self).count
    }

    /// A fault at any offset on the current line, counted from the line's start.
    private func fault(at offset: Int, _ message: String) -> JSONSyntaxError {
        let column = characterCount(from: lineStart, to: min(offset, bytes.count)) + 1
        let position = SourcePosition(line: line, column: column, offset: offset)
        return JSONSyntaxError(position: position, message: message)
    }

    private func expected(at offset: Int, _ what: String) -> JSONSyntaxError {
        guard offset < bytes.count else {
            return fault(at: offset, "unexpected end of input: expected \(what)")
        }
        return fault(at: offset, "expected \(what), found \(describe(at: offset))")
    }

    private func unexpectedValue(at offset: Int) -> JSONSyntaxError {
        let byte = bytes[offset]
        let found = describe(at: offset)
        let hint: String =
            switch byte {
            case UInt8(ascii: "/"): "comments are not allowed in JSON"
            case UInt8(ascii: "'"): "strings must be in double quotes"
            case UInt8(ascii: "N"), UInt8(ascii: "I"): "NaN and Infinity are not JSON numbers"
            case UInt8(ascii: "+"): "a number cannot start with '+'"
            case UInt8(ascii: "."): "a number must start with a digit, e.g. 0.5"
            case UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: ","): "expected a value"
            default: "expected a value"
            }
        return fault(at: offset, "unexpected \(found): \(hint)")
    }

    /// The byte or character at `offset` in words, e.g. `'x'`, `'é'`, `U+0007`.
    private func describe(at offset: Int) -> String {
        let byte = bytes[offset]
        if byte < 0x20 || byte == 0x7F { return scalarName(byte) }
        if byte < 0x80 { return "'\(Character(Unicode.Scalar(byte)))'" }
        guard let length = try? utf8SequenceLength(at: offset) else {
            return "the invalid UTF-8 byte \(hexByte(byte))"
        }
        let text = String(decoding: bytes[offset..<offset + length], as: UTF8.self)
        return "'\(text)'"
    }

    private func describeEscape(at offset: Int) -> String {
        guard let next = byte(at: offset + 1), next >= 0x20, next < 0x7F else {
            return "'\\'"
        }
        return "'\\\(Character(Unicode.Scalar(next)))'"
    }
}

private func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
}

private func isIdentifierByte(_ byte: UInt8) -> Bool {
    isDigit(byte) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
        || byte == UInt8(ascii: "_")
}

private func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
}

private let hexDigits = Array("0123456789ABCDEF".utf8)

private func hexByte(_ byte: UInt8) -> String {
    "0x"
        + String(
            decoding: [hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]],
            as: UTF8.self)
}

private func hexName(_ unit: UInt16) -> String {
    let digits = (0..<4).reversed().map { hexDigits[Int(unit >> ($0 * 4) & 0xF)] }
    return "\\u" + String(decoding: digits, as: UTF8.self)
}

private func scalarName(_ byte: UInt8) -> String {
    "U+00"
        + String(
            decoding: [hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]],
            as: UTF8.self)
}

private func escapeHint(_ byte: UInt8) -> String {
    switch byte {
    case 0x0A: "\\n"
    case 0x0D: "\\r"
    case 0x09: "\\t"
    case 0x08: "\\b"
    case 0x0C: "\\f"
    default:
        "\\u00"
            + String(
                decoding: [
                    hexDigits[Int(byte >> 4)],
                    hexDigits[Int(byte & 0xF)],
                ], as: UTF8.self)
    }
}
