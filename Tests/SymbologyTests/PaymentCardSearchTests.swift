import Testing

@testable import Symbology

/// Card numbers found inside other text: grouped, after a track's format code, in a
/// barcode's data; product codes and voucher codes left alone.
struct PaymentCardSearchTests {
    @Test(arguments: [
        ("4111111111111111", "411111******1111"),
        ("B4111111111111111^DOE/JOHN^2512101?", "B411111******1111^DOE/JOHN^2512101?"),
        ("4111 1111 1111 1111", "411111******1111"),
        ("4111-1111-1111-1111 exp 12/25", "411111******1111 exp 12/25"),
        ("R-4111111111111111", "R-411111******1111"),
        ("a 5555555555554444 and 4111111111111111", "a 555555******4444 and 411111******1111"),
        // Not cards: an EAN-13 and a Luhn-valid EAN-13 with a Visa prefix, a 24-digit
        // voucher code, two spaces between groups, too few digits, a failing Luhn check.
        ("4006381333931", "4006381333931"),
        ("4000000000006", "4000000000006"),
        ("994951835464606746503714", "994951835464606746503714"),
        ("4111  1111 1111 1111", "4111  1111 1111 1111"),
        ("411111111111", "411111111111"),
        ("4111111111111112", "4111111111111112"),
    ])
    func masksEveryCardNumberInAText(_ text: String, _ masked: String) {
        #expect(PaymentCard.masking(text) == masked)
    }

    @Test func findsTheDigitsAndWhereTheyAre() throws {
        let text = "card: 4111 1111 1111 1111."
        let found = try #require(PaymentCard.numbers(in: text).first)
        #expect(found.digits == "4111111111111111")
        #expect(text[found.range] == "4111 1111 1111 1111")
        #expect(found.masked == "411111******1111")
    }
}
