import Testing

@testable import StrictJSON

private func parse(_ text: String, maxDepth: Int = 64) throws(JSONSyntaxError) -> JSONNode {
    try JSONParser.parse(Array(text.utf8), maxDepth: maxDepth)
}

private func syntaxError(_ bytes: [UInt8], maxDepth: Int = 64) -> JSONSyntaxError? {
    do {
        _ = try JSONParser.parse(bytes, maxDepth: maxDepth)
        return nil
    } catch {
        return error
    }
}

private func syntaxError(_ text: String) -> JSONSyntaxError? {
    syntaxError(Array(text.utf8))
}

@Suite struct JSONParserTests {
    @Test func readsEveryKindOfValueWithPositions() throws {
        let root = try parse("{\n  \"a\": [1, -0.5e+3, true],\n  \"b\": null, \"c\": \"x\"\n}")
        guard case .object(let members) = root.value else {
            Issue.record("expected an object")
            return
        }
        #expect(members.map(\.key) == ["a", "b", "c"])
        #expect(members[0].keyPosition == SourcePosition(line: 2, column: 3, offset: 4))
        #expect(members[0].value.position.description == "2:8")
        guard case .array(let elements) = members[0].value.value else {
            Issue.record("expected an array")
            return
        }
        guard case .number(let text) = elements[1].value else {
            Issue.record("expected a number")
            return
        }
        #expect(text == "-0.5e+3")
        #expect(elements[1].position.description == "2:12")
        #expect(elements[2].typeName == "a boolean")
        #expect(members[1].value.typeName == "null")
        #expect(members[2].value.position == SourcePosition(line: 3, column: 19, offset: 47))
        #expect(root["c"]?.stringValue == "x")
        #expect(root["zzz"] == nil)
    }

    @Test func keepsDuplicateMembersInOrder() throws {
        let root = try parse(#"{"k": 1, "k": 2}"#)
        guard case .object(let members) = root.value else {
            Issue.record("expected an object")
            return
        }
        #expect(members.count == 2)
        guard case .number(let first) = root["k"]?.value else {
            Issue.record("expected a number")
            return
        }
        #expect(first == "1")
    }

    @Test(arguments: ["0", "-0", "1.50", "2e3", "2E-3", "-12.5e+10", "123456789012345678901"])
    func keepsNumberText(_ text: String) throws {
        guard case .number(let kept) = try parse(text).value else {
            Issue.record("expected a number")
            return
        }
        #expect(kept == text)
    }

    @Test(arguments: [
        (#""a\"b\\c\/d""#, "a\"b\\c/d"),
        (#""\b\f\n\r\t""#, "\u{8}\u{C}\n\r\t"),
        (#""\u0041\u00e9\u20AC""#, "Aé€"),
        (#""\ud83d\ude00""#, "😀"),
        (#""\u0000""#, "\u{0}"),
        ("\"Zoë €5 😀\"", "Zoë €5 😀"),
    ])
    func decodesStringsAndEscapes(_ input: String, _ expected: String) throws {
        #expect(try parse(input).stringValue == expected)
    }

    /// Every RFC 8259 rejection, with the exact place and message.
    @Test(arguments: [
        ("", "1:1", "empty input: expected a JSON value"),
        ("   ", "1:4", "empty input: expected a JSON value"),
        ("{\"a\":1,}", "1:8", "trailing comma: expected a member after ','"),
        ("[1,2,]", "1:6", "trailing comma: expected a value after ','"),
        ("// hi\n{}", "1:1", "unexpected '/': comments are not allowed in JSON"),
        ("{\"a\": 1 /* c */}", "1:9", "expected ',' or '}' after a member, found '/'"),
        ("NaN", "1:1", "unexpected 'N': NaN and Infinity are not JSON numbers"),
        ("[Infinity]", "1:2", "unexpected 'I': NaN and Infinity are not JSON numbers"),
        ("-Infinity", "1:2", "expected a digit after '-'"),
        ("01", "1:1", "leading zeros are not allowed in a number"),
        ("[-012]", "1:2", "leading zeros are not allowed in a number"),
        ("1.", "1:3", "expected a digit after '.' in a number"),
        ("1.e5", "1:3", "expected a digit after '.' in a number"),
        ("1e", "1:3", "expected a digit in the exponent of a number"),
        ("1e+", "1:4", "expected a digit in the exponent of a number"),
        (".5", "1:1", "unexpected '.': a number must start with a digit, e.g. 0.5"),
        ("+1", "1:1", "unexpected '+': a number cannot start with '+'"),
        ("'a'", "1:1", "unexpected ''': strings must be in double quotes"),
        ("tru", "1:1", "invalid literal: expected true, false or null"),
        ("nulls", "1:1", "invalid literal: expected true, false or null"),
        ("True", "1:1", "unexpected 'T': expected a value"),
        (
            "\"a\tb\"", "1:3",
            "unescaped control character U+0009 in a string; write it as \\t"
        ),
        (
            "\"a\nb\"", "1:3",
            "unescaped control character U+000A in a string; write it as \\n"
        ),
        (
            "\"\u{1}\"", "1:2",
            "unescaped control character U+0001 in a string; write it as \\u0001"
        ),
        ("\"abc", "1:1", "unterminated string: no closing '\"' before the end"),
        ("\"abc\\", "1:1", "unterminated string: no closing '\"' before the end"),
        (
            #""\x41""#, "1:2",
            #"invalid escape '\x'; valid: \" \\ \/ \b \f \n \r \t \uXXXX"#
        ),
        (#""\u12G4""#, "1:2", #"invalid escape: \u must be followed by four hex digits"#),
        (
            #""\ud83d""#, "1:2",
            #"unpaired high surrogate \uD83D: a low surrogate \uDC00-\uDFFF must follow"#
        ),
        (
            #""\ud83d\u0041""#, "1:2",
            #"unpaired high surrogate \uD83D: a low surrogate \uDC00-\uDFFF must follow"#
        ),
        (
            #""\ude00""#, "1:2",
            #"unpaired low surrogate \uDE00: it must follow a high surrogate \uD800-\uDBFF"#
        ),
        ("{\"a\" 1}", "1:6", "expected ':' after the key \"a\", found '1'"),
        ("{1: 2}", "1:2", "expected a string key or '}', found '1'"),
        ("{\"a\": 1, 2}", "1:10", "expected a string key, found '2'"),
        ("[1 2]", "1:4", "expected ',' or ']' after an element, found '2'"),
        ("[1", "1:3", "unexpected end of input: expected ',' or ']' after an element"),
        ("{\"a\":", "1:6", "unexpected end of input: expected a value"),
        ("{} {}", "1:4", "unexpected '{' after the JSON value"),
        ("1 x", "1:3", "unexpected 'x' after the JSON value"),
        ("[]]", "1:3", "unexpected ']' after the JSON value"),
        ("\u{7}", "1:1", "unexpected U+0007: expected a value"),
        ("[\u{A0}1]", "1:2", "unexpected '\u{A0}': expected a value"),
    ])
    func refusesWithPosition(_ input: String, _ place: String, _ message: String) {
        let error = syntaxError(input)
        #expect(error?.position.description == place)
        #expect(error?.message == message)
    }

    @Test(
        arguments: [
            ([0x22, 0xFF, 0x22], "1:2", "0xFF"),  // never valid
            ([0x22, 0xC0, 0xAF, 0x22], "1:2", "0xC0"),  // overlong '/'
            ([0x22, 0xE0, 0x80, 0xAF, 0x22], "1:2", "0xE0"),  // overlong, 3 bytes
            ([0x22, 0xED, 0xA0, 0x80, 0x22], "1:2", "0xED"),  // an encoded surrogate
            ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], "1:2", "0xF4"),  // above U+10FFFF
            ([0x22, 0xC3, 0x22], "1:2", "0xC3"),  // truncated sequence
            ([0x22, 0x80, 0x22], "1:2", "0x80"),  // lone continuation byte
            ([0x22, 0xC3, 0xA9, 0xFE, 0x22], "1:3", "0xFE"),  // after a valid "é"
        ] as [([UInt8], String, String)])
    func refusesInvalidUTF8(_ bytes: [UInt8], _ place: String, _ byte: String) {
        let error = syntaxError(bytes)
        #expect(error?.position.description == place)
        #expect(error?.message == "invalid UTF-8 byte \(byte); save the file as UTF-8")
    }

    @Test func refusesInvalidUTF8OutsideStrings() {
        let error = syntaxError([0x5B, 0xFF, 0x5D])
        #expect(error?.message == "unexpected the invalid UTF-8 byte 0xFF: expected a value")
        #expect(error?.position.offset == 1)
    }

    @Test func refusesByteOrderMark() {
        let error = syntaxError([0xEF, 0xBB, 0xBF, 0x7B, 0x7D])
        #expect(
            error?.description == "1:1: a byte order mark (U+FEFF) starts the text; "
                + "save it as UTF-8 without a byte order mark")
    }

    @Test func countsColumnsInCharactersAfterMultiByteUTF8() throws {
        // "é" is 2 bytes, "€" 3, "😀" 4, and "e\u{301}" (e + combining acute) is 2
        // scalars in one character: each counts one column.
        let text = "{\"é€\": \"😀e\u{301}\", \"n\": 1,\n \"🇳🇱\": [true, x]}"
        let error = syntaxError(text)
        #expect(error?.position.description == "2:14")
        #expect(error?.position.offset == Array(text.utf8).firstIndex(of: UInt8(ascii: "x")))

        let valid = text.replacingOccurrences(of: "x", with: "2")
        let root = try parse(valid)
        guard case .object(let members) = root.value else {
            Issue.record("expected an object")
            return
        }
        #expect(members[0].value.position.description == "1:8")
        #expect(members[1].keyPosition.description == "1:14")
        #expect(members[1].keyPosition.offset == 21)
        #expect(members[1].value.position.description == "1:19")
        #expect(members[2].keyPosition.description == "2:2")
        #expect(members[2].value.position.description == "2:7")
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func countsLinesForEveryLineEnding(_ end: String) {
        let error = syntaxError("{" + end + "\"a\": 1," + end + end + "  }")
        #expect(error?.position.description == "4:3")
        #expect(error?.message == "trailing comma: expected a member after ','")
    }

    @Test func acceptsNestingUpToTheLimit() throws {
        let deepest = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        _ = try parse(deepest)
        let mixed =
            String(repeating: "{\"a\":[", count: 5) + "1"
            + String(repeating: "]}", count: 5)
        _ = try parse(mixed, maxDepth: 10)
    }

    @Test func refusesNestingBeyondTheLimit() {
        let tooDeep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        let error = syntaxError(tooDeep)
        #expect(error?.position.description == "1:65")
        #expect(error?.message == "arrays and objects nest deeper than 64 levels")

        let objects =
            String(repeating: "{\"a\":", count: 4) + "1"
            + String(repeating: "}", count: 4)
        #expect(syntaxError(Array(objects.utf8), maxDepth: 3)?.position.description == "1:16")
    }

    @Test func refusesVeryDeepInputWithoutExhaustingTheStack() {
        let bytes = [UInt8](repeating: UInt8(ascii: "["), count: 200_000)
        #expect(syntaxError(bytes)?.position.offset == 64)
    }

    @Test func errorDescriptionIsPlaceThenMessage() {
        let error = JSONSyntaxError(
            position: SourcePosition(line: 3, column: 17, offset: 40),
            message: "expected ',' or '}' after a member")
        #expect(error.description == "3:17: expected ',' or '}' after a member")
    }
}
