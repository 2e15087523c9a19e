import Foundation
import Testing

@testable import Loyalty

func decimal(_ text: String) -> Decimal {
    guard let value = DecimalText.parse(text) else { fatalError("bad decimal \(text)") }
    return value
}

func euros(_ text: String) -> Money {
    do { return try Money(parsing: text, scale: 2) } catch { fatalError("\(error)") }
}

func rule(_ id: String, per: String, award: Int64, priority: Int = 100) -> EarnRule {
    EarnRule(id: id, priority: priority, points: .init(per: decimal(per), award: award))
}

func fiveOff(threshold: Int64 = 100, validDays: Int = 30) -> Reward {
    Reward(
        id: "five-off", title: "5 euro off your next visit", threshold: threshold,
        value: .init(amountOff: decimal("5.00")), validDays: validDays)
}

func engine(
    rules: [EarnRule] = [rule("base", per: "1.00", award: 1)], rewards: [Reward] = [fiveOff()],
    currency: String = "EUR", zone: String = "Europe/Amsterdam"
) -> LoyaltyEngine {
    let program = Program(
        name: "Koffiekaart", cardRanges: [], earnRules: rules,
        rewards: rewards)
    let calendar = StoreCalendar(timeZone: TimeZone(identifier: zone)!)
    return LoyaltyEngine(program: program, calendar: calendar, currency: .named(currency)!)
}

@Suite struct LoyaltyEngineTests {
    @Test(arguments: [
        ("12.99", "1.00", Int64(1), Int64(12)), ("13.00", "1.00", 1, 13), ("0.99", "1.00", 1, 0),
        ("0.00", "1.00", 1, 0), ("-5.00", "1.00", 1, 0), ("12.99", "0.50", 2, 50),
        ("5.00", "2.50", 1, 2), ("4.99", "2.50", 1, 1), ("0.90", "0.3", 1, 3),
        ("0.89", "0.3", 1, 2), ("1.00", "0.01", 10, 1000), ("100.00", "0.001", 1, 100_000),
    ])
    func earnIsFloorOfTotalOverPerTimesAward(
        total: String, per: String, award: Int64, points: Int64
    ) {
        let engine = engine(rules: [rule("r", per: per, award: award)])
        #expect(engine.earned(onPaid: euros(total)) == points)
    }

    @Test(arguments: ["0.01", "0.30", "2.50", "7.77", "0.001", "0.125"])
    func earnIsExactForEveryTotal(per: String) {
        // A `per` that is whole minor units is computed in Int64, any other in Decimal:
        // both must give floor(total / per) for every total, counted here by subtraction.
        let engine = engine(rules: [rule("r", per: per, award: 3)])
        let perThousandths = Int64((decimal(per) * 1000).description)!
        for minor in Int64(0)...2_000 {
            var left = minor * 10
            var count: Int64 = 0
            while left >= perThousandths {
                left -= perThousandths
                count += 1
            }
            #expect(engine.earned(onPaid: Money(minorUnits: minor, scale: 2)) == count * 3)
        }
    }

    @Test func earnStopsAtInt64MaxInsteadOfWrapping() {
        let engine = engine(rules: [rule("r", per: "0.01", award: 1_000)])
        #expect(engine.earned(onPaid: Money(minorUnits: .max / 10, scale: 2)) == .max)
    }

    @Test func earnWorksAtEveryScale() throws {
        let yen = engine(rules: [rule("r", per: "100", award: 1)], currency: "JPY")
        #expect(yen.earned(onPaid: try Money(parsing: "1999", scale: 0)) == 19)
        let dinar = engine(rules: [rule("r", per: "0.500", award: 1)], currency: "BHD")
        #expect(dinar.earned(onPaid: try Money(parsing: "1.499", scale: 3)) == 2)
    }

    @Test func rulesAddAndApplyByPriority() {
        let engine = engine(rules: [
            rule("late", per: "10.00", award: 5, priority: 200),
            rule("base", per: "1.00", award: 1, priority: 100),
            rule("tie", per: "5.00", award: 1, priority: 200),
        ])
        #expect(engine.earned(onPaid: euros("25.00")) == 25 + 10 + 5)
        #expect(
            engine.earnedByRule(onPaid: euros("25.00")).map(\.rule.id)
                == ["base", "late", "tie"])
    }

    @Test func finalizeWithoutAMemberEarnsNothing() {
        var codes = SeededGenerator(seed: 1)
        let outcome = engine().finalize(
            total: euros("250.00"), memberBalance: nil,
            at: instant("2024-05-01T12:00:00Z"), codes: &codes)
        #expect(
            outcome
                == SaleOutcome(
                    earned: 0, conversions: [], entries: [],
                    balanceAfter: nil))
    }

    @Test func thresholdConvertsEachTimeTheBalanceReachesIt() {
        var codes = SeededGenerator(seed: 42)
        let at = instant("2024-05-01T12:00:00+02:00")
        let outcome = engine().finalize(
            total: euros("210.00"), memberBalance: 95, at: at,
            codes: &codes)

        #expect(outcome.earned == 210)
        #expect(outcome.balanceAfter == 5)
        #expect(
            outcome.conversions.map(\.code) == [
                "994951835464606746503714", "994432426862076773589964", "994529094692730820922942",
            ])
        #expect(
            outcome.entries == [
                LedgerEntryPlan(kind: .earn, points: 210, reference: "base"),
                LedgerEntryPlan(
                    kind: .convert, points: -100, reference: "994951835464606746503714"),
                LedgerEntryPlan(
                    kind: .convert, points: -100, reference: "994432426862076773589964"),
                LedgerEntryPlan(
                    kind: .convert, points: -100, reference: "994529094692730820922942"),
            ])

        let voucher = outcome.conversions[0]
        #expect(voucher.reward == "five-off")
        #expect(voucher.title == "5 euro off your next visit")
        #expect(voucher.amount == euros("5.00"))
        #expect(voucher.lastValidDay == BusinessDay(year: 2024, month: 5, day: 31))
        #expect(voucher.expires == instant("2024-06-01T00:00:00+02:00"))
    }

    @Test(arguments: [
        (Int64(99), Int64(0), Int64(99), 0), (100, 0, 0, 1), (-40, 30, -10, 0),
        (-40, 150, 10, 1), (0, 0, 0, 0),
    ])
    func balancesBelowTheThresholdOrNegativeIssueNothing(
        balance: Int64, earn: Int64, after: Int64, vouchers: Int
    ) {
        var codes = SeededGenerator(seed: 3)
        let outcome = engine().finalize(
            total: Money(minorUnits: earn * 100, scale: 2), memberBalance: balance,
            at: instant("2024-05-01T12:00:00Z"), codes: &codes)
        #expect(outcome.balanceAfter == after)
        #expect(outcome.conversions.count == vouchers)
    }

    @Test func conversionsPerSaleAreCapped() {
        var codes = SeededGenerator(seed: 3)
        let outcome = engine(rewards: [fiveOff(threshold: 1)]).finalize(
            total: euros("0.00"), memberBalance: 1000, at: instant("2024-05-01T12:00:00Z"),
            codes: &codes)
        #expect(outcome.conversions.count == LoyaltyEngine.maxConversionsPerSale)
        #expect(outcome.balanceAfter == 1000 - Int64(LoyaltyEngine.maxConversionsPerSale))
    }

    @Test func rewardsConvertInTheProgramsOrder() {
        let big = Reward(
            id: "ten-off", title: "10 off", threshold: 180,
            value: .init(amountOff: decimal("10.00")), validDays: 7)
        var codes = SeededGenerator(seed: 9)
        let outcome = engine(rewards: [big, fiveOff()]).finalize(
            total: euros("300.00"), memberBalance: 0, at: instant("2024-05-01T12:00:00Z"),
            codes: &codes)
        #expect(outcome.conversions.map(\.reward) == ["ten-off", "five-off"])
        #expect(outcome.conversions.map(\.amount) == [euros("10.00"), euros("5.00")])
        #expect(outcome.balanceAfter == 20)
    }

    @Test func quoteTakesOffReservedVouchersAndEarnsOnTheRest() throws {
        var basket = Basket(scale: 2)
        basket.set(try BasketLine(line: "1", sku: "koffie", qty: 4, price: euros("3.00")))
        let five = VoucherDiscount(
            code: "994000000000000000000002", title: "5 off",
            amount: euros("5.00"))
        let quote = engine().quote(basket: basket, memberBalance: 40, reserved: [five])
        #expect(quote == Quote(earn: 7, balance: 40, discounts: [five], total: euros("7.00")))

        let twenty = VoucherDiscount(
            code: "994951835464606746503714", title: "20 off",
            amount: euros("20.00"))
        let capped = engine().quote(basket: basket, memberBalance: 40, reserved: [five, twenty])
        #expect(capped.discounts.map(\.amount) == [euros("5.00"), euros("7.00")])
        #expect(capped.total == euros("0.00"))
        #expect(capped.earn == 0)

        let anonymous = engine().quote(basket: basket, memberBalance: nil, reserved: [])
        #expect(anonymous.earn == 0 && anonymous.total == euros("12.00"))
    }
}
