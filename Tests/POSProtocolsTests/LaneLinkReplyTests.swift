import StrictJSON
import Testing

@testable import POSProtocols

private let member = LaneLinkMember(id: "M1", card: "2900000000001", tier: nil, balance: 120)
private let voucher = LaneLinkVoucher(
    code: "980012345678901234567", title: "5 euro off",
    amount: "5.00", expires: "2024-06-02T00:00:00+02:00")

private let replyCases: [(LaneLinkReply, String)] = [
    (LaneLinkReply.opened(id: .number(1), txn: "T1"), #"{"op":"opened","id":1,"txn":"T1"}"#),
    (LaneLinkReply.ok(id: .string("a"), txn: "T1"), #"{"op":"ok","id":"a","txn":"T1"}"#),
    (
        LaneLinkReply.member(id: .number(3), txn: "T1", member: member),
        #"{"op":"member","id":3,"txn":"T1","member":{"id":"M1","card":"2900000000001","#
            + #""tier":null,"balance":120}}"#
    ),
    (
        LaneLinkReply.voucher(id: .number(4), txn: "T1", voucher: voucher),
        #"{"op":"voucher","id":4,"txn":"T1","code":"980012345678901234567","#
            + #""title":"5 euro off","amount":"5.00","expires":"2024-06-02T00:00:00+02:00"}"#
    ),
    (
        LaneLinkReply.quote(
            id: .number(5), txn: "T1", member: member, earn: 12, balance: 120,
            discounts: [
                LaneLinkDiscount(
                    code: "V1", title: "5 off",
                    amount: "5.00")
            ]),
        #"{"op":"quote","id":5,"txn":"T1","member":{"id":"M1","card":"2900000000001","#
            + #""tier":null,"balance":120},"earn":12,"balance":120,"#
            + #""discounts":[{"code":"V1","title":"5 off","amount":"5.00"}]}"#
    ),
    (
        LaneLinkReply.finalized(
            id: .number(6), txn: "T1", member: nil, earned: 0, balance: 0,
            redeemed: ["V1"], vouchers: [voucher]),
        #"{"op":"finalized","id":6,"txn":"T1","member":null,"earned":0,"balance":0,"#
            + #""redeemed":["V1"],"vouchers":[{"code":"980012345678901234567","#
            + #""title":"5 euro off","amount":"5.00","expires":"2024-06-02T00:00:00+02:00"}]}"#
    ),
    (
        LaneLinkReply.cancelled(id: .number(7), txn: "T1"),
        #"{"op":"cancelled","id":7,"txn":"T1"}"#
    ),
    (
        LaneLinkReply.refunded(id: .number(8), txn: "R1", reversed: -3, balance: 117),
        #"{"op":"refunded","id":8,"txn":"R1","reversed":-3,"balance":117}"#
    ),
    (
        LaneLinkReply.error(id: .null, txn: nil, code: .badRequest, message: "bad \"x\""),
        #"{"op":"error","id":null,"code":"bad-request","message":"bad \"x\""}"#
    ),
    (
        LaneLinkReply.memberEvent(txn: "T1", member: member),
        #"{"op":"member","txn":"T1","member":{"id":"M1","card":"2900000000001","#
            + #""tier":null,"balance":120}}"#
    ),
    (
        LaneLinkReply.voucherEvent(txn: nil, voucher: voucher),
        #"{"op":"voucher","code":"980012345678901234567","title":"5 euro off","#
            + #""amount":"5.00","expires":"2024-06-02T00:00:00+02:00"}"#
    ),
    (
        LaneLinkReply.scanEvent(
            txn: nil,
            scan: LaneLinkScan(
                data: "4190136702803", symbology: "ean-13", gtin14: "04190136702803",
                addOn: "10018")),
        #"{"op":"scan","data":"4190136702803","symbology":"ean-13","#
            + #""gtin14":"04190136702803","addOn":"10018"}"#
    ),
    (
        LaneLinkReply.scanEvent(
            txn: "T1",
            scan: LaneLinkScan(
                data: "0101234567891231", symbology: "gs1-128",
                elements: [LaneLinkScan.Element(ai: "01", value: "01234567891231")])),
        #"{"op":"scan","txn":"T1","data":"0101234567891231","symbology":"gs1-128","#
            + #""elements":[{"ai":"01","value":"01234567891231"}]}"#
    ),
    (
        LaneLinkReply.scanEvent(
            txn: "T1",
            scan: LaneLinkScan(
                kind: "unknown", data: "5901234123458", symbology: "ean-13",
                error: "check digit is 8, expected 7")),
        #"{"op":"scan","txn":"T1","kind":"unknown","data":"5901234123458","#
            + #""symbology":"ean-13","error":"check digit is 8, expected 7"}"#
    ),
    (
        LaneLinkReply.errorEvent(
            txn: nil, code: .paymentCard, message: "payment card refused: 411111******1111"),
        #"{"op":"error","code":"payment-card","message":"payment card refused: "#
            + #"411111******1111"}"#
    ),
    (
        LaneLinkReply.printerEvent(txn: nil, state: .paperOut, device: "printer-1"),
        #"{"op":"printer","state":"paper-out","device":"printer-1"}"#
    ),
]

@Suite struct LaneLinkReplyTests {
    @Test(arguments: replyCases)
    func serializesInAStableOrderAndDecodesBack(_ reply: LaneLinkReply, _ text: String) throws {
        #expect(reply.serialized == text)
        #expect(reply.line == Array((text + "\n").utf8))
        #expect(try LaneLinkReply.decode(Array(text.utf8)) == reply)
    }

    @Test func aRetryGetsTheStoredReplyUnderItsNewID() {
        let stored = LaneLinkReply.refunded(id: .number(8), txn: "R1", reversed: 3, balance: 9)
        #expect(
            stored.replacingID(.string("retry")).serialized
                == #"{"op":"refunded","id":"retry","txn":"R1","reversed":3,"balance":9}"#)
    }

    @Test func anErrorFromAFailureCarriesItsCodeAndID() {
        let failure = LaneLinkFailure(
            code: .unknownOp, message: "unknown op \"x\"",
            id: .number(2))
        #expect(
            LaneLinkReply.error(failure, txn: "T1").serialized
                == #"{"op":"error","id":2,"txn":"T1","code":"unknown-op","#
                + #""message":"unknown op \"x\""}"#)
    }

    @Test(arguments: [
        (
            #"{"op":"quote","id":1,"txn":"T1","member":null,"earn":"12","balance":0,"discounts":[]}"#,
            #""earn": expected an integer, found a string"#
        ),
        (
            #"{"op":"voucher","id":1,"code":"1","title":"t","amount":5,"#
                + #""expires":"2024-06-02T00:00:00+02:00"}"#,
            #""amount": expected a decimal string such as "1.00", found a number"#
        ),
        (#"{"op":"opened","txn":"T1"}"#, #""opened" is not a LaneLink v1 event (no id)"#),
        (#"{"op":"scan","id":1,"data":"x"}"#, #""scan" is not a LaneLink v1 reply"#),
        (
            #"{"op":"ok","id":1,"txn":"T1","extra":1}"#,
            #"unknown key "extra" (valid: id, op, txn)"#
        ),
        (
            #"{"op":"error","id":1,"code":"oops","message":"m"}"#,
            #""code": "oops" is not allowed (valid: bad-request, unknown-op, line-too-long, "#
                + "no-transaction, transaction-open, unknown-txn, conflict, busy, unknown-card, "
                + "payment-card, voucher-unknown, voucher-reserved, voucher-used, voucher-expired, "
                + "refund-exceeds-sale, not-a-member, internal)"
        ),
    ])
    func refusesLinesThatAreNotReplies(_ line: String, _ message: String) {
        do {
            _ = try LaneLinkReply.decode(Array(line.utf8))
            Issue.record("accepted \(line)")
        } catch {
            #expect(error.message == message)
        }
    }

    @Test func everyErrorCodeIsKebabCase() {
        #expect(LaneLinkErrorCode.allCases.count == 17)
        #expect(LaneLinkErrorCode.paymentCard.rawValue == "payment-card")
        #expect(LaneLinkErrorCode.refundExceedsSale.rawValue == "refund-exceeds-sale")
    }
}
