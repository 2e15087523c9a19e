import Testing

@testable import Devices

/// Facts of each layout's table (XKB symbols, section "basic"), and phrases typed per
/// layout back through the decoder.
@Suite struct KeyboardWedgeLayoutTests {
    /// (layout, key code, Shift, AltGr, the character).
    @Test(
        arguments: [
            ("us", 2, false, false, "1"), ("us", 3, true, false, "@"),
            ("us", 27, false, false, "]"),
            ("uk", 4, true, false, "£"), ("uk", 40, true, false, "@"),
            ("uk", 43, false, false, "#"),
            ("uk", 86, false, false, "\\"), ("uk", 5, false, true, "€"),
            ("de", 21, false, false, "z"), ("de", 44, false, false, "y"),
            ("de", 26, false, false, "ü"),
            ("de", 16, false, true, "@"), ("de", 9, false, true, "["),
            ("de", 12, false, true, "\\"),
            ("de", 27, false, true, "~"), ("de", 86, false, true, "|"),
            ("de", 41, false, false, "^"),
            ("fr", 16, false, false, "a"), ("fr", 30, false, false, "q"),
            ("fr", 2, false, false, "&"),
            ("fr", 2, true, false, "1"), ("fr", 11, false, true, "@"),
            ("fr", 50, false, false, ","),
            ("fr", 39, false, false, "m"),
            ("be", 11, false, false, "à"), ("be", 3, false, true, "@"),
            ("be", 7, false, false, "§"),
            ("be", 53, true, false, "+"), ("be", 10, false, true, "{"),
            ("nl", 41, false, false, "@"), ("nl", 8, true, false, "_"),
            ("nl", 86, false, false, "]"),
            ("es", 39, false, false, "ñ"), ("es", 3, false, true, "@"), ("es", 4, true, false, "·"),
            ("it", 40, false, false, "à"), ("it", 39, false, true, "@"),
            ("it", 4, true, false, "£"),
            ("tr", 23, false, false, "ı"), ("tr", 23, true, false, "I"),
            ("tr", 40, false, false, "i"),
            ("tr", 40, true, false, "İ"), ("tr", 16, false, true, "@"),
            ("tr", 12, false, false, "*"),
        ] as [(String, UInt16, Bool, Bool, Character)])
    func tableFacts(layout: String, code: UInt16, shift: Bool, altGr: Bool, expected: Character)
        throws
    {
        let table = try KeyLayout.named(layout)
        #expect(table.character(for: code, shift: shift, altGr: altGr) == expected)
    }

    @Test(
        arguments: [
            ("us", 30, "A"), ("us", 2, "1"), ("de", 39, "Ö"), ("tr", 40, "İ"), ("tr", 23, "I"),
            ("fr", 2, "1"), ("fr", 11, "0"), ("fr", 41, "²"), ("be", 11, "0"), ("es", 39, "Ñ"),
        ] as [(String, UInt16, Character)])
    func capsLockGivesCapitalsAndAZERTYDigits(layout: String, code: UInt16, expected: Character)
        throws
    {
        let table = try KeyLayout.named(layout)
        #expect(table.character(for: code, capsLock: true) == expected)
    }

    @Test func unknownLayoutListsTheKnownOnes() {
        #expect(
            throws: KeyLayoutError(
                name: "sv", known: ["us", "uk", "de", "fr", "be", "nl", "es", "it", "tr"])
        ) {
            try KeyLayout.named("sv")
        }
        #expect((try? KeyLayout.named("gb")) == .unitedKingdom)
    }

    /// A phrase typed on each layout the way a scanner set to it would (the key and level
    /// found in the layout), decoded back with that layout.
    @Test(arguments: KeyLayout.all.map(\.name))
    func phraseTypedPerLayoutComesBack(layout name: String) throws {
        let layout = try KeyLayout.named(name)
        let phrases = [
            "0013748911", "HA112", "Zürich-12", "]C1010400638133393110ABC123",
            "info@lanegate.example", "A/B #7 [x] {y} \\z|",
        ]
        let settings = try KeyboardWedgeSettings(layout: layout)
        for phrase in phrases {
            guard let events = Self.typing(phrase, on: layout) else {
                continue  // A layout without one of the characters cannot send it.
            }
            var decoder = KeyboardWedgeDecoder(settings: settings)
            let frames = decoder.feed(events + [.key(28, 1), .key(28, 0)])
            #expect(frames == [.message(Array(phrase.utf8))], "\(name): \(phrase)")
        }
    }

    @Test func everyLayoutTypesTheDigitsAndLettersScannersSend() {
        let needed = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-./"
        for layout in KeyLayout.all {
            let missing = needed.filter { Self.typing(String($0), on: layout) == nil }
            #expect(missing.isEmpty, "\(layout.name) cannot type \(missing)")
        }
    }

    /// Key events for `phrase` on `layout`: Shift and Right Alt held as the level needs.
    static func typing(_ phrase: String, on layout: KeyLayout) -> [EvdevEvent]? {
        var events: [EvdevEvent] = []
        for character in phrase {
            guard let (code, shift, altGr) = find(character, on: layout) else { return nil }
            if shift { events.append(.key(42, 1)) }
            if altGr { events.append(.key(100, 1)) }
            events += [.key(code, 1), .report(), .key(code, 0), .report()]
            if altGr { events.append(.key(100, 0)) }
            if shift { events.append(.key(42, 0)) }
        }
        return events
    }

    private static func find(_ character: Character, on layout: KeyLayout)
        -> (UInt16, Bool, Bool)?
    {
        for code: UInt16 in 2...86 where code != 28 && code != 15 {
            for (shift, altGr) in [(false, false), (true, false), (false, true), (true, true)]
            where layout.character(for: code, shift: shift, altGr: altGr) == character {
                return (code, shift, altGr)
            }
        }
        return nil
    }
}
