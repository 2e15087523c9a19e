import Testing

@testable import Symbology

struct AIMIdentifierTests {
    @Test(arguments: [
        ("]E0", Symbology.ean13), ("]E3", .ean13), ("]E4", .ean8), ("]E1", .eanUPCAddOn),
        ("]E2", .eanUPCAddOn), ("]C0", .code128), ("]C1", .gs1_128), ("]C2", .code128),
        ("]C4", .isbt128), ("]A0", .code39), ("]A7", .code39), ("]Q0", .qr), ("]Q1", .qr),
        ("]Q3", .gs1QR), ("]Q4", .gs1QR), ("]Q5", .qr), ("]d1", .dataMatrix),
        ("]d2", .gs1DataMatrix), ("]d5", .gs1DataMatrix), ("]d4", .dataMatrix),
        ("]e0", .gs1DataBar), ("]e1", .gs1Composite), ("]I0", .itf), ("]I1", .itf),
        ("]L0", .pdf417), ("]z0", .aztec), ("]U0", .maxiCode), ("]F0", .codabar),
        ("]G0", .code93), ("]H0", .code11), ("]J0", .dotCode), ("]J1", .gs1DotCode),
        ("]R0", .iata2of5), ("]S0", .industrial2of5), ("]M0", .msi), ("]P0", .plessey),
        ("]B0", .telepen), ("]K0", .code16K), ("]T0", .code49), ("]D0", .codeOne),
        ("]O0", .codablock), ("]N0", .anker), ("]c0", .channelCode), ("]p0", .posiCode),
        ("]s0", .superCode), ("]o0", .ocr),
    ])
    func symbology(_ text: String, _ symbology: Symbology) throws {
        let aim = try #require(AIMIdentifier(text))
        #expect(aim.text == text)
        #expect(aim.symbology == symbology)
    }

    @Test(arguments: ["]X0", "]Y0", "]Z0", "]W1"])
    func identifierWithoutSymbology(_ text: String) throws {
        let aim = try #require(AIMIdentifier(text))
        #expect(aim.symbology == nil)
    }

    @Test func splitsTheLeadingIdentifier() {
        let (aim, data) = AIMIdentifier.split(Array("]E04006381333931".utf8))
        #expect(aim?.code == "E")
        #expect(aim?.modifier == "0")
        #expect(data == Array("4006381333931".utf8))
    }

    /// A `]` not followed by a letter and a letter or digit is data.
    @Test(arguments: ["]12345", "]E", "]", "]E-1", "E04006381333931", "]]E0"])
    func noIdentifier(_ payload: String) {
        let (aim, data) = AIMIdentifier.split(Array(payload.utf8))
        #expect(aim == nil)
        #expect(data == Array(payload.utf8))
    }

    @Test func invalidParts() {
        #expect(AIMIdentifier(code: "1", modifier: "0") == nil)
        #expect(AIMIdentifier(code: "E", modifier: "-") == nil)
        #expect(AIMIdentifier(code: "é", modifier: "0") == nil)
        #expect(AIMIdentifier("]E01") == nil)
    }
}
