extension MagneticStripe {
    /// The fields of one financial-format track (ISO/IEC 7813).
    struct CardFields: Sendable, Equatable {
        var number: String?
        var name: String?
        var expiry: Expiry?
        var serviceCode: String?
        var discretionaryData: String?
    }

    /// Track 1 in format B (ISO/IEC 7813, 6.2): `B`, the number (up to 19 digits), `^`,
    /// the name (2 to 26 characters), `^`, then expiry, service code and discretionary
    /// data. `nil` for any other format code (A is reserved for the issuer, the rest is
    /// private) and for a format B track without its two separators.
    static func track1Fields(_ content: Substring) -> CardFields? {
        guard content.first == "B" else { return nil }
        let parts = content.dropFirst()
            .split(separator: "^", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }

        var fields = CardFields()
        fields.number = cardNumber(parts[0])
        let name = parts[1].reversed().drop { $0 == " " }.reversed()
        fields.name = name.isEmpty ? nil : String(name)
        readTail(parts[2], separator: "^", into: &fields)
        return fields
    }

    /// Track 2 (ISO/IEC 7813, 6.3): the number, `=`, then expiry, service code and
    /// discretionary data. A private card may hold just a number (`;0012345678901?`) or a
    /// number and `=` with nothing after it (`;0012345678901=?`, field case K06).
    static func track2Fields(_ content: Substring) -> CardFields {
        let parts = content.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        var fields = CardFields()
        fields.number = cardNumber(parts[0])
        if parts.count == 2 { readTail(parts[1], separator: "=", into: &fields) }
        return fields
    }

    /// The number field: digits only, at least one. Member cards are not held to the 19
    /// digits of a primary account number; their ranges say how long they are.
    static func cardNumber(_ field: Substring) -> String? {
        guard !field.isEmpty, GTIN.digitValues(field) != nil else { return nil }
        return String(field)
    }

    /// Expiry (`YYMM`, or the separator when absent), service code (three digits, or the
    /// separator when absent) and discretionary data: the fields after the number's (or
    /// the name's) separator. When the first four characters are neither a date nor the
    /// separator, the whole tail is the issuer's discretionary data.
    static func readTail(_ tail: Substring, separator: Character, into fields: inout CardFields) {
        var rest = tail[...]
        if rest.first == separator {
            rest = rest.dropFirst()
        } else if let expiry = Expiry(yymm: rest.prefix(4)) {
            fields.expiry = expiry
            rest = rest.dropFirst(4)
        } else {
            fields.discretionaryData = rest.isEmpty ? nil : String(rest)
            return
        }

        if rest.first == separator {
            rest = rest.dropFirst()
        } else if rest.count >= 3, GTIN.digitValues(rest.prefix(3)) != nil {
            fields.serviceCode = String(rest.prefix(3))
            rest = rest.dropFirst(3)
        }
        fields.discretionaryData = rest.isEmpty ? nil : String(rest)
    }
}
