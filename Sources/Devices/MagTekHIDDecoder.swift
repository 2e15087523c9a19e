/// Turns the input reports of a MagTek USB HID card reader into swipes, from the field
/// layout its report descriptor declares (never from fixed offsets).
///
/// A pure value, fed one report at a time (one `read(2)` on the hidraw node): the reader
/// sends exactly one input report per swipe, even when no track could be decoded (USB HID
/// Swipe Reader Technical Reference Manual, 99875191, section 4, "Card Data"). For each
/// track the decode status, the data length and the data field are read:
/// - status bit 0 set: the track is marked unreadable, `%E?`, `;E?` or `+E?`, the mark
///   MagTek's keyboard readers type and `MagneticStripe` reads;
/// - no error and length 0: the track is blank and left out;
/// - otherwise the first `length` bytes of the field, which the manual says run from the
///   start sentinel to the end sentinel in ASCII, are the track. The sentinels are
///   rebuilt so the lane reads the track as the one its field says: `%` for track 1, `;`
///   for track 2, `+` for track 3 (as MagTek's keyboard readers send a track 3, so that a
///   lone track 3 is not taken for a track 2).
///
/// A track whose bytes are not ISO/IEC 7811 characters of its track (AAMVA or 7-bit
/// formats, ciphertext from an encrypting reader) is marked unreadable too, so that its
/// bytes never reach the lane as an unparsed scan.
// TODO: MagneSafe readers with encryption on (Dynamag, eDynamo at security level 3 or 4)
// put TDES ciphertext in the track data fields and the clear data, masked, in separate
// "masked track data" fields (MagneSafe V5 Communication Reference Manual, 99875475,
// section 2). lanegate has no keys and does not read the masked fields, so every track
// of such a reader comes out unreadable ("not ISO") and the cashier sees "no track could
// be read". Only readers that send clear track data (the USB HID Swipe Reader, a
// MagneSafe reader without keys or with encryption off) can be used until the masked
// fields' usages are confirmed and read (they hold enough for a member card only when
// the shop's cards are not masked, which MagTek does not document).
public struct MagTekHIDDecoder: Sendable {
    /// What one report came to.
    public enum Outcome: Hashable, Sendable {
        /// A swipe with at least one track, readable or not.
        case swipe(MagTekHIDSwipe)
        /// A report that holds no swipe (another report ID, a blank card); the text says
        /// which.
        case ignored(String)
        /// The report could not be read.
        case dropped(MagTekHIDError)
    }

    /// Where the parts of a swipe sit.
    public let layout: MagTekHIDLayout

    /// A decoder for `layout`.
    public init(layout: MagTekHIDLayout) {
        self.layout = layout
    }

    /// A decoder for the swipe report `descriptor` declares.
    public init(descriptor: HIDReportDescriptor) throws(MagTekHIDError) {
        self.init(layout: try MagTekHIDLayout(descriptor: descriptor))
    }

    /// Decodes one input report, report ID first when the reader uses IDs.
    public func decode(_ report: [UInt8]) -> Outcome {
        if let id = layout.reportID {
            guard let first = report.first, first == id else {
                let got = report.first.map { "report ID \($0)" } ?? "an empty report"
                return .ignored("\(got) is not the card reader's swipe report (ID \(id))")
            }
        }
        guard report.count >= layout.reportLength else {
            return .dropped(
                MagTekHIDError(
                    .shortReport(length: report.count, expected: layout.reportLength)))
        }
        let data = Array(report.dropFirst(layout.reportID == nil ? 0 : 1))

        let tracks = layout.tracks.compactMap { track(of: $0, in: data) }
        let encodeType = layout.cardEncodeType.map {
            MagTekHIDSwipe.EncodeType(
                byte: UInt8(truncatingIfNeeded: HIDPOSDecoder.bits($0, of: data)))
        }
        guard !tracks.isEmpty else {
            let type = encodeType.map { " (card encode type: \($0.name))" } ?? ""
            return .ignored("swipe with no data on any track\(type)")
        }
        return .swipe(MagTekHIDSwipe(tracks: tracks, encodeType: encodeType))
    }

    /// The track as `MagneticStripe` reads it, or nil for a blank one.
    private func track(of field: MagTekHIDLayout.Track, in data: [UInt8]) -> MagTekHIDSwipe.Track? {
        let sentinel = Self.startSentinel(ofTrack: field.number)
        let unreadable = { (status: MagTekHIDSwipe.Track.Status) in
            MagTekHIDSwipe.Track(number: field.number, status: status, text: "\(sentinel)E?")
        }
        // Bit 0 of the decode status is the error flag; bits 1-7 are reserved.
        if HIDPOSDecoder.bits(field.decodeStatus, of: data) & 1 == 1 {
            return unreadable(.decodeError)
        }
        let length = Int(HIDPOSDecoder.bits(field.length, of: data))
        guard length > 0 else { return nil }
        guard length <= field.dataCapacity else { return unreadable(.notISO) }

        let start = field.dataOffset / 8
        guard let content = Self.content(data[start..<(start + length)], track: field.number)
        else { return unreadable(.notISO) }
        let text = String(sentinel) + String(decoding: content, as: UTF8.self) + "?"
        return MagTekHIDSwipe.Track(number: field.number, status: .read, text: text)
    }

    /// The start sentinel the lane reads for track `number`.
    static func startSentinel(ofTrack number: Int) -> Character {
        switch number {
        case 1: "%"
        case 2: ";"
        default: "+"
        }
    }

    /// The characters between the sentinels, when every one is a data character of the
    /// track (ISO/IEC 7811-2 and 7811-6: 0x20-0x5F on track 1, 0x30-0x3F on tracks 2 and
    /// 3, sentinels excepted) and there is at least one; the reader's sentinels are
    /// taken off where present.
    static func content(_ bytes: ArraySlice<UInt8>, track: Int) -> ArraySlice<UInt8>? {
        let percent = UInt8(ascii: "%")
        let semicolon = UInt8(ascii: ";")
        let plus = UInt8(ascii: "+")
        let question = UInt8(ascii: "?")
        var content = bytes
        let starts: Set<UInt8> = track == 1 ? [percent] : [semicolon, plus]
        if let first = content.first, starts.contains(first) { content = content.dropFirst() }
        if content.last == question { content = content.dropLast() }

        let range: ClosedRange<UInt8> = track == 1 ? 0x20...0x5F : 0x30...0x3F
        let sentinels: Set<UInt8> = [percent, semicolon, question]
        guard !content.isEmpty,
            content.allSatisfy({ range.contains($0) && !sentinels.contains($0) })
        else { return nil }
        return content
    }
}
