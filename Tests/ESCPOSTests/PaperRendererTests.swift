import Testing

@testable import ESCPOS

@Suite struct PaperRendererTests {
    static func receipt() throws -> [UInt8] {
        var encoder = ESCPOSEncoder(codePages: [19])
        encoder.initialize()
        encoder.align(.center)
        encoder.emphasis(true)
        encoder.line("KOFFIEKAART")
        encoder.emphasis(false)
        encoder.align(.left)
        encoder.line("Latte macchiato          3,50 €")
        encoder.align(.right)
        encoder.size(width: 2, height: 2)
        encoder.line("12,50")
        encoder.size(width: 1, height: 1)
        encoder.align(.center)
        try encoder.code128("123456", moduleWidth: 2, height: 60, hri: .below)
        encoder.qrCode(Array("V8F3K2".utf8), moduleSize: 6, errorCorrection: .m)
        encoder.align(.left)
        encoder.line("0123456789012345678901234567890123")
        encoder.feed(lines: 1)
        encoder.cut(.partial, feedLines: 3)
        return encoder.bytes
    }

    @Test func smallReceiptOn58mm() throws {
        let lines = PaperRenderer.render(ESCPOSParser.parse(try Self.receipt()), columns: 32)
        #expect(
            lines == [
                PaperLine(text: "          KOFFIEKAART", bold: true),
                PaperLine(text: "Latte macchiato          3,50 €"),
                PaperLine(text: "                      1 2 , 5 0"),
                // 88 modules of 2 dots: 176 dots, 14 columns of 12 dots, centred.
                PaperLine(text: "         ▌▌▌███▌███▌██▌", kind: .barcode("123456")),
                PaperLine(text: "             123456"),
                PaperLine(text: "          [QR V8F3K2]", kind: .qr(Array("V8F3K2".utf8))),
                PaperLine(text: "01234567890123456789012345678901"),
                PaperLine(text: "23"),
                PaperLine(text: ""),
                PaperLine(text: "✂ - - - - - - - - - - - - - - -", kind: .cut),
            ])
    }

    @Test func columnsWrapAndSpreadDoubleWidth() {
        let wide = TextState(width: 2)
        let elements = [
            ESCPOSElement(offset: 0, kind: .text("ABCDE", wide)),
            ESCPOSElement(offset: 5, kind: .lineFeed),
            ESCPOSElement(offset: 6, kind: .image(width: 384, height: 100)),
        ]
        #expect(
            PaperRenderer.render(elements, columns: 8) == [
                PaperLine(text: "A B C D"),
                PaperLine(text: "E"),
                PaperLine(text: "[image 384x100]", kind: .image(width: 384, height: 100)),
            ])
    }

    @Test func initializeDropsAnUnfedLine() {
        let elements = [
            ESCPOSElement(offset: 0, kind: .text("lost", TextState())),
            ESCPOSElement(offset: 4, kind: .initialize),
            ESCPOSElement(offset: 6, kind: .text("kept", TextState(emphasized: true))),
        ]
        #expect(
            PaperRenderer.render(elements, columns: 48) == [
                PaperLine(text: "kept", bold: true)
            ])
    }
}
