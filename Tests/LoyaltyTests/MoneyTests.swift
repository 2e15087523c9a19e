import Foundation
import Testing

@testable import Loyalty

@Suite struct MoneyTests {
    @Test(arguments: [
        ("12.50", 2, Int64(1250)), ("12.5", 2, 1250), ("0", 2, 0), ("-3.00", 2, -300),
        ("0.05", 2, 5), ("-0.00", 2, 0), ("1250", 0, 1250), ("1.500", 3, 1500),
        ("92233720368547758.07", 2, Int64.max),
    ])
    func parsesStrictDecimals(text: String, scale: Int, minorUnits: Int64) throws {
        let money = try Money(parsing: text, scale: scale)
        #expect(money == Money(minorUnits: minorUnits, scale: scale))
    }

    @Test(arguments: [
        "1e3", "+1", " 1", "1 ", "1,00", "", "-", ".5", "5.", "01", "--1",
        "1.2.3", "١٢", "0x10",
    ])
    func refusesWhatIsNotADecimal(text: String) {
        #expect(throws: MoneyError(text: text, problem: .notADecimal)) {
            try Money(parsing: text, scale: 2)
        }
    }

    @Test func refusesMoreDecimalsThanTheScale() {
        #expect(throws: MoneyError(text: "12.505", problem: .tooManyDecimals(scale: 2))) {
            try Money(parsing: "12.505", scale: 2)
        }
        #expect(throws: MoneyError(text: "12.5", problem: .tooManyDecimals(scale: 0))) {
            try Money(parsing: "12.5", scale: 0)
        }
    }

    @Test func errorMessagesNameTheValueAndTheFix() {
        let notDecimal = MoneyError(text: "1e3", problem: .notADecimal)
        #expect(
            notDecimal.description == "\"1e3\" is not a decimal amount (write digits with"
                + " an optional minus sign and a point, like \"12.50\")")
        let precise = MoneyError(text: "12.505", problem: .tooManyDecimals(scale: 2))
        #expect(
            precise.description
                == "\"12.505\" has more than 2 decimal places (the currency's minor unit has 2)")
    }

    /// `multiplied(by:)` keeps the exact product at both ends of Int64 and refuses one
    /// minor unit beyond (the conversion from Decimal is checked at the limits).
    @Test func multiplyingIsExactUpToInt64sEnds() throws {
        let top = Money(minorUnits: Int64.max, scale: 2)
        #expect(try top.multiplied(by: 1).minorUnits == Int64.max)
        #expect(try Money(minorUnits: Int64.min, scale: 2).multiplied(by: 1).minorUnits == .min)
        #expect(
            try Money(minorUnits: 4_611_686_018_427_387_903, scale: 2).multiplied(by: 2)
                .minorUnits == Int64.max - 1)
        #expect(
            try Money(minorUnits: 1250, scale: 2).multiplied(by: decimal("0.333")).minorUnits == 416
        )
        #expect(
            try Money(minorUnits: -150, scale: 2).multiplied(by: decimal("0.333")).minorUnits == -50
        )
        #expect(throws: MoneyError.self) {
            try top.multiplied(by: decimal("1.0000000000000000001"))
        }
        #expect(throws: MoneyError.self) { try top.multiplied(by: 2) }
    }

    @Test func refusesAmountsBeyondInt64() {
        #expect(throws: MoneyError(text: "92233720368547758.08", problem: .outOfRange)) {
            try Money(parsing: "92233720368547758.08", scale: 2)
        }
    }

    @Test(arguments: [
        (Int64(1250), 2, "12.50"), (-5, 2, "-0.05"), (0, 2, "0.00"), (1250, 0, "1250"),
        (-7, 0, "-7"), (1500, 3, "1.500"), (1, 3, "0.001"),
        (
            Int64.min, 2,
            "-92233720368547758.08"
        ),
    ])
    func formats(minorUnits: Int64, scale: Int, text: String) {
        #expect(Money(minorUnits: minorUnits, scale: scale).description == text)
    }

    @Test func throwingArithmeticReportsOverflowAndScaleMismatch() throws {
        let max = Money(minorUnits: .max, scale: 2)
        let cent = Money(minorUnits: 1, scale: 2)
        #expect(throws: MoneyError(text: "\(max) + 0.01", problem: .outOfRange)) {
            try max.adding(cent)
        }
        #expect(throws: MoneyError.self) { try cent.adding(Money(minorUnits: 1, scale: 0)) }
        #expect(try cent.subtracting(Money(minorUnits: 3, scale: 2)).description == "-0.02")
    }

    @Test(arguments: [
        ("2", "1.25", "2.50"), ("0.333", "1.50", "0.50"), ("0.750", "3.99", "2.99"),
        ("1.5", "0.99", "1.49"), ("3", "0.335", "1.005"), ("-1", "0.50", "-0.50"),
        ("0.5", "-0.05", "-0.03"),
    ])
    func multipliesByAQuantityRoundingHalfUp(qty: String, price: String, amount: String) throws {
        let scale = price.split(separator: ".").last.map(\.count) ?? 0
        let product = try Money(parsing: price, scale: scale)
            .multiplied(by: try #require(DecimalText.parse(qty)))
        #expect(product.description == amount)
    }

    @Test func currencyScalesFollowISO4217() {
        #expect(Currency.named("EUR")?.scale == 2)
        #expect(Currency.named("JPY")?.scale == 0)
        #expect(Currency.named("BHD")?.scale == 3)
        #expect(Currency.named("XXX") == nil)
    }
}
