import Testing

@testable import Devices

/// The decoder over the recorded fixtures and hand-fed events.
@Suite struct KeyboardWedgeDecoderTests {
    /// Each fixture, read with the layout its header names, gives exactly these messages.
    @Test(arguments: [
        ("k01-badge-us.replay", ["0013748911"]),
        ("ha112-us.replay", ["HA112"]),
        ("zurich-de.replay", ["Zürich-12", "A@1"]),
        ("digits-fr.replay", ["0123456789", "123"]),
        ("capslock-us.replay", ["ABC1de"]),
        ("gs1-altcode-us.replay", ["]C1010400638133393110ABC123\u{1D}2112345"]),
        ("repeat-us.replay", ["0011"]),
        ("idle-gap-us.replay", ["4006381333931", "96385074", "0012345678"]),
        ("unplug-us.replay", ["4006381333931"]),
    ])
    func fixtureGivesItsMessages(file: String, expected: [String]) throws {
        let recording = try KeyboardWedgeFixture.load(file)
        let layout = try KeyLayout.named(try #require(recording.layout))
        let settings = try KeyboardWedgeSettings(layout: layout)
        let frames = KeyboardWedgeFixture.decode(recording, settings: settings)
        #expect(KeyboardWedgeFixture.messages(frames) == expected)
    }

    /// K01: the reader's layout is the fix; the host's Belgian one gives the wrong text.
    @Test func k01ReadThroughABelgianLayoutIsWrong() throws {
        let k01 = try KeyboardWedgeFixture.load("k01-badge-us.replay")
        let ha112 = try KeyboardWedgeFixture.load("ha112-us.replay")
        let belgian = try KeyboardWedgeSettings(layout: .belgian)
        #expect(
            KeyboardWedgeFixture.messages(
                KeyboardWedgeFixture.decode(k01, settings: belgian)) == ["àà&\"è'!ç&&"])
        #expect(
            KeyboardWedgeFixture.messages(
                KeyboardWedgeFixture.decode(ha112, settings: belgian)) == ["HQ&&é"])
    }

    @Test func gsSurvivesAsOneByte() throws {
        let recording = try KeyboardWedgeFixture.load("gs1-altcode-us.replay")
        let frames = KeyboardWedgeFixture.decode(
            recording, settings: try KeyboardWedgeSettings(layout: .unitedStates))
        #expect(
            frames == [
                .message(
                    Array("]C1010400638133393110ABC123".utf8) + [0x1D]
                        + Array("2112345".utf8))
            ])
    }

    /// Alt+keypad digits, typed as one byte on the release of Left Alt.
    @Test(
        arguments: [
            ([0, 2, 9], [0x1D]),
            ([2, 9], [0x1D]),  // no leading zero: the same byte
            ([0, 2, 5, 2], [0xC3, 0xBC]),  // 252 is ü in ISO 8859-1, sent as UTF-8
            ([6, 5, 6, 0, 1], [0x41]),  // 65601 modulo 256 is 65, "A"
        ] as [([Int], [UInt8])])
    func altKeypadDigitsTypeOneByte(digits: [Int], expected: [UInt8]) throws {
        var decoder = KeyboardWedgeDecoder(
            settings: try KeyboardWedgeSettings(layout: .unitedStates))
        let keypad: [UInt16] = [82, 79, 80, 81, 75, 76, 77, 71, 72, 73]
        var frames = decoder.feed([.key(56, 1), .report()])
        for digit in digits {
            frames += decoder.feed([.key(keypad[digit], 1), .report(), .key(keypad[digit], 0)])
        }
        #expect(frames == [])
        frames += decoder.feed([.key(56, 0), .report()])
        #expect(frames == [])
        #expect(decoder.idle() == [.message(expected)])
    }

    /// Ctrl with a letter or `@`…`_` gives its control code; Alt alone types nothing.
    @Test(
        arguments: [
            ([29], 27, [0x1D]),  // Ctrl+] is GS
            ([97], 50, [0x0D]),  // Right Ctrl+M is CR
            ([29, 42], 3, [0x00]),  // Ctrl+Shift+2 is Ctrl+@, NUL
            ([29], 2, []),  // Ctrl+1 types nothing
            ([56], 30, []),  // Alt+A is a shortcut, not a character
            ([29, 56], 16, []),  // Ctrl+Alt is AltGr; US has no AltGr level
        ] as [([UInt16], UInt16, [UInt8])])
    func ctrlMakesControlCodes(held: [UInt16], code: UInt16, expected: [UInt8]) throws {
        var decoder = KeyboardWedgeDecoder(
            settings: try KeyboardWedgeSettings(layout: .unitedStates))
        var frames = decoder.feed(held.map { .key($0, 1) })
        frames += decoder.feed([.key(code, 1), .report(), .key(code, 0), .report()])
        frames += decoder.feed(held.reversed().map { .key($0, 0) })
        frames += decoder.idle()
        #expect(frames == (expected.isEmpty ? [] : [.message(expected)]))
    }

    @Test func ctrlAltIsAltGrOnGerman() throws {
        var decoder = KeyboardWedgeDecoder(settings: try KeyboardWedgeSettings(layout: .german))
        let events: [EvdevEvent] = [
            .key(29, 1), .key(56, 1), .key(16, 1), .key(16, 0),
            .key(56, 0), .key(29, 0),
        ]
        #expect(decoder.feed(events) + decoder.idle() == [.message(Array("@".utf8))])
    }

    @Test func tabSuffixKeepsEnterInTheMessage() throws {
        let settings = try KeyboardWedgeSettings(layout: .unitedStates, suffixKeys: [.tab])
        var decoder = KeyboardWedgeDecoder(settings: settings)
        let events: [EvdevEvent] = [
            .key(2, 1), .key(2, 0), .key(28, 1), .key(28, 0),
            .key(3, 1), .key(3, 0), .key(15, 1), .key(15, 0),
        ]
        #expect(decoder.feed(events) == [.message([0x31, 0x0D, 0x32])])
        #expect(!decoder.hasPartialMessage)
    }

    @Test func emptyMessagesAreNone() throws {
        var decoder = KeyboardWedgeDecoder(
            settings: try KeyboardWedgeSettings(layout: .unitedStates))
        #expect(decoder.feed([.key(28, 1), .key(28, 0), .key(96, 1), .key(96, 0)]) == [])
        #expect(decoder.idle() == [])
    }

    @Test func overlongMessageIsDroppedUpToItsEnd() throws {
        let settings = try KeyboardWedgeSettings(layout: .unitedStates, maximumMessageSize: 3)
        var decoder = KeyboardWedgeDecoder(settings: settings)
        var frames: [ScanFrame] = []
        for code: UInt16 in [2, 3, 4, 5, 6, 28, 7, 28] {
            frames += decoder.feed([.key(code, 1), .key(code, 0)])
        }
        #expect(frames == [.dropped(.messageTooLong(limit: 3)), .message(Array("6".utf8))])
    }

    @Test func lostEventsDropTheMessageInProgress() throws {
        var decoder = KeyboardWedgeDecoder(
            settings: try KeyboardWedgeSettings(layout: .unitedStates))
        let dropped = EvdevEvent(type: EvdevCode.synchronization, code: 3, value: 0)
        var frames = decoder.feed([.key(2, 1), .key(2, 0), dropped, .key(3, 1), .key(3, 0)])
        frames += decoder.feed([.key(28, 1), .key(4, 1), .key(4, 0), .key(28, 0)])
        frames += decoder.idle()
        #expect(frames == [.message(Array("3".utf8))])
    }

    @Test func settingsThatEndNothingAreRefused() {
        #expect(
            throws: KeyboardWedgeError(
                problem: "nothing ends a message; give a suffix key (enter, keypad-enter, tab) "
                    + "or an idle gap")
        ) {
            try KeyboardWedgeSettings(layout: .unitedStates, suffixKeys: [], idleGap: nil)
        }
    }
}
