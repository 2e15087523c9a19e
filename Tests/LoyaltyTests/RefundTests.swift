import Foundation
import Testing

@testable import Loyalty

@Suite struct RefundTests {
    let engine = Tests.engine()

    /// Three lines of 10.00, paid 25.00 after a 5.00 voucher; earned 25 points.
    let threeTens = SoldSale(
        lines: ["a", "b", "c"].map { SoldLine(line: $0, qty: 1, amount: euros("10.00")) },
        total: euros("25.00"), earned: 25)

    @Test func linesRefundedOneByOneAddUpToTheTotal() throws {
        var sale = threeTens
        var money: [String] = []
        var reversed: [Int64] = []
        for line in ["a", "b", "c"] {
            let outcome = try engine.refund(.lines([RefundLine(line: line, qty: 1)]), of: sale)
            money.append(outcome.share.money.description)
            reversed.append(outcome.reversed)
            sale = sale.recording(outcome)
        }
        #expect(money == ["8.33", "8.33", "8.34"])
        #expect(reversed == [9, 8, 8])
        #expect(sale.refundedMoney == euros("25.00") && sale.reversedPoints == 25)
    }

    @Test func theWholeSaleAtOnceGivesBackTheTotal() throws {
        let request = RefundRequest.lines(["c", "a", "b"].map { RefundLine(line: $0, qty: 1) })
        let outcome = try engine.refund(request, of: threeTens)
        #expect(outcome.share.lines.map(\.line) == ["a", "b", "c"])
        #expect(outcome.share.lines.map(\.money.description) == ["8.33", "8.33", "8.34"])
        #expect(outcome.share.money == euros("25.00"))
        #expect(outcome.reversed == 25)
    }

    @Test func partialQuantitiesArePaidProRataAndAddUpToTheLinesShare() throws {
        var sale = SoldSale(
            lines: [SoldLine(line: "1", qty: 3, amount: euros("30.00"))],
            total: euros("25.00"), earned: 25)
        var money: [String] = []
        for _ in 0..<3 {
            let outcome = try engine.refund(.lines([RefundLine(line: "1", qty: 1)]), of: sale)
            money.append(outcome.share.money.description)
            sale = sale.recording(outcome)
        }
        // Cumulative 1/3, 2/3, 3/3 of 25.00: 8.33, 16.67, 25.00.
        #expect(money == ["8.33", "8.34", "8.33"])
        #expect(sale.refundedQuantities["1"] == 3)
    }

    @Test func weighedQuantities() throws {
        let sale = SoldSale(
            lines: [
                SoldLine(line: "kaas", qty: decimal("0.750"), amount: euros("9.00")),
                SoldLine(line: "brood", qty: 1, amount: euros("3.00")),
            ],
            total: euros("12.00"), earned: 12)
        let outcome = try engine.refund(
            .lines([RefundLine(line: "kaas", qty: decimal("0.250"))]), of: sale)
        #expect(
            outcome.share
                == RefundShare(
                    money: euros("3.00"),
                    lines: [RefundedLine(line: "kaas", qty: decimal("0.250"), money: euros("3.00"))]
                ))
        #expect(outcome.reversed == 3)
    }

    @Test func refundsByAmountReverseOnlyWhatTheRemainingTotalNoLongerEarns() throws {
        var sale = threeTens
        var reversed: [Int64] = []
        for amount in ["0.50", "0.40", "0.20", "23.90"] {
            let outcome = try engine.refund(.amount(euros(amount)), of: sale)
            reversed.append(outcome.reversed)
            sale = sale.recording(outcome)
        }
        // Remaining 24.50, 24.10, 23.90, 0.00 earn 24, 24, 23, 0.
        #expect(reversed == [1, 0, 1, 23])
        #expect(sale.reversedPoints == sale.earned)
    }

    @Test func aSaleWithoutAMemberReversesNothing() throws {
        let anonymous = SoldSale(lines: threeTens.lines, total: euros("25.00"), earned: 0)
        let outcome = try engine.refund(.amount(euros("25.00")), of: anonymous)
        #expect(outcome.reversed == 0)
    }

    @Test func reversalsNeverExceedTheEarnEvenAfterAProgramChange() throws {
        let richer = Tests.engine(rules: [rule("base", per: "0.10", award: 1)])
        let outcome = try richer.refund(.amount(euros("25.00")), of: threeTens)
        #expect(outcome.reversed == 25)
    }

    @Test func tooMuchIsRefused() throws {
        let once = try threeTens.recording(
            engine.refund(.lines([RefundLine(line: "a", qty: 1)]), of: threeTens))

        let twice = RefundRequest.lines([RefundLine(line: "a", qty: 1)])
        let quantityError = RefundError(
            .exceedsQuantity(line: "a", sold: 1, refunded: 1, requested: 1))
        #expect(throws: quantityError) { try engine.refund(twice, of: once) }
        #expect(quantityError.code == "refund-exceeds-sale")
        #expect(
            quantityError.description
                == "line \"a\": refunding 1 more would exceed the 1 sold (1 already refunded)")

        let moneyError = RefundError(
            .exceedsTotal(
                paid: euros("25.00"), refunded: euros("8.33"),
                requested: euros("16.68")))
        #expect(throws: moneyError) { try engine.refund(.amount(euros("16.68")), of: once) }
        #expect(
            moneyError.description
                == "refunding 16.68 would exceed the 25.00 paid (8.33 already refunded)")
        #expect(
            try engine.refund(.amount(euros("16.67")), of: once).share.money
                == euros("16.67"))
    }

    @Test func aLineRefundAfterAnAmountRefundCannotPassTheTotal() throws {
        let afterAmount = try threeTens.recording(
            engine.refund(.amount(euros("20.00")), of: threeTens))
        #expect(
            throws: RefundError(
                .exceedsTotal(
                    paid: euros("25.00"), refunded: euros("20.00"), requested: euros("8.33")))
        ) {
            try engine.refund(.lines([RefundLine(line: "a", qty: 1)]), of: afterAmount)
        }
        // The last lines take what is left, 5.00, not their shares, none of them negative.
        let rest = try engine.refund(
            .lines(["a", "b", "c"].map { RefundLine(line: $0, qty: 1) }), of: afterAmount)
        #expect(rest.share.money == euros("5.00"))
        #expect(rest.share.lines.map(\.money.description) == ["5.00", "0.00", "0.00"])
    }

    @Test(arguments: [
        (RefundRequest.lines([]), "a refund by lines must name at least one line"),
        (.lines([RefundLine(line: "z", qty: 1)]), "line \"z\" is not in the original sale"),
        (
            .lines([RefundLine(line: "a", qty: 0)]),
            "the quantity of line \"a\" must be more than zero"
        ),
        (.amount(euros("0.00")), "the amount must be more than zero"),
    ])
    func badRequests(request: RefundRequest, message: String) {
        do {
            _ = try engine.refund(request, of: threeTens)
            Issue.record("accepted \(request)")
        } catch {
            #expect(error.code == "bad-request")
            #expect(error.description == message)
        }
    }

    /// Random sequences of partial refunds: the money always adds up to the total and the
    /// points to the earn, and no step reverses more than is left.
    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6, 7, 8])
    func randomRefundSequencesAddUp(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let lines = (0..<Int.random(in: 1...5, using: &random)).map { index in
            SoldLine(
                line: "l\(index)", qty: Decimal(Int.random(in: 1...4, using: &random)),
                amount: Money(minorUnits: .random(in: 1...9999, using: &random), scale: 2))
        }
        let basket = lines.reduce(Money.zero(scale: 2)) { $0 + $1.amount }
        let total = Money(
            minorUnits: .random(in: 1...basket.minorUnits, using: &random),
            scale: 2)
        var sale = SoldSale(lines: lines, total: total, earned: engine.earned(onPaid: total))

        var left = Dictionary(uniqueKeysWithValues: lines.map { ($0.line, $0.qty) })
        while let line = left.filter({ $0.value > 0 }).keys.sorted().randomElement(
            using: &random)
        {
            let qty = Decimal(
                Int.random(
                    in: 1...NSDecimalNumber(decimal: left[line]!).intValue,
                    using: &random))
            let outcome = try engine.refund(.lines([RefundLine(line: line, qty: qty)]), of: sale)
            #expect(outcome.share.money.minorUnits >= 0)
            #expect(sale.reversedPoints + outcome.reversed <= sale.earned)
            sale = sale.recording(outcome)
            left[line]! -= qty
        }
        #expect(sale.refundedMoney == total)
        #expect(sale.reversedPoints == sale.earned)
    }
}

/// Lets the suites above name the module-level `engine(...)` helper.
enum Tests {
    static func engine(
        rules: [EarnRule] = [rule("base", per: "1.00", award: 1)]
    ) -> LoyaltyEngine {
        LoyaltyTests.engine(rules: rules)
    }
}
