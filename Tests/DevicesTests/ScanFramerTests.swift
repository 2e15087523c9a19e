import Testing

@testable import Devices

/// Every way of cutting `bytes` into one, two or three chunks.
func everySplit(of bytes: [UInt8]) -> [[[UInt8]]] {
    var splits: [[[UInt8]]] = [[bytes], bytes.map { [$0] }]
    for first in 1..<bytes.count {
        splits.append([Array(bytes[..<first]), Array(bytes[first...])])
        for second in (first + 1)..<max(bytes.count, first + 1) {
            splits.append([
                Array(bytes[..<first]), Array(bytes[first..<second]), Array(bytes[second...]),
            ])
        }
    }
    return splits
}

private func frame(
    _ chunks: [[UInt8]], _ framing: ScannerFraming, idleAtEnd: Bool = false
) -> [ScanFrame] {
    var framer = ScanFramer(framing: framing)
    var frames = chunks.flatMap { framer.feed($0) }
    if idleAtEnd {
        frames += framer.idle()
    }
    return frames
}

private let suffixThenIdle = try! ScannerFraming(
    suffixes: [ScannerFraming.carriageReturn, ScannerFraming.lineFeed, ScannerFraming.crlf],
    idleGap: .milliseconds(50), endsOn: .suffixThenIdle)

@Suite struct ScanFramerTests {
    static let k04aChunks: [[UInt8]] = [
        [0x39], [0x37, 0x38], [0x38, 0x37], [0x34], [0x32, 0x39], [0x34, 0x30], [0x34, 0x34],
        [0x30], [0x0D, 0x0D],
    ]
    static let k04bChunks: [[UInt8]] = [
        Array("0012345678\r".utf8), Array("\n0098765432\r\n00".utf8), Array("55512345\r\n".utf8),
    ]
    static let k05Burst = Array("]Q1Some line\r breaks\nin here.\r".utf8)

    @Test func k04aFragmentedReadsGiveOneScan() {
        let expected: [ScanFrame] = [.message(Array("9788742940440".utf8))]
        #expect(frame(Self.k04aChunks, .standard) == expected)
        for split in everySplit(of: Self.k04aChunks.flatMap { $0 }) {
            #expect(frame(split, .standard) == expected, "split \(split)")
        }
    }

    @Test func k04bCRLFSplitAcrossChunksIsOneTerminator() {
        let expected: [ScanFrame] = ["0012345678", "0098765432", "0055512345"].map {
            .message(Array($0.utf8))
        }
        #expect(frame(Self.k04bChunks, .standard) == expected)
        for split in everySplit(of: Self.k04bChunks.flatMap { $0 }) {
            #expect(frame(split, .standard) == expected, "split \(split)")
        }
    }

    @Test func k05CarriageReturnInsideABurstStays() {
        let expected: [ScanFrame] = [.message(Array("]Q1Some line\r breaks\nin here.".utf8))]
        for split in everySplit(of: Self.k05Burst) {
            #expect(frame(split, suffixThenIdle, idleAtEnd: true) == expected, "split \(split)")
        }
    }

    @Test func k04aUnderSuffixThenIdleRemovesTheTrailingRunWhole() {
        let expected: [ScanFrame] = [.message(Array("9788742940440".utf8))]
        for split in everySplit(of: Self.k04aChunks.flatMap { $0 }) {
            #expect(frame(split, suffixThenIdle) == [], "nothing before the gap")
            #expect(frame(split, suffixThenIdle, idleAtEnd: true) == expected, "split \(split)")
        }
    }

    @Test func suffixThenIdleEndsNothingWithoutTheGap() {
        var framer = ScanFramer(framing: suffixThenIdle)
        #expect(framer.feed(Array("123\r".utf8)) == [])
        #expect(framer.hasPartialMessage)
        #expect(framer.idle() == [.message(Array("123".utf8))])
        #expect(framer.idle() == [])
    }

    @Test func neverAnEmptyMessage() {
        #expect(frame([[0x0D, 0x0A, 0x0D], [0x0A]], .standard) == [])
        #expect(frame([[0x0D, 0x0D]], suffixThenIdle, idleAtEnd: true) == [])
    }

    @Test func prefixIsStrippedWhenPresent() throws {
        let framing = try ScannerFraming(
            prefix: [0x02], suffixes: [ScannerFraming.endOfText], endsOn: .suffix)
        #expect(
            frame([[0x02, 0x41, 0x42, 0x03, 0x43, 0x03]], framing)
                == [.message([0x41, 0x42]), .message([0x43])])
    }

    @Test func tabAndMultiByteSuffixes() throws {
        let framing = try ScannerFraming(suffixes: [ScannerFraming.crlf, ScannerFraming.tab])
        // A lone CR is data when only CRLF ends a message.
        #expect(
            frame([Array("A\rB\r".utf8), Array("\nC\t".utf8)], framing)
                == [.message(Array("A\rB".utf8)), .message([0x43])])
    }

    @Test func idleEndsAPartialMessageInSuffixMode() {
        var framer = ScanFramer(framing: .standard)
        #expect(framer.feed(Array("4006381333931".utf8)) == [])
        #expect(framer.idle() == [.message(Array("4006381333931".utf8))])
    }

    @Test func oversizedMessageIsDroppedAndTheNextOneSurvives() throws {
        let framing = try ScannerFraming(
            suffixes: [ScannerFraming.carriageReturn],
            maximumMessageSize: 8)
        var framer = ScanFramer(framing: framing)
        #expect(framer.feed(Array("0123456789".utf8)) == [.dropped(.messageTooLong(limit: 8))])
        #expect(framer.feed(Array("AB\rOK\r".utf8)) == [.message(Array("OK".utf8))])
        #expect(
            ScannerFramingError.messageTooLong(limit: 8).description.hasPrefix(
                "scan dropped: more than 8 bytes without an end"))
    }

    @Test func resetDropsThePartialFrame() {
        var framer = ScanFramer(framing: .standard)
        #expect(framer.feed(Array("4006".utf8)) == [])
        framer.reset()
        #expect(!framer.hasPartialMessage)
        #expect(
            framer.feed(Array("4006381333931\r".utf8))
                == [.message(Array("4006381333931".utf8))])
    }

    @Test(arguments: [
        (
            ScannerFraming.Ending.suffix, [[UInt8]](), Duration?.none,
            "scanner framing: ending on \"suffix\" needs at least one suffix"
        ),
        (
            .suffixThenIdle, [[0x0D]], nil,
            "scanner framing: ending on \"suffixThenIdle\" needs an idle gap above 0"
        ),
        (
            .idle, [[]], .milliseconds(20),
            "scanner framing: a suffix is empty; give at least one byte, e.g. 0D"
        ),
    ])
    func invalidFramingSaysWhy(
        ending: ScannerFraming.Ending, suffixes: [[UInt8]], gap: Duration?, message: String
    ) {
        #expect {
            _ = try ScannerFraming(suffixes: suffixes, idleGap: gap, endsOn: ending)
        } throws: { error in
            (error as? ScannerFramingError)?.description == message
        }
    }
}
