import Foundation
import Testing

@testable import POSProtocols

private func canonical(_ text: String) throws -> String {
    try LaneLinkRequest.decode(Array(text.utf8)).canonical
}

@Suite struct LaneLinkCanonicalTests {
    @Test func dropsTheIDSortsKeysAndShortensDecimals() throws {
        let sent =
            #"{"op":"finalize","id":7,"txn":"T1","total":"012.50","#
            + #""tenders":[{"amount":"12.5","type":"cash"}],"receipt":"G0AKCg=="}"#
        #expect(
            try canonical(sent) == #"{"op":"finalize","receipt":"G0AKCg==","#
                + #""tenders":[{"amount":"12.5","type":"cash"}],"total":"12.5","txn":"T1"}"#)
    }

    @Test func anEqualRetryMatches() throws {
        let first = try canonical(
            #"{"op":"finalize","id":7,"txn":"T1","total":"5.00","#
                + #""tenders":[{"type":"cash","amount":"5"}]}"#)
        let retry = try canonical(
            #"{"txn":"T1","id":"retry-1","op":"finalize","#
                + #""tenders":[{"amount":"5.0","type":"cash"}],"total":"5"}"#)
        #expect(first == retry)
    }

    private static let stored =
        #"{"op":"finalize","id":1,"txn":"T1","total":"5","#
        + #""tenders":[{"type":"cash","amount":"5"}]}"#

    @Test(arguments: [
        stored.replacingOccurrences(of: #""total":"5""#, with: #""total":"5.01""#),
        stored.replacingOccurrences(of: #""txn":"T1""#, with: #""txn":"T2""#),
        stored.replacingOccurrences(of: "cash", with: "card"),
        stored.replacingOccurrences(of: "}]}", with: #"}],"receipt":"AA=="}"#),
    ])
    func aDifferentPayloadDoesNot(_ other: String) throws {
        #expect(other != Self.stored)
        #expect(try canonical(other) != canonical(Self.stored))
    }

    @Test func refundsCompareLinesAsStringsAndQuantitiesAsNumbers() throws {
        let first = try canonical(
            #"{"op":"refund","id":1,"txn":"R1","original":"T1","#
                + #""lines":[{"line":2,"qty":"1.0"}]}"#)
        let retry = try canonical(
            #"{"op":"refund","id":2,"txn":"R1","original":"T1","#
                + #""lines":[{"line":"2","qty":"1"}]}"#)
        #expect(first == retry)
        #expect(
            first == #"{"lines":[{"line":"2","qty":"1"}],"op":"refund","original":"T1","#
                + #""txn":"R1"}"#)
        let amount = try canonical(
            #"{"op":"refund","id":3,"txn":"R1","original":"T1","amount":"1"}"#)
        #expect(amount != first)
    }

    @Test(arguments: [
        ("5", "5"), ("5.0", "5"), ("5.00", "5"), ("005.10", "5.1"),
        ("0.000", "0"), ("-0.0", "0"), ("-1.50", "-1.5"), ("0.750", "0.75"),
    ])
    func shortensDecimals(_ text: String, _ expected: String) {
        #expect(LaneLinkRequest.canonicalDecimal(text) == expected)
    }
}
