extension MagneticStripe {
    /// One track of a swipe, as the reader sent it.
    public struct Track: Sendable, Equatable {
        /// What the character after the end sentinel said.
        public enum LRC: String, Sendable, CaseIterable {
            /// The reader sent the LRC and it matches the track.
            case ok
            /// The reader sent a character there that is not the track's LRC.
            case mismatch
            /// The reader sent no LRC (the factory setting of most readers).
            case absent
        }

        /// The track number: 1, 2 or 3.
        public let number: Int
        /// The track from its start sentinel to its end sentinel, LRC left out. For a
        /// refused payment card only the start sentinel, the format code (track 1), the
        /// masked card number and the end sentinel are left (`%B411111******1111?`).
        public let text: String
        /// Whether the reader decoded the track; `false` for its error marker (`%E?`,
        /// `;E?`, `+E?`) or an empty track (`%?`).
        public let readable: Bool
        /// The LRC check; `.absent` for an unreadable track.
        public let lrc: LRC

        /// Makes a track from its parts.
        public init(number: Int, text: String, readable: Bool, lrc: LRC) {
            self.number = number
            self.text = text
            self.readable = readable
            self.lrc = lrc
        }

        /// The characters between the sentinels.
        var content: Substring {
            text.dropFirst().dropLast()
        }

        /// The same track with its text cut down to what may be shown of a payment card;
        /// an unreadable track holds nothing to hide.
        func masked(number pan: String?) -> Track {
            guard readable else { return self }
            var kept = String(text.prefix(1))
            if number == 1, let format = content.first { kept.append(format) }
            if let pan { kept += PaymentCard.mask(pan) }
            kept += "?"
            return Track(number: number, text: kept, readable: readable, lrc: lrc)
        }
    }
}
