extension MagneticStripe {
    /// One swipe: the tracks the reader sent and the card's fields.
    ///
    /// The card number comes from track 2, else from track 1 in format B; track 1 alone
    /// has the name. A swipe in a payment card's format (track 1 format B, or a track 2
    /// number that ``PaymentCard/isPaymentCardNumber(_:)`` accepts) outside the member ranges
    /// is a refused payment card: its number, name and discretionary data are dropped while
    /// parsing and only their masked forms are kept (DESIGN.md, "Payment card data is never
    /// kept"). `description`, `debugDescription` and the mirror (`dump`) all show the
    /// masked form only, for member cards too.
    public struct Swipe: Sendable, Equatable {
        /// The tracks in track order, readable or not.
        public let tracks: [Track]
        /// The card number in full: a member card's number or a private card's id; `nil`
        /// for a refused payment card and when no readable track holds one.
        public let number: String?
        /// The card number with all but the first six and last four digits starred (see
        /// ``PaymentCard/mask(_:)``); present for payment cards too.
        public let maskedNumber: String?
        /// The name on track 1 in format B (`SURNAME/GIVEN`); `nil` for a payment card.
        public let name: String?
        /// The expiry date; `nil` when the card has none (`=` right before `?`, or `=` in
        /// its place).
        public let expiry: Expiry?
        /// The three-digit service code (ISO/IEC 7813: interchange, authorization, services).
        public let serviceCode: String?
        /// The issuer's discretionary data after the service code; `nil` for a payment card.
        public let discretionaryData: String?
        /// Whether the swipe is a payment card outside the member ranges, to be refused.
        public let isPaymentCard: Bool

        /// The track numbered `number`, if the reader sent it.
        public func track(_ number: Int) -> Track? {
            tracks.first { $0.number == number }
        }

        /// Whether any track was read.
        public var hasReadableTrack: Bool {
            tracks.contains { $0.readable }
        }

        /// The swipe for logs and screens: tracks, LRC checks, the masked number and the
        /// expiry, never a whole card number, a name or discretionary data.
        public var masked: String {
            let tracks = tracks.map { track in
                guard track.readable else { return "track \(track.number) unreadable" }
                switch track.lrc {
                case .ok: return "track \(track.number) (LRC ok)"
                case .mismatch: return "track \(track.number) (LRC mismatch)"
                case .absent: return "track \(track.number)"
                }
            }
            var parts = ["swipe: " + tracks.joined(separator: ", ")]
            if let maskedNumber { parts.append("card \(maskedNumber)") }
            if let expiry { parts.append("expiry \(expiry.text)") }
            if isPaymentCard { parts.append("payment card") }
            return parts.joined(separator: "; ")
        }

        /// Builds the swipe from its tracks, dropping a refused payment card's data.
        init(tracks: [Track], isMemberNumber: (String) -> Bool) {
            let track1 = tracks.first { $0.number == 1 && $0.readable }
            let track2 = tracks.first { $0.number == 2 && $0.readable }
            let fields1 = track1.flatMap { MagneticStripe.track1Fields($0.content) }
            let fields2 = track2.map { MagneticStripe.track2Fields($0.content) }
            let fromTrack1 = fields2?.number == nil && fields1?.number != nil
            let primary = fromTrack1 ? fields1 : fields2
            let other = fromTrack1 ? fields2 : fields1

            let number = primary?.number
            let formatB = track1?.content.first == "B"
            let track2Payment = fields2?.number.map(PaymentCard.isPaymentCardNumber) ?? false
            let isMember = number.map(isMemberNumber) ?? false
            isPaymentCard = (formatB || track2Payment) && !isMember
            maskedNumber = number.map(PaymentCard.mask)
            expiry = primary?.expiry ?? other?.expiry
            serviceCode = primary?.serviceCode ?? other?.serviceCode

            guard isPaymentCard else {
                self.tracks = tracks
                // A track whose LRC does not match was misread somewhere: its number could
                // be another member's, so it names no member (the reader is swiped again).
                // A payment card is refused above whatever its LRC says.
                let primaryTrack = fromTrack1 ? track1 : track2
                self.number = primaryTrack?.lrc == .mismatch ? nil : number
                name = fields1?.name
                discretionaryData = primary?.discretionaryData
                return
            }
            self.tracks = tracks.map { track in
                switch track.number {
                case 1: track.masked(number: fields1?.number)
                case 2: track.masked(number: fields2?.number)
                default: track.masked(number: nil)
                }
            }
            self.number = nil
            name = nil
            discretionaryData = nil
        }
    }

    /// A card's expiry date: the `YYMM` of tracks 1 and 2, the card being valid through
    /// the end of that month.
    public struct Expiry: Sendable, Equatable, Hashable {
        /// The four-digit year: cards carry two digits, read as 20YY.
        public let year: Int
        /// The month, 1 to 12.
        public let month: Int

        /// An expiry from its year and month.
        public init(year: Int, month: Int) {
            self.year = year
            self.month = month
        }

        /// Reads `YYMM`; `nil` unless it is four digits with a month from 01 to 12.
        init?(yymm: some StringProtocol) {
            guard yymm.utf8.count == 4, let values = GTIN.digitValues(yymm) else { return nil }
            let month = values[2] * 10 + values[3]
            guard (1...12).contains(month) else { return nil }
            self.init(year: 2000 + values[0] * 10 + values[1], month: month)
        }

        /// `YYYY-MM`, as `lanegate scan` shows it.
        public var text: String {
            let month = month < 10 ? "0\(month)" : "\(month)"
            return "\(year)-\(month)"
        }
    }
}

extension MagneticStripe.Swipe: CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The masked form (``masked``), so that interpolating a swipe into a log line is safe.
    public var description: String { masked }

    /// The masked form too: `String(reflecting:)` and `debugPrint` show nothing more.
    public var debugDescription: String { masked }

    /// A mirror with masked children only, so that `dump` cannot reveal a card number.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "tracks": tracks.map { "\($0.number) readable=\($0.readable) lrc=\($0.lrc)" },
                "maskedNumber": maskedNumber as Any,
                "expiry": expiry?.text as Any,
                "isPaymentCard": isPaymentCard,
            ])
    }
}
