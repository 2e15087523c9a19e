import Foundation

/// A printer character code table, selected with `ESC t n`.
///
/// The lower half (0x00 to 0x7F) of every table is ASCII; the upper half is the
/// table's own. Table numbers follow the Epson ESC/POS Command Reference, "ESC t:
/// Select character code table" (for example 19 is PC858, 40 is ISO 8859-15).
/// Two code pages are equal when their table numbers are equal.
public struct CodePage: Sendable, Hashable {
    /// The table number `n` of `ESC t n`.
    public let number: UInt8
    /// The table's name as Epson writes it, such as `PC858` or `ISO8859-15`.
    public let name: String

    private let upperHalf: [Character]
    private let bytesByScalar: [UInt32: UInt8]

    /// The table with Epson number `number`, or nil when this module does not know it.
    public static func table(_ number: UInt8) -> CodePage? {
        tablesByNumber[number]
    }

    /// Every table this module knows, in ascending table number.
    public static var all: [CodePage] {
        tablesByNumber.values.sorted { $0.number < $1.number }
    }

    /// The byte that prints `c` in this table, or nil when the table lacks it.
    ///
    /// ASCII characters from space to `~` map to themselves; control characters
    /// give nil, since their bytes are printer commands. A character written as a
    /// letter plus combining marks is matched in its precomposed form.
    public func encode(_ c: Character) -> UInt8? {
        let scalars = c.unicodeScalars
        if scalars.count == 1, let scalar = scalars.first {
            return encode(scalar)
        }
        let composed = String(c).precomposedStringWithCanonicalMapping.unicodeScalars
        guard composed.count == 1, let scalar = composed.first else { return nil }
        return encode(scalar)
    }

    /// The character byte `b` prints in this table; U+FFFD for an undefined byte.
    ///
    /// Bytes below 0x80 decode as ASCII, control bytes included.
    public func decode(_ b: UInt8) -> Character {
        if b < 0x80 { return Character(Unicode.Scalar(b)) }
        return upperHalf[Int(b) - 0x80]
    }

    /// Whether every character of `s` has a byte in this table.
    public func canEncode(_ s: String) -> Bool {
        s.allSatisfy { encode($0) != nil }
    }

    public static func == (lhs: CodePage, rhs: CodePage) -> Bool {
        lhs.number == rhs.number
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(number)
    }

    private func encode(_ scalar: Unicode.Scalar) -> UInt8? {
        if scalar.value >= 0x20 && scalar.value < 0x7F { return UInt8(scalar.value) }
        return bytesByScalar[scalar.value]
    }

    private init(_ entry: Entry) {
        number = entry.number
        name = entry.name

        var characters: [Character] = []
        var reverse: [UInt32: UInt8] = [:]
        for (index, value) in entry.upperHalf.enumerated() {
            let scalar = Unicode.Scalar(UInt32(value)) ?? "\u{FFFD}"
            characters.append(Character(scalar))
            // The first byte wins when a table lists a character twice.
            if value != 0xFFFD, reverse[UInt32(value)] == nil {
                reverse[UInt32(value)] = UInt8(0x80 + index)
            }
        }
        upperHalf = characters
        bytesByScalar = reverse
    }

    /// One table as written in `CodePage+Tables.swift`.
    struct Entry: Sendable {
        let number: UInt8
        let name: String
        let upperHalf: [UInt16]
    }

    private static let tablesByNumber: [UInt8: CodePage] = {
        var tables: [UInt8: CodePage] = [:]
        for entry in catalog {
            tables[entry.number] = CodePage(entry)
        }
        return tables
    }()
}
