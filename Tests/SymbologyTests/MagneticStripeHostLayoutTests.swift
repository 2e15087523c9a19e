import Testing

@testable import Symbology

struct MagneticStripeHostLayoutTests {
    typealias Layout = MagneticStripe.HostLayout

    /// Every layout types a different character on each key and shift state, so each
    /// character maps back to one key: 46 keys, with and without shift.
    @Test(arguments: Layout.allCases)
    func tableIsOneToOne(_ layout: Layout) {
        let pairs = layout.keyPairs
        #expect(pairs.count == 92)
        #expect(Set(pairs.map(\.us)).count == 92)
        #expect(Set(pairs.map(\.host)).count == 92)
    }

    /// K01: `0013748911` typed by a US-layout badge reader into a Belgian AZERTY host.
    @Test func k01BelgianDigits() {
        #expect(Layout.belgian.hostText(typing: "0013748911") == "àà&\"è'!ç&&")
        #expect(Layout.belgian.usText(typed: "àà&\"è'!ç&&") == "0013748911")
        #expect(Layout.belgian.hostText(typing: "HA112") == "HQ&&é")
        #expect(Layout.belgian.usText(typed: "HQ&&é") == "HA112")
    }

    /// K06's swipe as each host layout types it, and back.
    @Test(arguments: [
        (Layout.belgian, "màà&é\"'(§è!çà&-+\r"),
        (.french, "màà&é\"'(-è_çà&=§\r"),
        (.german, "ö0012345678901´_\r"),
    ])
    func track2Swipe(_ layout: Layout, _ typed: String) throws {
        let swipe = ";0012345678901=?\r"
        #expect(layout.hostText(typing: swipe) == typed)
        #expect(MagneticStripe.parse(Array(typed.utf8)) == nil)

        let recovered = try #require(MagneticStripe.recoverSwipeText(typed))
        #expect(recovered.layout == layout)
        #expect(recovered.text == swipe)
        #expect(MagneticStripe.recoverLayout(typed) == swipe)
        #expect(MagneticStripe.parse(Array(swipe.utf8))?.number == "0012345678901")
    }

    /// A UK host only changes `#`, `"` and `@` among swipe characters.
    @Test func britishTrack1() throws {
        let swipe = "%ACME #12 \"GOLD\"?;0012345678901=?"
        let typed = Layout.british.hostText(typing: swipe)
        #expect(typed == "%ACME £12 @GOLD@?;0012345678901=?")
        let recovered = try #require(MagneticStripe.recoverSwipeText(typed))
        #expect(recovered.layout == .british)
        #expect(recovered.text == swipe)
    }

    /// A payment card typed through a Belgian host is recovered, then refused as usual.
    @Test func paymentSwipeThroughBelgianHost() throws {
        let swipe =
            "%B4111111111111111^DOE/JOHN^2812101000000000000000123456?"
            + ";4111111111111111=28121010000012345678?\r"
        let typed = Layout.belgian.hostText(typing: swipe)
        #expect(typed.hasPrefix("5B'&&&&&&&&&&&&&&&6DOE=JOHN6é!&é&à&"))
        let recovered = try #require(MagneticStripe.recoverLayout(typed))
        #expect(recovered == swipe)
        let parsed = try #require(MagneticStripe.parse(Array(recovered.utf8)))
        #expect(parsed.isPaymentCard && parsed.name == nil)
    }

    /// Nothing to recover: already a swipe, or no layout makes it one.
    @Test(arguments: [";0012345678901=?", "hello", "0013748911", "àà&\"è'!ç&&", ""])
    func nothingToRecover(_ text: String) {
        #expect(MagneticStripe.recoverLayout(text) == nil)
    }
}
