import Foundation
import Testing

@testable import Loyalty

@Suite struct BasketTests {
    func line(_ id: String, _ qty: String, _ price: String) throws -> BasketLine {
        try BasketLine(
            line: id, sku: "sku-\(id)", qty: #require(DecimalText.parse(qty)),
            price: Money(parsing: price, scale: 2))
    }

    @Test func aRepeatedLineReplacesItInPlace() throws {
        var basket = Basket(scale: 2)
        basket.set(try line("1", "2", "1.25"))
        basket.set(try line("2", "0.750", "3.99"))
        basket.set(try line("1", "3", "1.25"))

        #expect(basket.lines.map(\.line) == ["1", "2"])
        #expect(basket[line: "1"]?.amount.description == "3.75")
        #expect(basket.amount.description == "6.74")
    }

    @Test func anEmptyBasketIsZero() {
        #expect(Basket(scale: 0).amount == Money(minorUnits: 0, scale: 0))
    }

    @Test func aLineWhoseAmountOverflowsIsRefused() throws {
        let price = Money(minorUnits: .max / 2, scale: 2)
        #expect(throws: MoneyError.self) {
            try BasketLine(line: "1", sku: "x", qty: 3, price: price)
        }
    }
}
