import Testing

@testable import Lane

@Suite struct MoneyTextTests {
    @Test func euroWithoutLocale() {
        #expect(
            MoneyText(currency: "EUR", scale: 2, locale: nil).format(minorUnits: 500) == "€5.00")
    }

    @Test func euroInDutch() {
        #expect(
            MoneyText(currency: "EUR", scale: 2, locale: "nl-NL").format(minorUnits: 1250)
                == "€ 12,50")
    }

    @Test func centsBelowOneUnit() {
        #expect(MoneyText(currency: "EUR", scale: 2, locale: nil).format(minorUnits: 7) == "€0.07")
    }
}
