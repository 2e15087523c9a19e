import Testing

@testable import POSProtocols

private func lines(_ outputs: [LaneLinkLineFramer.Output]) -> [String] {
    outputs.map {
        switch $0 {
        case .line(let bytes): String(decoding: bytes, as: UTF8.self)
        case .tooLong: "<too long>"
        }
    }
}

/// Feeds `stream` cut at every pair of places (three chunks), and returns each result.
private func everySplit(_ stream: [UInt8], maxLineLength: Int) -> [[String]] {
    var results: [[String]] = []
    for first in 0...stream.count {
        for second in first...stream.count {
            var framer = LaneLinkLineFramer(maxLineLength: maxLineLength)
            var outputs = framer.feed(stream[..<first])
            outputs += framer.feed(stream[first..<second])
            outputs += framer.feed(stream[second...])
            results.append(lines(outputs))
        }
    }
    return results
}

@Suite struct LaneLinkLineFramerTests {
    @Test func cutsLinesAtEverySplit() {
        let stream = Array("{\"a\":1}\r\n{\"b\":2}\n\r\n\n{\"c\":\"x\ry\"}\npartial".utf8)
        let expected = ["{\"a\":1}", "{\"b\":2}", "{\"c\":\"x\ry\"}"]
        for result in everySplit(stream, maxLineLength: 64) {
            #expect(result == expected)
        }
    }

    /// A keep-alive of spaces or tabs is a blank line too: answering it (the JSON reader
    /// finds no value) would put an extra `id: null` error among the POS's replies.
    @Test func skipsLinesOfOnlySpacesAndTabsAtEverySplit() {
        let stream = Array("  \r\n{\"a\":1}\n\t\n \t \n{ }\n".utf8)
        for result in everySplit(stream, maxLineLength: 64) {
            #expect(result == ["{\"a\":1}", "{ }"])
        }
    }

    @Test func reportsAnOversizedLineOnceAndGoesOnAtEverySplit() {
        // Limit 8: "12345678" fits, "123456789" does not, "12345678\r\n" fits (CR is the
        // terminator's), and the long line's tail "…ABC" is skipped up to its LF.
        let stream = Array("12345678\n123456789ABC\r\nok\n12345678\r\nabcdefghijk".utf8)
        let expected = ["12345678", "<too long>", "ok", "12345678", "<too long>"]
        for result in everySplit(stream, maxLineLength: 8) {
            #expect(result == expected)
        }
    }

    @Test func keepsTheLimitAtSixtyFourKibibytes() {
        var framer = LaneLinkLineFramer()
        #expect(framer.maxLineLength == 65_536)
        let full = [UInt8](repeating: UInt8(ascii: "x"), count: 65_536)
        #expect(framer.feed(full + [0x0D, 0x0A]) == [.line(full)])
        #expect(framer.feed(full + [UInt8(ascii: "y")]) == [.tooLong])
        #expect(framer.pendingByteCount == 0)
        #expect(framer.feed(Array("zzz\n{}\n".utf8)) == [.line(Array("{}".utf8))])
    }

    @Test func holdsAPartialLineUntilItsEnd() {
        var framer = LaneLinkLineFramer()
        #expect(framer.feed(Array("{\"op\"".utf8)) == [])
        #expect(framer.pendingByteCount == 5)
        #expect(framer.feed(Array(":1}\n".utf8)) == [.line(Array("{\"op\":1}".utf8))])
        #expect(framer.pendingByteCount == 0)
    }
}
