import Testing

@testable import Ledger

@Suite struct SaleLinePackedTests {
    static let cases: [[SaleLine]] = [
        [],
        [SaleLine(line: "1", sku: "8712345678906", qty: "1", amountMinor: 500)],
        [
            SaleLine(line: "1:2", sku: "a:b:c", qty: "0.250", amountMinor: -120),
            SaleLine(line: "", sku: "€ kaffee", qty: "12", amountMinor: .max),
        ],
    ]

    @Test(arguments: cases) func packedLinesComeBackEqual(_ lines: [SaleLine]) {
        #expect(SaleLine.unpacked(SaleLine.packed(lines)) == lines)
    }

    @Test func thePackedFormIsLengthPrefixed() {
        let packed = SaleLine.packed([
            SaleLine(line: "1", sku: "8712345", qty: "1", amountMinor: 5)
        ])
        #expect(packed == "1:17:87123451:11:5")
    }

    @Test(arguments: ["1:1", "x", "1:17:87123451:11:", "1:17:87123451:11:z", "9:1"])
    func aDamagedTextIsRefused(_ text: String) {
        #expect(SaleLine.unpacked(text) == nil)
    }
}
