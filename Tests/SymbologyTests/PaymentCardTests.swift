import Testing

@testable import Symbology

struct PaymentCardTests {
    /// Every issuer prefix of DESIGN.md at its edges, Luhn-valid, plus the networks'
    /// published test numbers.
    @Test(arguments: [
        ("4000000000006", PaymentCard.Network.visa),
        ("4111111111111111", .visa),
        ("4000000000000000006", .visa),
        ("5100000000000008", .mastercard),
        ("5555555555554444", .mastercard),
        ("2221000000000009", .mastercard),
        ("2720000000000005", .mastercard),
        ("340000000000009", .americanExpress),
        ("378282246310005", .americanExpress),
        ("6011111111111117", .discover),
        ("6440000000000005", .discover),
        ("6490000000000004", .discover),
        ("6500000000000002", .discover),
        ("3528000000000007", .jcb),
        ("3530111333300000", .jcb),
        ("3589000000000003", .jcb),
        ("6200000000000005", .unionPay),
        ("5000000000000009", .maestro),
        ("5600000000000003", .maestro),
        ("6759649826438453", .maestro),
        ("6900000000000000005", .maestro),
        ("30000000000004", .dinersClub),
        ("30500000000003", .dinersClub),
        ("30569309025904", .dinersClub),
        ("36000000000008", .dinersClub),
        ("38000000000006", .dinersClub),
        ("39000000000005", .dinersClub),
    ])
    func paymentCard(_ number: String, _ network: PaymentCard.Network) {
        #expect(PaymentCard.isPaymentCardNumber(number))
        #expect(PaymentCard.network(ofPrefix: number) == network)
    }

    /// Luhn-valid 16-digit numbers just outside the issuer ranges, and prefixes no
    /// network has.
    @Test(arguments: [
        "2220000000000000", "2721000000000004", "3527000000000008", "3590000000000000",
        "3060000000000001", "3090000000000005", "3100000000000003", "3300000000000001",
        "3500000000000009", "1000000000000008", "7000000000000005", "8000000000000003",
        "9000000000000001", "0000000000000000",
    ])
    func notAPaymentPrefix(_ number: String) {
        #expect(Luhn.isValid(number))
        #expect(PaymentCard.network(ofPrefix: number) == nil)
        #expect(!PaymentCard.isPaymentCardNumber(number))
    }

    /// Valid EAN-13s that also pass the Luhn check but carry no payment issuer prefix.
    @Test(arguments: [
        "8710398527370", "9780306406164", "0123456789098", "3500000000071", "8901234567890",
        "7601234567814", "1234567890128", "2200000000095",
    ])
    func luhnValidEAN13IsNotAPaymentCard(_ ean: String) {
        #expect(GTIN.hasValidCheckDigit(ean))
        #expect(Luhn.isValid(ean))
        #expect(!PaymentCard.isPaymentCardNumber(ean))
    }

    /// Valid EAN-13s that do look like payment cards: why a scanned bar code is never
    /// judged by this test (DESIGN.md).
    @Test(arguments: [
        ("5901234123457", PaymentCard.Network.maestro), ("4007817327043", .visa),
        ("3000000000007", .dinersClub),
    ])
    func luhnValidEAN13WithIssuerPrefix(_ ean: String, _ network: PaymentCard.Network) {
        #expect(GTIN.hasValidCheckDigit(ean))
        #expect(PaymentCard.isPaymentCardNumber(ean))
        #expect(PaymentCard.network(ofPrefix: ean) == network)
    }

    @Test(arguments: [
        "400000000002",  // 12 digits: too short
        "40000000000000000002",  // 20 digits: too long
        "4111111111111112",  // Luhn fails
        "4111 1111 1111 1111",  // separators are not stripped here
        "",
    ])
    func notAPaymentCardNumber(_ number: String) {
        #expect(!PaymentCard.isPaymentCardNumber(number))
    }

    @Test(arguments: [
        ("4111111111111111", "411111******1111"),
        ("378282246310005", "378282*****0005"),
        ("4000000000000000006", "400000*********0006"),
        ("0012345678901", "001234***8901"),
        ("001234567890", "********7890"),
        ("12345", "*2345"),
        ("1234", "****"),
        ("", ""),
    ])
    func mask(_ number: String, _ masked: String) {
        #expect(PaymentCard.mask(number) == masked)
    }
}
