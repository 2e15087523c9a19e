import Testing

@testable import Symbology

struct LuhnTests {
    @Test(arguments: [
        "4111111111111111", "79927398713", "378282246310005", "6011111111111117", "0", "00",
        "5901234123457", "1234567890128",
    ])
    func valid(_ digits: String) {
        #expect(Luhn.isValid(digits))
    }

    @Test(arguments: [
        "4111111111111112", "79927398710", "4006381333931", "", "4111 1111 1111 1111",
        "41111111111111a1",
    ])
    func invalid(_ digits: String) {
        #expect(!Luhn.isValid(digits))
    }
}
