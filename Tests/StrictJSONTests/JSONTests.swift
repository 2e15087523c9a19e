import Testing

@testable import StrictJSON

@Suite struct JSONTests {
    @Test func serializesCompactlyInTheOrderGiven() {
        let value = JSON.object([
            "op": .string("quote"), "id": .number("7"), "txn": .null,
            "earn": .number("12"), "ok": .bool(true), "no": .bool(false),
            "list": .array([.string("a"), .object([:])]), "empty": .array([]),
        ])
        #expect(
            value.serialized
                == #"{"op":"quote","id":7,"txn":null,"earn":12,"ok":true,"no":false,"#
                + #""list":["a",{}],"empty":[]}"#)
    }

    @Test(arguments: [
        ("a\"b\\c", #""a\"b\\c""#),
        ("\n\r\t", #""\n\r\t""#),
        ("\u{0}\u{1F}\u{8}\u{C}", #""\u0000\u001f\u0008\u000c""#),
        ("/é€😀", "\"/é€😀\""),
        ("\u{7F}", "\"\u{7F}\""),
    ])
    func escapesStrings(_ text: String, _ expected: String) {
        #expect(JSON.string(text).serialized == expected)
    }

    @Test func roundTripsAParsedDocument() throws {
        let text = #"{"b":[1.50,-0,2e3,"x\n"],"a":{"k":null,"k":true}}"#
        let node = try JSONParser.parse(Array(text.utf8))
        #expect(JSON(node).serialized == text)
        #expect(JSON(node) == JSON(try JSONParser.parse(Array(text.utf8))))
    }

    @Test func serializedStringsParseBackToTheSameText() throws {
        let text = "tab\there \u{1} \"quoted\" \\ Zoë"
        let parsed = try JSONParser.parse(Array(JSON.string(text).serialized.utf8))
        #expect(parsed.stringValue == text)
    }
}
