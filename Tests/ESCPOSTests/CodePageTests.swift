import Testing

@testable import ESCPOS

@Suite struct CodePageTests {
    @Test(
        arguments: [
            (19, "€", 0xD5), (16, "€", 0x80), (40, "€", 0xA4),
            (0, "é", 0x82), (0, "ü", 0x81), (0, "ñ", 0xA4), (0, "ß", 0xE1),
            (2, "é", 0x82), (2, "ü", 0x81), (2, "ñ", 0xA4), (2, "ß", 0xE1),
            (19, "é", 0x82), (19, "ü", 0x81), (19, "ñ", 0xA4), (19, "ß", 0xE1),
            (16, "é", 0xE9), (16, "ü", 0xFC), (16, "ñ", 0xF1), (16, "ß", 0xDF),
            (40, "é", 0xE9), (40, "ü", 0xFC), (40, "ñ", 0xF1), (40, "ß", 0xDF),
            (18, "ő", 0x8B), (45, "ő", 0xF5), (17, "Ж", 0x86), (0, "─", 0xC4),
        ] as [(UInt8, Character, UInt8)])
    func encodesAndDecodes(table: UInt8, character: Character, byte: UInt8) throws {
        let page = try #require(CodePage.table(table))
        #expect(page.encode(character) == byte)
        #expect(page.decode(byte) == character)
    }

    @Test(arguments: [(0, "€"), (2, "€"), (40, "─"), (17, "é")] as [(UInt8, Character)])
    func missingCharacters(table: UInt8, character: Character) throws {
        #expect(try #require(CodePage.table(table)).encode(character) == nil)
    }

    @Test func namesAndNumbers() {
        let names = CodePage.all.map { "\($0.number) \($0.name)" }
        #expect(
            names == [
                "0 PC437", "2 PC850", "3 PC860", "4 PC863", "5 PC865", "16 WPC1252",
                "17 PC866", "18 PC852", "19 PC858", "39 ISO8859-2", "40 ISO8859-15",
                "45 WPC1250", "46 WPC1251",
            ])
        #expect(CodePage.table(1) == nil)
    }

    @Test func everyDefinedByteRoundTrips() {
        for page in CodePage.all {
            for byte in 0x80...0xFF as ClosedRange<UInt8> {
                let character = page.decode(byte)
                guard character != "\u{FFFD}" else { continue }
                #expect(page.encode(character) == byte, "\(page.name) \(byte)")
            }
        }
    }

    @Test func asciiAndControls() throws {
        let page = try #require(CodePage.table(40))
        #expect(page.encode("A") == 0x41)
        #expect(page.encode("\u{1B}") == nil)
        #expect(page.decode(0x41) == "A")
        #expect(page.decode(0x80) == "\u{FFFD}")
    }
}
