/// Magnetic-stripe swipes as card readers send them in ASCII (serial, USB HID keyboard,
/// keyboard wedge): ISO/IEC 7813 tracks 1 and 2 and an ISO 4909 or private track 3.
///
/// What a reader transmits for one swipe, with factory settings:
/// - each track it read, in track order, from its start sentinel to its end sentinel:
///   track 1 `%`…`?` (6-bit characters, ASCII 0x20–0x5F), track 2 `;`…`?` and track 3
///   `;`…`?` or `+`…`?` (4-bit BCD, ASCII 0x30–0x3F). MagTek and ID TECH readers send `+`
///   for the track 3 start sentinel that is `;` on the card, to tell it from track 2;
/// - a track it could not decode as `<start sentinel>E?` (`%E?`, `;E?`, `+E?`: MagTek's
///   "E (0x45) in place of the track data", ID TECH's per-track error start sentinels);
///   a track with sentinels and nothing between them (`%?`, `;?`) is taken as unreadable
///   too. A blank track is usually left out altogether;
/// - the LRC character after each end sentinel only when configured (ID TECH "send with
///   track LRC", off by default): the parity bits are stripped on the way, so the LRC
///   arrives as the ASCII character of its code (0x20 + code on track 1, 0x30 + code on
///   tracks 2 and 3);
/// - a track separator (CR on ID TECH readers) or nothing between tracks, and a
///   terminator (CR, LF or CRLF) after the last.
///
/// Parsing is pure and keeps no payment card data: see ``Swipe``.
// TODO: Only the ISO start sentinels `%`, `;` and `+` are read. Readers set up for driver's
// licences send others (ID TECH: `!` for a CDL track 3, `%` for an AAMVA track 3; MagTek:
// `@` for a 7-bit track 2, `#` and `&` for track 3), and some send lower case on request;
// such swipes are not recognized and come out as unknown scans. Track 3 is kept raw: its
// ISO 4909 fields (format code, number, country, …) are not read, so a card whose only
// readable track is track 3 gives no number. A lone track 3 sent with `;` cannot be told
// from a track 2 and is read as one.
public enum MagneticStripe {
    /// The end sentinel of every track: `?`.
    public static let endSentinel = UInt8(ascii: "?")

    /// Parses what a reader sends for one swipe, taking no card number for a member card.
    ///
    /// Same as ``parse(_:isMemberNumber:)`` with no member ranges: a swipe in a payment
    /// card's format is always refused and its payment card data dropped.
    public static func parse(_ bytes: [UInt8]) -> Swipe? {
        parse(bytes, isMemberNumber: { _ in false })
    }

    /// Parses what a reader sends for one swipe: its tracks, the LRC of each when sent, and
    /// the fields of tracks 1 (format B) and 2.
    ///
    /// - Parameters:
    ///   - bytes: the swipe as sent, a terminator (CR, LF, CRLF) allowed at the end and
    ///     between tracks.
    ///   - isMemberNumber: whether a card number is inside the configured member ranges; a
    ///     swipe in a payment card's format is kept whole only when it says yes.
    /// - Returns: `nil` when the bytes are not a swipe: they must start with a start
    ///   sentinel, hold at least one track in track order, every track ended by `?` within
    ///   its length limit (79, 40 and 107 characters, LRC included, ISO/IEC 7811-2 and
    ///   7811-6), and only the characters of its track's set.
    public static func parse(
        _ bytes: [UInt8], isMemberNumber: (String) -> Bool
    ) -> Swipe? {
        guard let first = bytes.first, TrackKind(startSentinel: first, after: 0) != nil,
            let tracks = readTracks(bytes, from: 0, after: 0), !tracks.isEmpty
        else { return nil }
        return Swipe(tracks: tracks, isMemberNumber: isMemberNumber)
    }

    /// The LRC character of a track as a reader sends it in ASCII: the exclusive or of the
    /// character codes from the start sentinel to the end sentinel, both included, parity
    /// bits left out (ISO/IEC 7811-2, "Longitudinal redundancy check"), written as the
    /// ASCII character of the result.
    ///
    /// - Parameters:
    ///   - text: the track from its start sentinel to its end sentinel, as sent.
    ///   - track: 1 (6-bit characters, code = ASCII − 0x20), 2 or 3 (BCD, code = ASCII −
    ///     0x30; a `+` start sentinel counts as the `;` encoded on the card).
    /// - Returns: `nil` when `track` is not 1, 2 or 3 or a character is outside the set.
    public static func lrcCharacter(of text: some Collection<UInt8>, track: Int) -> UInt8? {
        guard let kind = TrackKind(number: track) else { return nil }
        return kind.lrc(of: text)
    }

    /// Reads tracks from `start` on, after the track numbered `last`, trying the readings of
    /// an ambiguous LRC position (see ``lrcReadings(next:computed:kind:end:)``) in turn.
    static func readTracks(_ bytes: [UInt8], from start: Int, after last: Int) -> [Track]? {
        var index = start
        while index < bytes.count, isTerminator(bytes[index]) { index += 1 }
        guard index < bytes.count else { return [] }
        guard let kind = TrackKind(startSentinel: bytes[index], after: last) else { return nil }

        // The first `?` ends the track: no track's data may hold one.
        let limit = min(bytes.count, index + kind.maximumLength - 1)
        guard let end = bytes[index..<limit].firstIndex(of: endSentinel) else { return nil }
        let text = String(decoding: bytes[index...end], as: UTF8.self)
        let content = bytes[(index + 1)..<end]

        if content.isEmpty || content.elementsEqual([UInt8(ascii: "E")]) {
            let marked = Track(number: kind.number, text: text, readable: false, lrc: .absent)
            return readTracks(bytes, from: end + 1, after: kind.number).map { [marked] + $0 }
        }
        guard content.allSatisfy(kind.isDataCharacter),
            let computed = kind.lrc(of: bytes[index...end])
        else { return nil }

        let next = end + 1 < bytes.count ? bytes[end + 1] : nil
        for (lrc, resume) in lrcReadings(next: next, computed: computed, kind: kind, end: end) {
            if let rest = readTracks(bytes, from: resume, after: kind.number) {
                let track = Track(number: kind.number, text: text, readable: true, lrc: lrc)
                return [track] + rest
            }
        }
        return nil
    }

    /// The ways to read the byte after an end sentinel, most likely first, each with where
    /// the next track would start.
    ///
    /// The LRC may be any character of the track's set, start sentinels included (a track 1
    /// LRC of 0x1B arrives as `;`), so a byte equal to the computed LRC is first read as
    /// the LRC and, if the rest then fails to parse, as the next track's start; a start
    /// sentinel that is not the computed LRC is first read as the next track and then as a
    /// wrong LRC.
    static func lrcReadings(
        next: UInt8?, computed: UInt8, kind: TrackKind, end: Int
    ) -> [(Track.LRC, Int)] {
        guard let next, !isTerminator(next) else { return [(.absent, end + 1)] }
        if next == computed { return [(.ok, end + 2), (.absent, end + 1)] }
        let inSet = kind.characters.contains(next)
        if TrackKind.startSentinels.contains(next) {
            return [(.absent, end + 1)] + (inSet ? [(.mismatch, end + 2)] : [])
        }
        return inSet ? [(.mismatch, end + 2)] : []
    }

    /// CR or LF: the terminator after a swipe, or a track separator.
    static func isTerminator(_ byte: UInt8) -> Bool {
        byte == 0x0D || byte == 0x0A
    }
}
