import Testing

@testable import ESCPOS

@Suite struct ESCPOSParserTests {
    typealias Kind = ESCPOSElement.Kind

    /// A stream as another POS program might send it, with the offset of every part.
    static let foreignStream: [UInt8] =
        [0x1B, 0x40]  // 0 ESC @
        + [0x1B, 0x21, 0x08]  // 2 ESC ! 8: emphasized
        + Array("Hi".utf8)  // 5
        + [0x0A]  // 7 LF
        + [0x1B, 0x33, 0x40]  // 8 ESC 3 n: line spacing
        + [0x1D, 0x4C, 0x10, 0x00]  // 11 GS L: left margin
        + [0x1B, 0x70, 0x00, 0x19, 0xFA]  // 15 ESC p: drawer pulse
        + [0x1D, 0x76, 0x30, 0x00, 0x02, 0x00, 0x02, 0x00, 0xFF, 0xFF, 0xFF, 0xFF]  // 20
        + [
            0x1D, 0x28, 0x4C, 0x0E, 0x00, 0x30, 0x70, 0x30, 0x01, 0x01, 0x31,
            0x10, 0x00, 0x02, 0x00, 0xFF, 0xFF, 0xFF, 0xFF,
        ]  // 32 GS ( L fn 112
        + [0x1D, 0x6B, 0x04] + Array("AB12".utf8) + [0x00]  // 51 GS k m=4, NUL-ended
        + [0x1B, 0x7A, 0x41]  // 59 ESC z: unknown, then "A" as text at 61
        + [0x1B, 0x74, 0x13, 0xD5]  // 62 ESC t 19, then "€" at 65
        + [0x0A]  // 66 LF
        + [0x1B, 0x21, 0x30, 0x1B, 0x61, 0x01]  // 67 ESC ! 0x30, ESC a 1
        + Array("Big".utf8)  // 73
        + [0x10, 0x04, 0x01]  // 76 DLE EOT 1
        + [0x1D, 0x56, 0x42, 0x03]  // 79 GS V 66 3
        + [0x07]  // 83 a stray BEL

    static let foreignElements: [ESCPOSElement] = {
        let bold = TextState(emphasized: true)
        let big = TextState(width: 2, height: 2, alignment: .center)
        let barcode = Barcode(
            type: .code39, data: Array("AB12".utf8), hri: .none, moduleWidth: 3, height: 162)
        let kinds: [(Int, Kind)] = [
            (0, .initialize), (5, .text("Hi", bold)), (7, .lineFeed),
            (20, .image(width: 16, height: 2)), (32, .image(width: 16, height: 2)),
            (51, .barcode(barcode)), (59, .unknown([0x1B, 0x7A])), (61, .text("A", bold)),
            (62, .codePage(19)), (65, .text("€", bold)), (66, .lineFeed),
            (73, .text("Big", big)), (76, .statusRequest(1)), (79, .cut), (83, .unknown([0x07])),
        ]
        return kinds.map { ESCPOSElement(offset: $0.0, kind: $0.1) }
    }()

    @Test func foreignStreamGivesExactElements() {
        #expect(ESCPOSParser.parse(Self.foreignStream) == Self.foreignElements)
    }

    /// Feeds `stream` split at `cut` and returns all elements.
    static func elements(_ stream: [UInt8], splitAt cut: Int) -> [ESCPOSElement] {
        var parser = ESCPOSParser()
        return parser.feed(Array(stream[..<cut])) + parser.feed(Array(stream[cut...]))
            + parser.finish()
    }

    @Test func everySplitGivesTheSameElements() {
        let whole = ESCPOSParser.parse(Self.foreignStream)
        for cut in 0...Self.foreignStream.count {
            #expect(Self.elements(Self.foreignStream, splitAt: cut) == whole, "split at \(cut)")
        }

        var parser = ESCPOSParser()
        var byByte = Self.foreignStream.flatMap { parser.feed([$0]) }
        byByte += parser.finish()
        #expect(byByte == whole)
    }

    @Test func feedReturnsOnlyCompleteElements() {
        var parser = ESCPOSParser()
        #expect(parser.feed([0x41, 0x42]).isEmpty)  // text may go on
        #expect(
            parser.feed([0x0A, 0x1D, 0x6B, 0x49, 0x05, 0x7B]) == [
                ESCPOSElement(offset: 0, kind: .text("AB", TextState())),
                ESCPOSElement(offset: 2, kind: .lineFeed),
            ])
        let rest = parser.feed([0x43, 0x0C, 0x22, 0x38])
        #expect(
            rest == [
                ESCPOSElement(
                    offset: 3,
                    kind: .barcode(
                        Barcode(
                            type: .code128, data: [0x7B, 0x43, 0x0C, 0x22, 0x38], hri: .none,
                            moduleWidth: 3, height: 162)))
            ])
        #expect(parser.finish().isEmpty)
    }

    @Test func finishReportsACutOffCommand() {
        var parser = ESCPOSParser()
        #expect(
            parser.feed([0x58, 0x1D, 0x6B, 0x49, 0x0A, 0x41]) == [
                ESCPOSElement(offset: 0, kind: .text("X", TextState()))
            ])
        #expect(
            parser.finish() == [
                ESCPOSElement(offset: 1, kind: .unknown([0x1D, 0x6B, 0x49, 0x0A, 0x41]))
            ])
        // The parser starts over: offsets count from 0 again.
        #expect(parser.feed([0x0A]) == [ESCPOSElement(offset: 0, kind: .lineFeed)])
    }

    @Test func largeImagesAreCountedThroughNotBuffered() {
        // 300 bytes by 300 rows: 90 000 data bytes, more than the buffer limit.
        let header: [UInt8] = [0x1D, 0x76, 0x30, 0x00, 0x2C, 0x01, 0x2C, 0x01]
        let stream = header + Array(repeating: 0x55, count: 90_000) + Array("ok\n".utf8)
        let expected = [
            ESCPOSElement(offset: 0, kind: .image(width: 2400, height: 300)),
            ESCPOSElement(offset: 90_008, kind: .text("ok", TextState())),
            ESCPOSElement(offset: 90_010, kind: .lineFeed),
        ]
        #expect(ESCPOSParser.parse(stream) == expected)

        var parser = ESCPOSParser()
        var elements: [ESCPOSElement] = []
        for start in stride(from: 0, to: stream.count, by: 1000) {
            elements += parser.feed(Array(stream[start..<min(start + 1000, stream.count)]))
            #expect(parser.buffer.count <= 1000)
        }
        #expect(elements + parser.finish() == expected)
    }

    @Test func largeImageCutOffReportsItsHeader() {
        var parser = ESCPOSParser()
        let header: [UInt8] = [0x1D, 0x76, 0x30, 0x00, 0x2C, 0x01, 0x2C, 0x01]
        #expect(parser.feed(header + [0xFF, 0xFF]).isEmpty)
        #expect(
            parser.finish() == [
                ESCPOSElement(offset: 0, kind: .unknown(header + [0xFF, 0xFF]))
            ])
    }

    @Test func graphics8LWithFourByteLength() {
        let data: [UInt8] = [0x30, 0x70, 0x30, 0x01, 0x01, 0x31, 0x08, 0x00, 0x01, 0x00, 0xFF]
        let stream =
            [0x1D, 0x38, 0x4C, 0x0B, 0x00, 0x00, 0x00] + data + [
                0x1D, 0x28, 0x4C,
                0x02, 0x00, 0x30, 0x32,
            ]  // then function 50: print the buffer
        #expect(
            ESCPOSParser.parse(stream) == [
                ESCPOSElement(offset: 0, kind: .image(width: 8, height: 1))
            ])
    }

    @Test func realTimeAndOtherLengthRules() {
        let stream: [UInt8] =
            [
                0x10, 0x05, 0x02,  // 0 DLE ENQ 2
                0x10, 0x14, 0x01, 0x00, 0x02,  // 3 DLE DC4 1: pulse
                0x10, 0x14, 0x08, 0x01, 0x03, 0x14, 0x01, 0x06, 0x02, 0x08,  // 8 clear buffers
                0x1B, 0x2A, 0x21, 0x02, 0x00, 1, 2, 3, 4, 5, 6,  // 18 ESC * 33, 2 columns
                0x1B, 0x44, 0x08, 0x10, 0x00,  // 29 ESC D tabs
                0x1B, 0x28, 0x41, 0x04, 0x00, 0x30, 0x30, 0x01, 0x01,  // 34 ESC ( A beeper
                0x1C, 0x28, 0x41, 0x02, 0x00, 0x30, 0x30,  // 43 FS ( A
                0x1D, 0x6B, 0x41, 0x0B,
            ] + Array("01234567890".utf8) + [  // 50 GS k 65
                0x1B, 0x64, 0x03,  // 65 ESC d 3
                0x1B, 0x69,  // 68 ESC i
            ]
        #expect(
            ESCPOSParser.parse(stream) == [
                ESCPOSElement(offset: 18, kind: .image(width: 2, height: 24)),
                ESCPOSElement(
                    offset: 50,
                    kind: .barcode(
                        Barcode(
                            type: .upcA, data: Array("01234567890".utf8), hri: .none,
                            moduleWidth: 3,
                            height: 162))),
                ESCPOSElement(offset: 65, kind: .feed(3)),
                ESCPOSElement(offset: 68, kind: .cut),
            ])
        for cut in 0...stream.count {
            #expect(Self.elements(stream, splitAt: cut) == ESCPOSParser.parse(stream))
        }
    }

    @Test func roundTripsTheEncoder() throws {
        var encoder = ESCPOSEncoder(codePages: [19, 0])
        var expected: [ESCPOSElement] = []
        func mark(_ kind: Kind, at offset: Int) {
            expected.append(ESCPOSElement(offset: offset, kind: kind))
        }

        mark(.initialize, at: encoder.bytes.count)
        encoder.initialize()
        encoder.align(.center)
        encoder.emphasis(true)
        let title = encoder.bytes.count
        encoder.line("Café €")
        mark(.codePage(19), at: title)
        mark(.text("Café €", TextState(emphasized: true, alignment: .center)), at: title + 3)
        mark(.lineFeed, at: encoder.bytes.count - 1)

        encoder.emphasis(false)
        encoder.align(.left)
        encoder.size(width: 2, height: 1)
        encoder.underline(true)
        mark(.text("BIG", TextState(underline: 1, width: 2)), at: encoder.bytes.count)
        encoder.line("BIG")
        mark(.lineFeed, at: encoder.bytes.count - 1)
        encoder.size(width: 1, height: 1)
        encoder.underline(false)

        let rule = encoder.bytes.count
        encoder.line("π")
        mark(.codePage(0), at: rule)
        mark(.text("π", TextState()), at: rule + 3)
        mark(.lineFeed, at: encoder.bytes.count - 1)

        let barcodeStart = encoder.bytes.count
        try encoder.code128("AB12345678", moduleWidth: 2, height: 60, hri: .below)
        mark(
            .barcode(
                Barcode(
                    type: .code128, data: try ESCPOSEncoder.code128Payload("AB12345678"),
                    hri: .below, moduleWidth: 2, height: 60)), at: barcodeStart + 9)

        let qrData = Array("https://example.com/v/8F3K2".utf8)
        let qrStart = encoder.bytes.count
        encoder.qrCode(qrData, moduleSize: 6, errorCorrection: .q)
        mark(
            .qrCode(QRCode(data: qrData, model: 2, moduleSize: 6, errorCorrection: .q)),
            at: qrStart + 9 + 8 + 8 + 8 + qrData.count)

        mark(.feed(2), at: encoder.bytes.count)
        encoder.feed(lines: 2)
        mark(.statusRequest(4), at: encoder.bytes.count)
        encoder.statusRequest(4)
        mark(.processIDRequest(Array("J001".utf8)), at: encoder.bytes.count)
        encoder.processIDRequest(Array("J001".utf8))
        mark(.cut, at: encoder.bytes.count)
        encoder.cut(.partial, feedLines: 3)
        mark(.cut, at: encoder.bytes.count)
        encoder.cut(.full, feedLines: 0)

        #expect(ESCPOSParser.parse(encoder.bytes) == expected)
        for cut in 0...encoder.bytes.count {
            #expect(Self.elements(encoder.bytes, splitAt: cut) == expected, "split at \(cut)")
        }
    }

    @Test func code128HumanReadable() {
        let barcode = Barcode(
            type: .code128, data: [0x7B, 0x42, 0x41, 0x7B, 0x7B, 0x7B, 0x43, 0x05, 0x63],
            hri: .below, moduleWidth: 2, height: 50)
        #expect(barcode.humanReadable == "A{0599")
    }
}
