import Foundation
import Testing

@testable import Loyalty

@Suite struct DecimalTextTests {
    @Test(arguments: [
        ("2", "2"), ("0.750", "0.75"), ("-3.5", "-3.5"), ("0", "0"),
        ("10.01", "10.01"), ("-0", "0"),
    ])
    func parsesExactly(text: String, expected: String) throws {
        let value = try #require(DecimalText.parse(text))
        #expect(value.description == expected)
    }

    @Test(arguments: [
        "", "1e3", "+2", " 2", "2 ", "1,5", ".5", "5.", "00", "007", "-",
        "1_000", "NaN", "Infinity", String(repeating: "1", count: 39),
    ])
    func refuses(text: String) {
        #expect(DecimalText.parse(text) == nil)
    }

    @Test func keepsThirtyEightDigitsExact() throws {
        let text = "1234567890123456789.0123456789012345678"
        #expect(try #require(DecimalText.parse(text)).description == text)
    }
}
