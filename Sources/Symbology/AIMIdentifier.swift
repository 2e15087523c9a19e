/// An AIM symbology identifier: `]`, a code character naming the symbology and a modifier
/// character naming its options, as a scanner may put before the data (ISO/IEC 15424:2008,
/// section 4, and table 1 for the code characters).
///
/// `]E0` is EAN/UPC, `]C1` is GS1-128, `]d2` is GS1 Data Matrix. An identifier whose code
/// character is not in the table is still an identifier; its ``symbology`` is `nil`.
public struct AIMIdentifier: Sendable, Hashable {
    /// The flag character that starts every identifier, `]` (0x5D).
    public static let flag: UInt8 = 0x5D

    /// The number of bytes an identifier takes in a payload: flag, code, modifier.
    public static let byteCount = 3

    /// The code character: a letter, `A`–`Z` or `a`–`z`.
    public let code: Character
    /// The modifier character: a digit or a letter.
    public let modifier: Character

    /// Makes an identifier from its code and modifier; `nil` unless the code is an ASCII
    /// letter and the modifier an ASCII digit or letter.
    public init?(code: Character, modifier: Character) {
        guard let codeByte = code.asciiValue, Self.isLetter(codeByte),
            let modifierByte = modifier.asciiValue, Self.isLetterOrDigit(modifierByte)
        else { return nil }
        self.code = code
        self.modifier = modifier
    }

    /// Reads an identifier written as text, `"]E0"`; `nil` for anything else.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == Self.byteCount, let parsed = Self.leading(in: bytes) else {
            return nil
        }
        self = parsed
    }

    /// The identifier as it is sent, `"]E0"`.
    public var text: String { "]\(code)\(modifier)" }

    /// Reads the identifier at the start of a payload, if there is one.
    ///
    /// A payload starting with `]` that is not followed by a letter and a letter or digit
    /// has no identifier: the `]` is data.
    public static func leading(in payload: some Collection<UInt8>) -> AIMIdentifier? {
        // TODO: ISO/IEC 15424 lets the system expansion code `]Y` carry a modifier digit n
        // followed by n more modifier characters; here `]Y` takes one modifier like every
        // other code, so the extra modifier characters of a `]Y` identifier stay at the
        // start of the data. No retail scanner is known to send `]Y`; supporting it needs
        // a variable-length identifier (and `byteCount` per identifier, not fixed at 3).
        let head = Array(payload.prefix(byteCount))
        guard head.count == byteCount, head[0] == flag else { return nil }
        return AIMIdentifier(
            code: Character(Unicode.Scalar(head[1])),
            modifier: Character(Unicode.Scalar(head[2])))
    }

    /// Splits a payload into its leading identifier (if any) and the data after it.
    public static func split(_ payload: [UInt8]) -> (aim: AIMIdentifier?, data: [UInt8]) {
        guard let aim = leading(in: payload) else { return (nil, payload) }
        return (aim, Array(payload.dropFirst(byteCount)))
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        isLetter(byte) || (0x30...0x39).contains(byte)
    }
}

extension AIMIdentifier: CustomStringConvertible {
    /// The identifier as it is sent, `"]E0"`.
    public var description: String { text }
}
