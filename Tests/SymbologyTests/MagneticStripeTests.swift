import Testing

@testable import Symbology

/// The test card of the field cases (4111111111111111, DOE/JOHN) on tracks 1 and 2, as a
/// reader sends it with a CR after each track (ID TECH's factory track separator).
private let paymentSwipe =
    "%B4111111111111111^DOE/JOHN^2812101000000000000000123456?\r"
    + ";4111111111111111=28121010000012345678?\r"

private func parsed(_ text: String, members: Set<String> = []) -> MagneticStripe.Swipe? {
    MagneticStripe.parse(Array(text.utf8), isMemberNumber: { members.contains($0) })
}

struct MagneticStripeTests {
    /// K06: a private card with track 2 only, `=` right before `?`: no expiry, no Luhn.
    @Test(arguments: [";0012345678901=?\r", "%E?;0012345678901=?"])
    func memberCardWithTrack2Only(_ text: String) throws {
        let swipe = try #require(parsed(text))
        #expect(swipe.number == "0012345678901")
        #expect(swipe.expiry == nil)
        #expect(swipe.serviceCode == nil)
        #expect(swipe.discretionaryData == nil)
        #expect(!swipe.isPaymentCard)
        #expect(
            swipe.track(2)
                == MagneticStripe.Track(
                    number: 2, text: ";0012345678901=?", readable: true, lrc: .absent))
        #expect(swipe.masked.hasSuffix("card 001234***8901"))
    }

    @Test func unreadableTrack1IsKeptAsSuch() throws {
        let swipe = try #require(parsed("%E?;0012345678901=?"))
        #expect(swipe.tracks.map(\.number) == [1, 2])
        #expect(
            swipe.track(1)
                == MagneticStripe.Track(
                    number: 1, text: "%E?", readable: false, lrc: .absent))
        #expect(swipe.masked == "swipe: track 1 unreadable, track 2; card 001234***8901")
    }

    /// A payment card outside the member ranges: refused, its number masked everywhere,
    /// its name and discretionary data not kept at all.
    @Test func paymentCardKeepsNothingButMaskedData() throws {
        let swipe = try #require(parsed(paymentSwipe))
        #expect(swipe.isPaymentCard)
        #expect(swipe.number == nil)
        #expect(swipe.name == nil)
        #expect(swipe.discretionaryData == nil)
        #expect(swipe.maskedNumber == "411111******1111")
        #expect(swipe.expiry == MagneticStripe.Expiry(year: 2028, month: 12))
        #expect(swipe.serviceCode == "101")
        #expect(swipe.tracks.map(\.text) == ["%B411111******1111?", ";411111******1111?"])
        #expect(
            swipe.masked
                == "swipe: track 1, track 2; card 411111******1111; expiry 2028-12; payment card")

        var dumped = ""
        dump(swipe, to: &dumped)
        for shown in [String(describing: swipe), String(reflecting: swipe), dumped] {
            #expect(!shown.contains("4111111111111111"), "\(shown)")
            #expect(!shown.contains("DOE") && !shown.contains("JOHN"), "\(shown)")
            #expect(!shown.contains("123456"), "\(shown)")
        }
    }

    /// Inside the member ranges, a card in payment format is a member card, kept whole.
    @Test func paymentFormatInsideMemberRangeIsKept() throws {
        let swipe = try #require(parsed(paymentSwipe, members: ["4111111111111111"]))
        #expect(!swipe.isPaymentCard)
        #expect(swipe.number == "4111111111111111")
        #expect(swipe.name == "DOE/JOHN")
        #expect(swipe.discretionaryData == "0000012345678")
        #expect(swipe.track(1)?.text == "%B4111111111111111^DOE/JOHN^2812101000000000000000123456?")
        #expect(!swipe.description.contains("4111111111111111"))
    }

    /// Track 1 format B makes a payment card even when track 2 could not be read.
    @Test func formatBTrack1AloneIsAPaymentCard() throws {
        let swipe = try #require(
            parsed("%B4111111111111111^DOE/JOHN^2812101000000000000000123456?;E?\r"))
        #expect(swipe.isPaymentCard)
        #expect(swipe.number == nil && swipe.name == nil)
        #expect(swipe.maskedNumber == "411111******1111")
        #expect(swipe.tracks.map(\.text) == ["%B411111******1111?", ";E?"])
    }

    /// A Luhn-valid track 2 with a payment prefix and no track 1 is a payment card.
    @Test func paymentTrack2AloneIsAPaymentCard() throws {
        let swipe = try #require(parsed(";4111111111111111=28121010000012345678?"))
        #expect(swipe.isPaymentCard)
        #expect(swipe.number == nil)
        #expect(swipe.tracks.map(\.text) == [";411111******1111?"])
    }

    @Test(arguments: [
        // DataCard CP80 service manual, LRC example: `%7C^SZ?` has LRC 011001 = `9`.
        ("%7C^SZ?9", 1, MagneticStripe.Track.LRC.ok),
        ("%7C^SZ?8", 1, .mismatch),
        ("%7C^SZ?", 1, .absent),
        ("%7C^SZ?\r", 1, .absent),
        // MagTek TTL manual, section 3: `;0?` (B, 0, F) has LRC 4.
        (";0?4", 2, .ok),
        (";0?5", 2, .mismatch),
        (";4111111111111111=28121010000012345678?=", 2, .ok),
        (";4111111111111111=28121010000012345678?>", 2, .mismatch),
    ])
    func lrc(_ text: String, _ number: Int, _ lrc: MagneticStripe.Track.LRC) throws {
        let swipe = try #require(parsed(text))
        #expect(swipe.tracks.count == 1)
        #expect(swipe.track(number)?.lrc == lrc)
    }

    @Test func lrcCharacter() {
        #expect(MagneticStripe.lrcCharacter(of: Array("%7C^SZ?".utf8), track: 1) == 0x39)
        #expect(MagneticStripe.lrcCharacter(of: Array(";0?".utf8), track: 2) == 0x34)
        // A `+` start sentinel stands for the `;` on the card.
        #expect(
            MagneticStripe.lrcCharacter(of: Array("+0012345678901?".utf8), track: 3)
                == MagneticStripe.lrcCharacter(of: Array(";0012345678901?".utf8), track: 3))
        #expect(MagneticStripe.lrcCharacter(of: Array("%a?".utf8), track: 1) == nil)
        #expect(MagneticStripe.lrcCharacter(of: Array(";0?".utf8), track: 4) == nil)
    }

    /// `%DE?` has LRC `;` (0x1B): after it, `;` is the LRC when a track follows it, and the
    /// next track's start sentinel when not.
    @Test(arguments: [
        ("%DE?;;0?", [MagneticStripe.Track.LRC.ok, .absent]),
        ("%DE?;0?", [.absent, .absent]),
        ("%DE?;0?4", [.absent, .ok]),
        // `%7C^SZ?` has LRC `9`: a `;` after it is track 2, not a wrong LRC.
        ("%7C^SZ?;0?", [.absent, .absent]),
    ])
    func lrcThatLooksLikeAStartSentinel(_ text: String, _ lrcs: [MagneticStripe.Track.LRC])
        throws
    {
        let swipe = try #require(parsed(text))
        #expect(swipe.tracks.map(\.number) == [1, 2])
        #expect(swipe.tracks.map(\.lrc) == lrcs)
    }

    @Test func onlyTrack2WithoutSeparator() throws {
        let swipe = try #require(parsed(";0012345678901?\r\n"))
        #expect(swipe.number == "0012345678901")
        #expect(swipe.tracks.map(\.number) == [2])
    }

    /// MagTek ("E" in place of the track data) and ID TECH (`%`, `;`, `+` error start
    /// sentinels) mark the tracks they could not read; a track with nothing between its
    /// sentinels is unreadable too.
    @Test(
        arguments: [
            ("%E?;E?+E?\r", [1, 2, 3], [false, false, false], nil),
            ("%E?;0012345678901=?+E?\r", [1, 2, 3], [false, true, false], "0012345678901"),
            (";E?\r", [2], [false], nil),
            ("%?;0012345678901=?", [1, 2], [false, true], "0012345678901"),
            (
                "%11111111111111111111?;E?+33333333333333333333?\r", [1, 2, 3],
                [true, false, true],
                nil
            ),
        ] as [(String, [Int], [Bool], String?)])
    func errorMarkedTracks(_ text: String, _ numbers: [Int], _ readable: [Bool], _ number: String?)
        throws
    {
        let swipe = try #require(parsed(text))
        #expect(swipe.tracks.map(\.number) == numbers)
        #expect(swipe.tracks.map(\.readable) == readable)
        #expect(swipe.number == number)
        #expect(swipe.hasReadableTrack == readable.contains(true))
    }

    @Test(arguments: [
        (";0012345678901=?;123456789?5", ";123456789?", MagneticStripe.Track.LRC.ok),
        (";0012345678901=?+0012345678901?4", "+0012345678901?", .ok),
        ("+0012345678901?\r", "+0012345678901?", .absent),
    ])
    func track3(_ text: String, _ track3: String, _ lrc: MagneticStripe.Track.LRC) throws {
        let swipe = try #require(parsed(text))
        #expect(swipe.track(3)?.text == track3)
        #expect(swipe.track(3)?.lrc == lrc)
    }

    /// Track 1 in another format than B is kept raw: no number, not a payment card.
    @Test func otherTrack1FormatIsRaw() throws {
        let swipe = try #require(parsed("%ACME LOYALTY 0012345678901?Z;0012345678901=?"))
        #expect(swipe.track(1)?.text == "%ACME LOYALTY 0012345678901?")
        #expect(swipe.track(1)?.lrc == .ok)
        #expect(swipe.name == nil)
        #expect(swipe.number == "0012345678901")
        #expect(!swipe.isPaymentCard)
    }

    @Test(
        arguments: [
            (";1234567890123=2507120?", MagneticStripe.Expiry(year: 2025, month: 7), "120", nil),
            (
                ";1234567890123=2507120987?", MagneticStripe.Expiry(year: 2025, month: 7), "120",
                "987"
            ),
            (";1234567890123==101?", nil, "101", nil),
            (";1234567890123=2513?", nil, nil, "2513"),
            (";1234567890123=2512=55?", MagneticStripe.Expiry(year: 2025, month: 12), nil, "55"),
        ] as [(String, MagneticStripe.Expiry?, String?, String?)])
    func track2Fields(
        _ text: String, _ expiry: MagneticStripe.Expiry?, _ service: String?, _ data: String?
    ) throws {
        let swipe = try #require(parsed(text))
        #expect(swipe.number == "1234567890123")
        #expect(swipe.expiry == expiry)
        #expect(swipe.serviceCode == service)
        #expect(swipe.discretionaryData == data)
        #expect(!swipe.isPaymentCard)
    }

    @Test func expiryText() {
        #expect(MagneticStripe.Expiry(year: 2028, month: 12).text == "2028-12")
        #expect(MagneticStripe.Expiry(year: 2025, month: 7).text == "2025-07")
    }

    /// Bytes that are not a swipe.
    @Test(arguments: [
        "", "\r", "0012345678", "]E04006381333931", "%B4111", ";12A4?", ";1?X", "x;1?",
        ";1?%A?", ";1?;2?;3?", "%A%B?",
        // 40 characters before the LRC: one more than track 2 holds.
        ";" + String(repeating: "1", count: 38) + "?",
        "%" + String(repeating: "A", count: 77) + "?",
    ])
    func notASwipe(_ text: String) {
        #expect(parsed(text) == nil)
    }

    @Test func longestTracksFit() throws {
        let track2 = ";" + String(repeating: "1", count: 37) + "?"
        let track1 = "%" + String(repeating: "A", count: 76) + "?"
        #expect(try #require(parsed(track1 + track2)).tracks.count == 2)
    }
}
