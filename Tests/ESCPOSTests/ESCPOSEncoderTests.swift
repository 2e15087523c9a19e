import Testing

@testable import ESCPOS

@Suite struct ESCPOSEncoderTests {
    @Test func p01EuroThenRuleOnISO885915() {
        var encoder = ESCPOSEncoder(codePages: [40])
        encoder.line("TOTAL 12,50 €")
        encoder.line("────────")
        #expect(
            encoder.bytes == [
                0x1B, 0x74, 0x28, 0x54, 0x4F, 0x54, 0x41, 0x4C, 0x20, 0x31, 0x32, 0x2C, 0x35,
                0x30, 0x20, 0xA4, 0x0A,
                0x2D, 0x2D, 0x2D, 0x2D, 0x2D, 0x2D, 0x2D, 0x2D, 0x0A,
            ])
    }

    @Test func p01RuleMaySwitchToCP437WhenListed() {
        var encoder = ESCPOSEncoder(codePages: [40, 0])
        encoder.line("12,50 €")
        encoder.line("───")
        #expect(
            encoder.bytes == [
                0x1B, 0x74, 0x28, 0x31, 0x32, 0x2C, 0x35, 0x30, 0x20, 0xA4, 0x0A,
                0x1B, 0x74, 0x00, 0xC4, 0xC4, 0xC4, 0x0A,
            ])
    }

    @Test func asciiTextSelectsNoTable() {
        var encoder = ESCPOSEncoder(codePages: [19])
        encoder.text("Koffie 2x")
        #expect(encoder.bytes == Array("Koffie 2x".utf8))
    }

    @Test func switchesOnlyWhenTheTableChanges() {
        var encoder = ESCPOSEncoder(codePages: [19])
        encoder.line("€ 1")
        encoder.line("é €")
        #expect(encoder.bytes == [0x1B, 0x74, 19, 0xD5, 0x20, 0x31, 0x0A, 0x82, 0x20, 0xD5, 0x0A])
    }

    @Test func initializeForgetsTheActiveTable() {
        var encoder = ESCPOSEncoder(codePages: [16])
        encoder.text("€")
        encoder.initialize()
        encoder.text("€")
        #expect(encoder.bytes == [0x1B, 0x74, 16, 0x80, 0x1B, 0x40, 0x1B, 0x74, 16, 0x80])
    }

    @Test func prefersTheTableCoveringTheLongerStretch() {
        // PC437 has é but no €; PC858 has both, so one switch serves the whole run.
        var encoder = ESCPOSEncoder(codePages: [0, 19])
        encoder.text("é€")
        #expect(encoder.bytes == [0x1B, 0x74, 19, 0x82, 0xD5])
    }

    @Test(arguments: [
        ("─═", "-="), ("–—‒", "---"), ("“x” ‘y’", "\"x\" 'y'"), ("éüñ", "eun"),
        ("ß", "ss"), ("€", "EUR"), ("中", "?"), ("a\u{1B}b", "a?b"),
    ])
    func fallsBackToASCII(input: String, expected: String) {
        var encoder = ESCPOSEncoder(codePages: [])
        encoder.text(input)
        #expect(encoder.bytes == Array(expected.utf8))
    }

    @Test func cyrillicTableLacksAccents() {
        var encoder = ESCPOSEncoder(codePages: [17])
        encoder.text("Жé─")
        #expect(encoder.bytes == [0x1B, 0x74, 17, 0x86, 0x65, 0xC4])
    }

    @Test func switchGoesAfterThePreviousTablesText() {
        var encoder = ESCPOSEncoder(codePages: [0, 40])
        encoder.text("─ x € y")
        #expect(
            encoder.bytes == [
                0x1B, 0x74, 0, 0xC4, 0x1B, 0x74, 40, 0x20, 0x78, 0x20, 0xA4,
                0x20, 0x79,
            ])
    }

    @Test func decomposedAccentsAreFound() {
        var encoder = ESCPOSEncoder(codePages: [16])
        encoder.text("e\u{301}")
        #expect(encoder.bytes == [0x1B, 0x74, 16, 0xE9])
    }

    @Test func styleCommands() {
        var encoder = ESCPOSEncoder(codePages: [])
        encoder.initialize()
        encoder.align(.center)
        encoder.emphasis(true)
        encoder.size(width: 2, height: 3)
        encoder.size(width: 0, height: 9)
        encoder.underline(true)
        encoder.feed(lines: 3)
        encoder.cut(.partial, feedLines: 4)
        encoder.cut(.full, feedLines: 0)
        encoder.cut(.partial, feedLines: 0)
        encoder.cut(.full, feedLines: 2)
        encoder.statusRequest(4)
        encoder.raw([0xAA])
        #expect(
            encoder.bytes == [
                0x1B, 0x40, 0x1B, 0x61, 1, 0x1B, 0x45, 1, 0x1D, 0x21, 0x12, 0x1D, 0x21, 0x07,
                0x1B, 0x2D, 1, 0x1B, 0x64, 3, 0x1D, 0x56, 66, 4, 0x1D, 0x56, 0, 0x1D, 0x56, 1,
                0x1D, 0x56, 65, 2, 0x10, 0x04, 4, 0xAA,
            ])
    }

    @Test func p03NativeQR() {
        let data = Array("https://example.com/v/8F3K2".utf8)
        #expect(data.count == 27)
        var encoder = ESCPOSEncoder(codePages: [])
        encoder.qrCode(data, moduleSize: 6, errorCorrection: .m)
        #expect(
            encoder.bytes == [
                0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00,
                0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, 0x06,
                0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, 0x31,
                0x1D, 0x28, 0x6B, 0x1E, 0x00, 0x31, 0x50, 0x30,
            ] + data + [
                0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30,
            ])
    }

    @Test func processIDRequest() {
        var encoder = ESCPOSEncoder(codePages: [])
        encoder.processIDRequest(Array("J042".utf8))
        encoder.processIDRequest([0x41, 0x01])
        #expect(
            encoder.bytes == [
                0x1D, 0x28, 0x48, 0x06, 0x00, 0x30, 0x30, 0x4A, 0x30, 0x34, 0x32,
                0x1D, 0x28, 0x48, 0x06, 0x00, 0x30, 0x30, 0x41, 0x30, 0x30, 0x30,
            ])
    }

    @Test func processIDReply() {
        #expect(
            ProcessIDReply.decode([0x37, 0x22, 0x4A, 0x30, 0x34, 0x32, 0x00])
                == ProcessIDReply(id: Array("J042".utf8)))
        #expect(ProcessIDReply.decode([0x37, 0x22, 0x4A, 0x30, 0x34, 0x32]) == nil)
        #expect(ProcessIDReply.decode([0x37, 0x23, 0x4A, 0x30, 0x34, 0x32, 0x00]) == nil)
        #expect(ProcessIDReply.decode([0x37, 0x22, 0x4A, 0x30, 0x34, 0x32, 0x01]) == nil)
        #expect(
            ProcessIDReply(id: Array("AB12".utf8)).bytes
                == [0x37, 0x22, 0x41, 0x42, 0x31, 0x32, 0x00])
    }
}
