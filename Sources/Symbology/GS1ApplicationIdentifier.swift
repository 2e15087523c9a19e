/// The definition of one GS1 Application Identifier: its value's parts, their character
/// sets and lengths, the checks each part gets, and whether the AI has a predefined length
/// (no FNC1 separator after it).
///
/// The definitions are those of the GS1 General Specifications, section 3.2 (the AI
/// table) and figure 7.8.5-2 (predefined lengths), in the component notation of the GS1
/// Barcode Syntax Dictionary: `N18,csum` is 18 digits whose last is a check digit,
/// `X..20` up to 20 characters of CSET 82, `[N..12]` an optional last part.
package struct GS1ApplicationIdentifier: Sendable {
    /// A character set a value part is drawn from (GS1 General Specifications, 7.11).
    package enum CharacterSet: Sendable {
        /// `N`: the digits 0–9.
        case numeric
        /// `X`: GS1 AI encodable character set 82 (figure 7.11-1).
        case cset82
        /// `Y`: GS1 AI encodable character set 39 (figure 7.11-2).
        case cset39
        /// `Z`: GS1 AI encodable character set 64, URL-safe base64 (figure 7.11-3).
        case cset64
    }

    /// A check applied to a value part, named as in the GS1 Barcode Syntax Dictionary.
    package enum Linter: String, Sendable {
        case csum, csumalpha, key, nozeroprefix
        case yymmd0, yymmdd, yymmddhh, hhmm, mmoptss
        case nonzero, zero, yesno, winding, hyphen, pieceoftotal
        case iso3166, iso3166999, iso3166alpha2, iso3166list, iso4217
        case latitude, longitude, pcenc, iban, couponcode, couponposoffer
        case importeridx, mediatype
    }

    /// One part of a value: `N6`, `X..20`, `[N..12]`.
    package struct Component: Sendable {
        package let characters: CharacterSet
        package let minLength: Int
        package let maxLength: Int
        package let isOptional: Bool
        package let linters: [Linter]

        package var isFixedLength: Bool { minLength == maxLength }
    }

    /// The AI, 2 to 4 digits.
    package let ai: String
    /// The data title, `"BEST BEFORE or BEST BY"`.
    package let title: String
    /// Whether the AI is in the predefined-length table (figure 7.8.5-2), so that the next
    /// AI may follow with no FNC1 in between.
    package let hasPredefinedLength: Bool
    /// The value's parts, in order.
    package let components: [Component]

    /// The longest value, in characters.
    package var maxLength: Int { components.reduce(0) { $0 + $1.maxLength } }

    /// The value length when every part has a fixed length and none is optional.
    package var fixedLength: Int? {
        guard components.allSatisfy({ $0.isFixedLength && !$0.isOptional }) else { return nil }
        return maxLength
    }

    /// Whether the value starts with a date part (`yymmd0`, `yymmdd`, `yymmddhh`).
    package var startsWithDate: Bool {
        guard let first = components.first else { return false }
        return first.linters.contains { [.yymmd0, .yymmdd, .yymmddhh].contains($0) }
    }

    /// Makes a definition from the syntax dictionary notation; stops the program on a
    /// notation it cannot read, which is a fault in the built-in table.
    init(ai: String, predefined: Bool, spec: String, title: String) {
        self.ai = ai
        self.title = title
        self.hasPredefinedLength = predefined
        self.components = spec.split(separator: " ").map { Self.component(String($0), ai) }
    }

    /// Reads one component, `N13,csum,key`, `[X..17]` or `[X1],hyphen`.
    private static func component(_ token: String, _ ai: String) -> Component {
        var rest = Substring(token)
        let isOptional = rest.hasPrefix("[")
        if isOptional {
            rest = rest.dropFirst()
            rest.removeAll { $0 == "]" }
        }
        var parts = rest.split(separator: ",")
        let type = parts.removeFirst()

        let characters: CharacterSet
        switch type.first {
        case "N": characters = .numeric
        case "X": characters = .cset82
        case "Y": characters = .cset39
        case "Z": characters = .cset64
        default: fatalError("GS1 AI table, (\(ai)): unknown character set in \(token)")
        }

        let length = type.dropFirst()
        let isVariable = length.hasPrefix("..")
        guard let max = Int(isVariable ? length.dropFirst(2) : length) else {
            fatalError("GS1 AI table, (\(ai)): unreadable length in \(token)")
        }
        let linters = parts.map { name in
            guard let linter = Linter(rawValue: String(name)) else {
                fatalError("GS1 AI table, (\(ai)): unknown check \(name)")
            }
            return linter
        }
        return Component(
            characters: characters, minLength: isVariable ? 1 : max, maxLength: max,
            isOptional: isOptional, linters: linters)
    }
}

extension GS1ApplicationIdentifier {
    /// Every known AI by its digits, ranges such as 3100–3105 spelled out.
    package static let table: [String: GS1ApplicationIdentifier] = {
        var table: [String: GS1ApplicationIdentifier] = [:]
        for entry in definitions {
            for ai in expand(entry.ai) {
                table[ai] = GS1ApplicationIdentifier(
                    ai: ai, predefined: entry.predefined, spec: entry.spec, title: entry.title)
            }
        }
        return table
    }()

    /// The AI a data string starts with, trying 2, 3 and 4 digits. GS1 AIs are prefix-free
    /// (no AI is the start of another), so the first match is the only one.
    package static func leading(in digits: some StringProtocol) -> GS1ApplicationIdentifier? {
        for length in 2...4 where digits.utf8.count >= length {
            if let found = table[String(digits.prefix(length))] { return found }
        }
        return nil
    }

    /// `"3100-3105"` → 3100, 3101, …, 3105; `"90"` → 90.
    private static func expand(_ range: String) -> [String] {
        let ends = range.split(separator: "-")
        guard ends.count == 2, let low = Int(ends[0]), let high = Int(ends[1]) else {
            return [range]
        }
        return (low...high).map { String($0) }
    }
}

extension GS1ApplicationIdentifier {
    /// The length rule in words: "exactly 6 characters", "up to 20 characters".
    var lengthRule: String {
        if let fixed = fixedLength { return "exactly \(fixed) characters" }
        let minimum = components.filter { !$0.isOptional }.reduce(0) { $0 + $1.minLength }
        if minimum == maxLength { return "exactly \(maxLength) characters" }
        if minimum <= 1 { return "up to \(maxLength) characters" }
        return "\(minimum) to \(maxLength) characters"
    }
}

extension GS1ApplicationIdentifier.CharacterSet {
    /// Whether the byte is in the set (GS1 General Specifications, figures 7.11-1 to -3).
    func contains(_ byte: UInt8) -> Bool {
        let digit = (0x30...0x39).contains(byte)
        let upper = (0x41...0x5A).contains(byte)
        let lower = (0x61...0x7A).contains(byte)
        switch self {
        case .numeric:
            return digit
        case .cset82:
            return digit || upper || lower || byte == 0x21 || byte == 0x22
                || (0x25...0x2F).contains(byte) || (0x3A...0x3F).contains(byte) || byte == 0x5F
        case .cset39:
            return digit || upper || byte == 0x23 || byte == 0x2D || byte == 0x2F
        case .cset64:
            return digit || upper || lower || byte == 0x2D || byte == 0x5F || byte == 0x3D
        }
    }

    /// The set's name in an error message.
    var name: String {
        switch self {
        case .numeric: return "digits only"
        case .cset82: return "GS1 character set 82"
        case .cset39: return "GS1 character set 39"
        case .cset64: return "GS1 character set 64"
        }
    }
}
