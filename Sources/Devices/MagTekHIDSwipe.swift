/// One swipe read from a MagTek HID card reader: its tracks as a keyboard-emulation reader
/// would type them, and the card encode type the reader reported.
///
/// `text` holds whole card data, so `description`, `debugDescription` and the mirror
/// (`dump`) show only which tracks were read and how long they are.
public struct MagTekHIDSwipe: Hashable, Sendable {
    /// The card encode type byte (USB HID Swipe Reader Technical Reference Manual,
    /// 99875191, section 4, "Card Encode Type").
    public enum EncodeType: Hashable, Sendable {
        /// 0: ISO/ABA.
        case isoABA
        /// 1: AAMVA (driver's licences).
        case aamva
        /// 2: CADL (the old California driver's licence format).
        case cadl
        /// 3: the card is blank.
        case blank
        /// 4: a non-standard format (ISO track 1 format on track 2, say).
        case other
        /// 5: no track could be decoded, so the type is unknown.
        case undetermined
        /// 6: no decode has occurred (the manual says a swipe report never has it).
        case none
        /// A value the manual does not list.
        case unlisted(UInt8)

        /// The type a byte stands for.
        public init(byte: UInt8) {
            let listed: [EncodeType] = [
                .isoABA, .aamva, .cadl, .blank, .other, .undetermined, .none,
            ]
            self = Int(byte) < listed.count ? listed[Int(byte)] : .unlisted(byte)
        }

        /// The manual's name for the type.
        public var name: String {
            switch self {
            case .isoABA: "ISO/ABA"
            case .aamva: "AAMVA"
            case .cadl: "CADL"
            case .blank: "blank"
            case .other: "other"
            case .undetermined: "undetermined"
            case .none: "none"
            case .unlisted(let byte): "unlisted (\(byte))"
            }
        }
    }

    /// One track of the swipe.
    public struct Track: Hashable, Sendable {
        /// What the report said of the track.
        public enum Status: Hashable, Sendable {
            /// Decoded: `text` is the track from start sentinel to end sentinel.
            case read
            /// The reader's decode status says it could not decode the track.
            case decodeError
            /// The reader sent data that is not an ISO/IEC 7813 track: characters outside
            /// the track's set, nothing between the sentinels, or a length past the field.
            case notISO
        }

        /// The track number, 1 to 3.
        public var number: Int
        /// What the report said of it.
        public var status: Status
        /// The track as `MagneticStripe.parse` reads it: `%…?`, `;…?` or `+…?`, and for an
        /// unreadable track its start sentinel, `E` and `?` (`%E?`), as MagTek's keyboard
        /// readers mark one.
        public var text: String

        /// A track from its parts.
        public init(number: Int, status: Status, text: String) {
            self.number = number
            self.status = status
            self.text = text
        }

        /// Whether the track was read.
        public var readable: Bool {
            status == .read
        }
    }

    /// The tracks that were read or marked unreadable, in track order; blank ones are left
    /// out, as keyboard readers leave them out.
    public var tracks: [Track]
    /// The card encode type, when the report has the field.
    public var encodeType: EncodeType?

    /// A swipe from its parts.
    public init(tracks: [Track], encodeType: EncodeType?) {
        self.tracks = tracks
        self.encodeType = encodeType
    }

    /// The tracks joined in order, as a keyboard-emulation reader sends them without a
    /// terminator: what `MagneticStripe.parse` and the lane read.
    public var text: String {
        tracks.map(\.text).joined()
    }

    /// `text` as bytes.
    public var bytes: [UInt8] {
        Array(text.utf8)
    }
}

extension MagTekHIDSwipe: CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// `MagTek swipe: track 1 (49 characters), track 2 unreadable; ISO/ABA`: no card data.
    public var description: String {
        let tracks = tracks.map { track in
            switch track.status {
            case .read: "track \(track.number) (\(track.text.utf8.count) characters)"
            case .decodeError: "track \(track.number) unreadable"
            case .notISO: "track \(track.number) not ISO"
            }
        }
        let encode = encodeType.map { "; \($0.name)" } ?? ""
        return "MagTek swipe: " + tracks.joined(separator: ", ") + encode
    }

    /// The same as `description`.
    public var debugDescription: String { description }

    /// A mirror without the track text, so that `dump` cannot reveal a card number.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "tracks": tracks.map { "\($0.number) \($0.status)" },
                "encodeType": encodeType?.name as Any,
            ])
    }
}
