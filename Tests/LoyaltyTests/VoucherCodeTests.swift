import Testing

@testable import Loyalty

@Suite struct VoucherCodeTests {
    @Test(arguments: [
        ("994000000000000000000002", true), ("994951835464606746503714", true),
        ("994000000000000000000003", false), ("994951835464606746503715", false),
        ("995000000000000000000001", false), ("99400000000000000000002", false),
        ("9940000000000000000000002", false), ("99400000000000000000000a", false),
        ("", false),
    ])
    func wellFormedness(code: String, expected: Bool) {
        #expect(VoucherCode.isWellFormed(code) == expected)
    }

    @Test(arguments: [
        (
            UInt64(42),
            [
                "994951835464606746503714", "994432426862076773589964",
                "994529094692730820922942",
            ]
        ),
        (
            UInt64(7),
            [
                "994476466540757205754358", "994414946876028846515370",
                "994260678576981300560412",
            ]
        ),
    ])
    func aSeedGivesTheSameCodes(seed: UInt64, codes: [String]) {
        var first = SeededGenerator(seed: seed)
        var second = SeededGenerator(seed: seed)
        let drawn = (0..<3).map { _ in VoucherCode.generate(using: &first) }
        #expect(drawn == codes)
        #expect((0..<3).map { _ in VoucherCode.generate(using: &second) } == codes)
    }

    @Test func generatedCodesAreWellFormed() {
        var generator = SeededGenerator(seed: 2024)
        for _ in 0..<500 {
            let code = VoucherCode.generate(using: &generator)
            #expect(code.count == 24 && code.hasPrefix("994") && VoucherCode.isWellFormed(code))
        }
    }

    @Test func splitMix64MatchesTheReferenceSequence() {
        var generator = SeededGenerator(seed: 0)
        #expect(
            [generator.next(), generator.next(), generator.next()]
                == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
    }

    /// A generator that replays fixed words, to drive the rejection step.
    struct Replay: RandomNumberGenerator {
        var words: [UInt64]
        mutating func next() -> UInt64 { words.removeFirst() }
    }

    @Test func drawsAtOrAbove10To20AreRejected() {
        // 7 << 64 | max is above 10^20 and rejected; 5 << 64 | 7766279631452241919 is
        // 10^20 - 1, the largest value kept.
        var replay = Replay(words: [7, .max, 5, 7_766_279_631_452_241_919])
        let code = VoucherCode.generate(using: &replay)
        #expect(code == "994" + String(repeating: "9", count: 20) + "2")
        #expect(replay.words.isEmpty)
    }
}
