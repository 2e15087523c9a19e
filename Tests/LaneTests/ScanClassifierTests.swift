import Loyalty
import Symbology
import Testing

@testable import Lane

@Suite struct ScanClassifierTests {
    static let paymentSwipe =
        "%B4111111111111111^DOE/JOHN^2812101000000000000000123456?"
        + ";4111111111111111=28121010000012345678?"

    static func classify(_ text: String, ranges: [CardRange] = []) -> ClassifiedScan {
        ScanClassifier(cardRanges: ranges).classify(Array(text.utf8), referenceYear: 2026)
    }

    /// K06: a private card, track 2 only, with or without an unreadable track 1, is a
    /// member card whatever its check digit; the ranges do not have to list it.
    @Test(arguments: [";0012345678901=?", "%E?;0012345678901=?"])
    func k06MemberSwipe(_ text: String) throws {
        let scan = Self.classify(text)
        #expect(scan.kind == .swipe)
        #expect(scan.card == "0012345678901")
        #expect(scan.decoded.error == nil)
        #expect(scan.decoded.text == text)
        #expect(try #require(scan.swipe).expiry == nil)
    }

    @Test func paymentCardIsRefusedAndMasked() throws {
        let scan = Self.classify(Self.paymentSwipe)
        #expect(scan.kind == .swipe)
        #expect(scan.card == nil)
        #expect(scan.decoded.error == "payment card refused: 411111******1111")
        #expect(scan.decoded.text == "%B411111******1111?;411111******1111?")
        let swipe = try #require(scan.swipe)
        #expect(swipe.number == nil && swipe.name == nil && swipe.discretionaryData == nil)
        #expect(!"\(scan)".contains("4111111111111111"))
        #expect(!"\(scan)".contains("DOE"))
    }

    /// Typed or scanned rather than swiped, a payment card number is refused all the same;
    /// a valid product code of the same digits stays a product, and a member range wins.
    @Test func aKeyedPaymentCardNumberIsRefusedAndMasked() throws {
        let scan = Self.classify("4111111111111111")
        #expect(scan.kind == .paymentCard)
        #expect(scan.card == nil)
        #expect(scan.decoded.text == "411111******1111")
        #expect(scan.decoded.error == "payment card refused: 411111******1111")
        #expect(!"\(scan)".contains("4111111111111111"))

        // 13 digits, Luhn-valid and a valid EAN-13 alike: a scanner reads barcodes.
        #expect(Self.classify("4000000000006").kind == .product)
        let range = CardRange(prefix: "411111", length: 16, check: .luhn)
        #expect(Self.classify("4111111111111111", ranges: [range]).kind == .member)
    }

    /// A swipe that lost its sentinels, a grouped number, a number inside a barcode's
    /// data: each refused, and nothing of it but the mask kept (not the name either).
    @Test(arguments: [
        "B4111111111111111^DOE/JOHN^2512101?", "4111 1111 1111 1111",
        "]Q1card 4111111111111111 exp", "]C1914111111111111111",
        "%B4111111111111111^DOE/JOHN^2512101?;4111111111111111=25121",
    ])
    func aCardNumberInsideAScanIsRefused(_ text: String) {
        let scan = Self.classify(text)
        #expect(scan.kind == .paymentCard)
        #expect(scan.decoded.text.hasPrefix("411111******1111"))
        #expect(!"\(scan)".contains("4111111111111111"))
        #expect(!"\(scan)".contains("DOE"))
    }

    /// A track whose LRC does not match was misread: it names no member, and says why.
    @Test func aMemberSwipeWithAWrongLRCNamesNoMember() throws {
        let scan = Self.classify(";0012345678901=?1")
        #expect(scan.kind == .swipe)
        #expect(scan.card == nil)
        #expect(try #require(scan.swipe).tracks.first?.lrc == .mismatch)
        #expect(
            scan.decoded.error
                == "the track's LRC does not match: it was misread, swipe the card again")
        // The same card with no LRC at all is the member's.
        #expect(Self.classify(";0012345678901=?").card == "0012345678901")
    }

    /// A payment-format card inside a member range is the member's card.
    @Test func paymentFormatInsideMemberRange() {
        let range = CardRange(prefix: "411111", length: 16, check: .luhn)
        let scan = Self.classify(Self.paymentSwipe, ranges: [range])
        #expect(scan.kind == .swipe)
        #expect(scan.card == "4111111111111111")
        #expect(scan.decoded.error == nil)
        #expect(scan.swipe?.name == "DOE/JOHN")
    }

    @Test(arguments: [
        ("%E?;E?", "no track could be read: swipe the card again"),
        ("%ACME LOYALTY?;E?", "no card number on the tracks read"),
    ])
    func swipeWithoutCard(_ text: String, _ error: String) {
        let scan = Self.classify(text)
        #expect(scan.kind == .swipe)
        #expect(scan.card == nil)
        #expect(scan.decoded.error == error)
    }

    /// K06 typed by a US-layout reader into a Belgian AZERTY host.
    @Test func swipeThroughWrongHostLayout() {
        let scan = Self.classify("màà&é\"'(§è!çà&-+")
        #expect(scan.kind == .swipe)
        #expect(scan.card == "0012345678901")
        #expect(scan.recoveredLayout == .belgian)
        #expect(scan.decoded.text == ";0012345678901=?")
    }

    /// Bar codes are classified as before.
    @Test(
        arguments: [
            ("4006381333931", ClassifiedScan.Kind.product, nil),
            ("]E04006381333931", .product, nil),
            ("0012345678", .unknown, nil),
            ("2900123456787", .member, "2900123456787"),
        ] as [(String, ClassifiedScan.Kind, String?)])
    func barcodesAreNoSwipes(_ text: String, _ kind: ClassifiedScan.Kind, _ card: String?) {
        let range = CardRange(prefix: "2900", length: 13, check: .none)
        let scan = Self.classify(text, ranges: [range])
        #expect(scan.kind == kind)
        #expect(scan.card == card)
        #expect(scan.swipe == nil)
    }
}
