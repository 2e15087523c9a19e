import Testing

@testable import Symbology

struct GTINTests {
    /// Real GTINs with their printed check digits.
    @Test(arguments: [
        ("400638133393", 1), ("978874294044", 0), ("500045601348", 2), ("419013670280", 3),
        ("590123412345", 7), ("978030640615", 7), ("01234567890", 5), ("9638507", 4),
        ("0123456789123", 1), ("1001234567890", 2),
    ])
    func checkDigit(_ digits: String, _ expected: Int) {
        #expect(GTIN.checkDigit(digits) == expected)
        #expect(GTIN.hasValidCheckDigit(digits + String(expected)))
        #expect(!GTIN.hasValidCheckDigit(digits + String((expected + 1) % 10)))
    }

    @Test(arguments: ["", "12a4", "12 34", "１２"])
    func checkDigitOfNonDigits(_ text: String) {
        #expect(GTIN.checkDigit(text) == nil)
        #expect(!GTIN.hasValidCheckDigit(text))
    }

    /// UPC-E to UPC-A, pairs for every rule of the last data digit. 0 425261 4,
    /// 0 654321 7 and 0 123456 5 are published examples; the others follow the GS1 table,
    /// with check digits worked out by hand.
    @Test(arguments: [
        ("04252614", "042100005264"),  // last digit 0-2: d1 d2 d6 0000 d3 d4 d5
        ("06543217", "065100004327"),  // last digit 1
        ("01234505", "012000003455"),  // last digit 0
        ("01234531", "012300000451"),  // last digit 3: d1 d2 d3 00000 d4 d5
        ("01234543", "012340000053"),  // last digit 4: d1 d2 d3 d4 00000 d5
        ("01234565", "012345000065"),  // last digit 5-9: d1..d5 0000 d6
        ("11234593", "112345000093"),  // number system 1, last digit 9
        ("0425261", "042100005264"),  // 7 digits: number system and data, no check digit
        ("425261", "042100005264"),  // 6 digits: number system 0 assumed
    ])
    func expandUPCE(_ upce: String, _ upca: String) {
        #expect(GTIN.expandUPCE(upce) == upca)
    }

    @Test(arguments: [
        "04252615",  // wrong check digit
        "24252614",  // number system 2 has no UPC-E
        "42526",  // too short
        "042526140",  // too long
        "0425a614",
    ])
    func expandUPCERefuses(_ upce: String) {
        #expect(GTIN.expandUPCE(upce) == nil)
    }

    @Test(arguments: [
        ("96385074", "00000096385074"), ("012345678905", "00012345678905"),
        ("4006381333931", "04006381333931"), ("10012345678902", "10012345678902"),
    ])
    func gtin14(_ digits: String, _ expected: String) {
        #expect(GTIN.gtin14(digits) == expected)
    }

    @Test(arguments: ["4006381333932", "0425261", "123456789", "40063813339311", "ABCDEFGH"])
    func gtin14Refuses(_ digits: String) {
        #expect(GTIN.gtin14(digits) == nil)
    }
}
