extension MagneticStripe {
    /// The encoding rules of one track (ISO/IEC 7811-2 and 7811-6, ISO/IEC 7813, ISO 4909).
    struct TrackKind: Sendable, Equatable {
        /// The track number, 1 to 3.
        let number: Int
        /// The ASCII code of character code 0: 0x20 on track 1 (6-bit characters), 0x30 on
        /// tracks 2 and 3 (4-bit BCD characters).
        let base: UInt8
        /// The longest track, in characters, start and end sentinels and LRC included:
        /// 79 (track 1, 210 bpi), 40 (track 2, 75 bpi), 107 (track 3, 210 bpi).
        let maximumLength: Int

        /// The start sentinels readers send: `%` (track 1), `;` (tracks 2 and 3), `+`
        /// (track 3 in MagTek and ID TECH output).
        static let startSentinels: Set<UInt8> = [
            UInt8(ascii: "%"), UInt8(ascii: ";"), UInt8(ascii: "+"),
        ]

        /// The rules of track `number`, or `nil` when it is not 1, 2 or 3.
        init?(number: Int) {
            switch number {
            case 1: self.init(number: 1, base: 0x20, maximumLength: 79)
            case 2: self.init(number: 2, base: 0x30, maximumLength: 40)
            case 3: self.init(number: 3, base: 0x30, maximumLength: 107)
            default: return nil
            }
        }

        private init(number: Int, base: UInt8, maximumLength: Int) {
            self.number = number
            self.base = base
            self.maximumLength = maximumLength
        }

        /// The track a start sentinel opens, when it may follow the track numbered `last`
        /// (0 before the first): tracks come in track order, and the `;` after a track 2
        /// opens track 3.
        init?(startSentinel: UInt8, after last: Int) {
            switch startSentinel {
            case UInt8(ascii: "%") where last < 1: self.init(number: 1)
            case UInt8(ascii: ";") where last < 2: self.init(number: 2)
            case UInt8(ascii: ";") where last == 2: self.init(number: 3)
            case UInt8(ascii: "+") where last < 3: self.init(number: 3)
            default: return nil
            }
        }

        /// Every ASCII character of the track's set: 0x20–0x5F (64 codes) or 0x30–0x3F (16).
        var characters: ClosedRange<UInt8> {
            number == 1 ? 0x20...0x5F : 0x30...0x3F
        }

        /// Whether `byte` may stand between the sentinels: any character of the set but the
        /// start and end sentinels.
        func isDataCharacter(_ byte: UInt8) -> Bool {
            let sentinel = number == 1 ? UInt8(ascii: "%") : UInt8(ascii: ";")
            return characters.contains(byte) && byte != sentinel && byte != endSentinel
        }

        /// The character code of an ASCII byte as encoded on the card; a `+` start sentinel
        /// is the `;` (code 0xB) that the card holds.
        func code(of byte: UInt8) -> UInt8? {
            if number == 3, byte == UInt8(ascii: "+") { return 0x0B }
            guard characters.contains(byte) else { return nil }
            return byte - base
        }

        /// The LRC character of a track from its start sentinel to its end sentinel: the
        /// exclusive or of the character codes, as an ASCII byte.
        func lrc(of text: some Collection<UInt8>) -> UInt8? {
            var lrc: UInt8 = 0
            for byte in text {
                guard let code = code(of: byte) else { return nil }
                lrc ^= code
            }
            return base + lrc
        }
    }
}
