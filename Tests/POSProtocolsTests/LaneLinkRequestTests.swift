import Foundation
import Testing

@testable import POSProtocols

private func decode(_ text: String) throws(LaneLinkFailure) -> LaneLinkRequest {
    try LaneLinkRequest.decode(Array(text.utf8))
}

private func failure(_ text: String) -> LaneLinkFailure? {
    do {
        _ = try decode(text)
        return nil
    } catch {
        return error
    }
}

@Suite struct LaneLinkRequestTests {
    @Test func decodesOpen() throws {
        let request = try decode(
            #"{"op":"open","id":1,"txn":"T1","at":"2024-05-02T14:03:11+02:00","cashier":"c7"}"#)
        #expect(request.op == .open)
        #expect(request.id.json == "1")
        #expect(request.txn == "T1")
        guard case .open(let open) = request.body else {
            Issue.record("expected open")
            return
        }
        #expect(open.at.text == "2024-05-02T14:03:11+02:00")
        #expect(open.at.date == Date(timeIntervalSince1970: 1_714_651_391))
        #expect(open.cashier == "c7")
    }

    @Test func decodesItemWithLineNumbersNormalized() throws {
        let request = try decode(
            #"{"op":"item","id":"a","txn":"T1","line":3,"sku":"8712345"#
                + #"678906","qty":"0.750","price":"2.49","category":"bakery"}"#)
        #expect(
            request.body
                == .item(
                    LaneLinkRequest.Item(
                        line: "3", sku: "8712345678906", qty: "0.750", price: "2.49",
                        category: "bakery")))
        let plain = try decode(
            #"{"op":"item","id":2,"txn":"T1","line":"3","sku":"x","qty":"2","price":"0"}"#)
        #expect(
            plain.body
                == .item(
                    LaneLinkRequest.Item(
                        line: "3", sku: "x", qty: "2", price: "0", category: nil)))
    }

    /// `category` is the one string the spec lets be empty: "" is no category, as the key
    /// left out is; every other string field still refuses "".
    @Test func anEmptyCategoryIsNoCategory() throws {
        let request = try decode(
            #"{"op":"item","id":2,"txn":"T1","line":"3","sku":"x","qty":"2","price":"0","#
                + #""category":""}"#)
        #expect(
            request.body
                == .item(
                    LaneLinkRequest.Item(
                        line: "3", sku: "x", qty: "2", price: "0", category: nil)))
        #expect(
            failure(#"{"op":"item","id":2,"txn":"T1","line":"3","sku":"","qty":"2","price":"0"}"#)?
                .message == #""sku" must not be empty"#)
        #expect(
            failure(
                #"{"op":"item","id":2,"txn":"T1","line":"3","sku":"x","qty":"2","price":"0","#
                    + #""category":7}"#)?.message == #""category" must be a string, found a number"#
        )
    }

    @Test func decodesIdentifyVoucherQuoteCancel() throws {
        #expect(
            try decode(#"{"op":"identify","id":3,"txn":"T1","card":"2900000000001"}"#)
                .body == .identify(card: "2900000000001"))
        #expect(
            try decode(#"{"op":"voucher","id":4,"txn":"T1","code":"9912345"}"#)
                .body == .voucher(code: "9912345"))
        #expect(try decode(#"{"op":"quote","id":5,"txn":"T1"}"#).body == .quote)
        #expect(try decode(#"{"op":"cancel","id":6,"txn":"T1"}"#).body == .cancel)
    }

    @Test func decodesFinalizeWithReceipt() throws {
        let request = try decode(
            #"{"op":"finalize","id":7,"txn":"T1","total":"12.50","#
                + #""tenders":[{"type":"cash","amount":"10.00"},{"type":"card","amount":"2.50"}],"#
                + #""receipt":"G0AKCg=="}"#)
        #expect(
            request.body
                == .finalize(
                    LaneLinkRequest.Finalize(
                        total: "12.50",
                        tenders: [
                            LaneLinkRequest.Tender(type: "cash", amount: "10.00"),
                            LaneLinkRequest.Tender(type: "card", amount: "2.50"),
                        ],
                        receipt: [0x1B, 0x40, 0x0A, 0x0A])))
    }

    @Test func decodesBothKindsOfRefund() throws {
        let lines = try decode(
            #"{"op":"refund","id":8,"txn":"R1","original":"T1","#
                + #""lines":[{"line":1,"qty":"1"},{"line":"2","qty":"0.5"}]}"#)
        #expect(
            lines.body
                == .refund(
                    LaneLinkRequest.Refund(
                        original: "T1",
                        returned: .lines([
                            LaneLinkRequest.RefundLine(line: "1", qty: "1"),
                            LaneLinkRequest.RefundLine(line: "2", qty: "0.5"),
                        ]))))
        let amount = try decode(
            #"{"op":"refund","id":9,"txn":"R2","original":"T1","amount":"5.00"}"#)
        #expect(
            amount.body
                == .refund(
                    LaneLinkRequest.Refund(
                        original: "T1",
                        returned: .amount("5.00"))))
    }

    @Test(arguments: [#""r-17""#, "17", "-3", "1.0", "2e3", #""\u0041""#, #""é""#])
    func echoesTheIDAsWritten(_ id: String) throws {
        let request = try decode(#"{"id": \#(id) ,"op":"quote","txn":"T1"}"#)
        #expect(request.id.json == id)
        #expect(
            LaneLinkReply.ok(id: request.id, txn: "T1").serialized
                == #"{"op":"ok","id":\#(id),"txn":"T1"}"#)
    }

    /// Lines that cannot be read far enough to have an id.
    @Test(arguments: [
        (
            #"{"op":"quote","id":1,"txn":"T1""#,
            "malformed JSON at column 32: unexpected end of input: expected ',' or '}' after "
                + "a member"
        ),
        ("not json", "malformed JSON at column 1: invalid literal: expected true, false or null"),
        (#"[1]"#, "a request must be one JSON object, found an array"),
        (
            #"{"op":"quote","txn":"T1"}"#,
            #""id" is missing: every request needs an id, a string or number that the reply "#
                + "echoes"
        ),
        (
            #"{"op":"quote","id":true,"txn":"T1"}"#,
            #""id" must be a string or a number such as "r-17" or 17, found a boolean"#
        ),
        (
            #"{"op":"quote","id":null,"txn":"T1"}"#,
            #""id" must be a string or a number such as "r-17" or 17, found null"#
        ),
    ])
    func refusesUnreadableLinesWithANullID(_ line: String, _ message: String) {
        let refused = failure(line)
        #expect(refused?.code == .badRequest)
        #expect(refused?.id == .null)
        #expect(refused?.message == message)
    }

    @Test func refusesAnUnknownOp() {
        let refused = failure(#"{"op":"void","id":5,"txn":"T1"}"#)
        #expect(
            refused
                == LaneLinkFailure(
                    code: .unknownOp,
                    message: #"unknown op "void" (valid: open, item, identify, voucher, quote, "#
                        + "finalize, cancel, refund)",
                    id: .number(5)))
    }

    /// Bad fields, each with the message naming the field and the fix.
    @Test(arguments: [
        (
            #""op":"item","txn":"T1","line":1,"sku":"x","qty":2,"price":"1.00""#,
            #""qty" must be a decimal string such as "2" or "0.750""#
        ),
        (
            #""op":"item","txn":"T1","line":1,"sku":"x","qty":"2","price":1.5"#,
            #""price" must be a decimal string such as "1.25""#
        ),
        (
            #""op":"item","txn":"T1","line":1,"sku":"x","qty":"1e3","price":"1""#,
            #""qty" must be a decimal string such as "2" or "0.750""#
        ),
        (
            #""op":"item","txn":"T1","line":1,"sku":"x","qty":"0.000","price":"1""#,
            #""qty" must be greater than zero"#
        ),
        (
            #""op":"item","txn":"T1","line":1,"sku":"x","qty":"1","price":"-1.00""#,
            #""price" must not be negative"#
        ),
        (
            #""op":"item","txn":"T1","line":1,"sku":"x","qty":"1","price":"1.0000001""#,
            #""price" has too many digits (at most 12 before the point and 6 after)"#
        ),
        (
            #""op":"item","txn":"T1","line":1.5,"sku":"x","qty":"1","price":"1""#,
            #""line" must be a string or an integer such as "1" or 1"#
        ),
        (#""op":"item","txn":"T1","line":1,"qty":"1","price":"1""#, #""sku" is missing"#),
        (
            #""op":"item","txn":"T1","line":1,"sku":"","qty":"1","price":"1""#,
            #""sku" must not be empty"#
        ),
        (
            #""op":"item","txn":"T1","line":1,"sku":"x","qty":"1","price":"1","colour":"red""#,
            #"unknown key "colour" (valid: id, op, txn, line, sku, qty, price, category)"#
        ),
        (#""op":"quote","txn":"T1","txn":"T2""#, #"duplicate key "txn" (first at 1:24)"#),
        (#""op":"quote""#, #""txn" is missing"#),
        (#""op":"quote","txn":7"#, #""txn" must be a string, found a number"#),
        (
            #""op":"open","txn":"T1","at":"2024-05-02 14:03:11+02:00","cashier":"c""#,
            #""at" must be an RFC 3339 time with an offset such as "2024-05-02T14:03:11+02:00""#
        ),
        (
            #""op":"open","txn":"T1","at":"2024-05-02T14:03:11","cashier":"c""#,
            #""at" must be an RFC 3339 time with an offset such as "2024-05-02T14:03:11+02:00""#
        ),
        (
            #""op":"open","txn":"T1","at":"2024-02-30T10:00:00Z","cashier":"c""#,
            #""at" must be an RFC 3339 time with an offset such as "2024-05-02T14:03:11+02:00""#
        ),
        (
            #""op":"identify","txn":"T1","card":2900000000001"#,
            #""card" must be a string, found a number"#
        ),
        (
            #""op":"finalize","txn":"T1","total":"1","tenders":[]"#,
            #""tenders" must be a non-empty array of objects such as "#
                + #"[{"type":"cash","amount":"12.50"}]"#
        ),
        (
            #""op":"finalize","txn":"T1","total":"1","tenders":[{"type":"cash","amount":1}]"#,
            #""tenders[0].amount" must be a decimal string such as "12.50""#
        ),
        (
            #""op":"finalize","txn":"T1","total":"1","tenders":[{"type":"cash","amount":"1","#
                + #""tip":"1"}]"#,
            #"unknown key "tip" (valid: type, amount) at tenders[0].tip"#
        ),
        (
            #""op":"finalize","txn":"T1","total":"1","tenders":[{"type":"cash","amount":"1"}],"#
                + #""receipt":"G0A*""#,
            #""receipt" must be base64 (RFC 4648, padded with "=") such as "G0AKCg==""#
        ),
        (
            #""op":"refund","txn":"R1","original":"T1""#,
            #""lines" or "amount" is missing: a refund returns lines ([{"line":"1","qty":"1"}]) "#
                + #"or an amount ("5.00")"#
        ),
        (
            #""op":"refund","txn":"R1","original":"T1","amount":"1","lines":[]"#,
            #""amount" cannot come with "lines": give one of them"#
        ),
        (
            #""op":"refund","txn":"R1","original":"T1","lines":[{"line":"1","qty":"-1"}]"#,
            #""lines[0].qty" must not be negative"#
        ),
    ])
    func refusesBadFieldsNamingThem(_ members: String, _ message: String) {
        let refused = failure("{\"id\":\"r\"," + members + "}")
        #expect(refused?.code == .badRequest)
        #expect(refused?.id == .string("r"))
        #expect(refused?.message == message)
    }

    @Test(arguments: [
        ("2024-05-02T14:03:11Z", 1_714_658_591.0),
        ("2024-05-02t14:03:11z", 1_714_658_591.0),
        ("2024-05-02T14:03:11.250-04:30", 1_714_674_791.25),
        ("2024-02-29T00:00:00+00:00", 1_709_164_800.0),
        ("1970-01-01T01:00:00+01:00", 0.0),
    ])
    func parsesRFC3339(_ text: String, _ seconds: Double) {
        #expect(LaneLinkTimestamp(text)?.date.timeIntervalSince1970 == seconds)
    }

    @Test(arguments: [
        "2024-05-02T14:03:11", "2024-05-02T14:03:11+2:00", "2023-02-29T00:00:00Z",
        "2024-13-01T00:00:00Z", "2024-05-02T24:00:00Z", "2024-05-02T14:03:11.Z",
        "2024-05-02T14:03:11+02:00 ", "2024-5-2T14:03:11Z",
    ])
    func refusesWhatIsNotRFC3339WithAnOffset(_ text: String) {
        #expect(LaneLinkTimestamp(text) == nil)
    }
}
