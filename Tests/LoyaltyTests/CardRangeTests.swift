import Testing

@testable import Loyalty

@Suite struct CardRangeTests {
    static let ean = CardRange(prefix: "2900", length: 13, check: .ean)
    static let luhn = CardRange(prefix: "4", length: 16, check: .luhn)
    static let plain = CardRange(prefix: "00", length: 10, check: .none)

    @Test(arguments: [
        (ean, "2900000000001", true), (ean, "2900123456785", true),
        (ean, "2900123456784", false), (ean, "2901123456785", false),
        (ean, "290012345678", false), (ean, "29001234567855", false),
        (luhn, "4111111111111111", true), (luhn, "4111111111111112", false),
        (plain, "0013748911", true), (plain, "0013748912", true), (plain, "1013748911", false),
        (plain, "00137489 1", false), (plain, "001374891١", false),
    ])
    func matches(range: CardRange, digits: String, expected: Bool) {
        #expect(range.matches(digits) == expected)
    }

    @Test func programMembershipIsAnyRange() {
        let program = Program(
            name: "p", cardRanges: [Self.ean, Self.plain], earnRules: [], rewards: [])
        #expect(program.isMemberCard("0013748911"))
        #expect(program.isMemberCard("2900000000001"))
        #expect(!program.isMemberCard("4111111111111111"))
    }
}
