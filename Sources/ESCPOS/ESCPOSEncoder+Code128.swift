extension ESCPOSEncoder {
    /// The most data bytes one `GS k` function 73 command carries (its `n` is one byte).
    static let code128DataLimit = 255

    /// Prints `data` as CODE128 with `GS k` function 73, after `GS H` (HRI position),
    /// `GS h` (bar height in dots) and `GS w` (module width in dots).
    ///
    /// Code sets are chosen to keep the symbol narrow: set C (two digits a symbol
    /// character) for runs of four or more digits, set B otherwise, starting in C
    /// when the whole data is an even number of digits; see `code128Segments(_:)`.
    /// Throws when a character is outside U+0020 to U+007E, the data is empty or too
    /// long, `moduleWidth` is outside 1 to 6 or `height` outside 1 to 255.
    public mutating func code128(
        _ data: String, moduleWidth: Int, height: Int, hri: HRIPosition
    ) throws(ESCPOSError) {
        guard (1...6).contains(moduleWidth) else {
            throw ESCPOSError(
                .parameterOutOfRange(name: "module width", value: moduleWidth, range: 1...6),
                command: "CODE128")
        }
        guard (1...255).contains(height) else {
            throw ESCPOSError(
                .parameterOutOfRange(name: "height", value: height, range: 1...255),
                command: "CODE128")
        }
        let payload = try Self.code128Payload(data)

        bytes += [0x1D, 0x48, hri.rawValue]
        bytes += [0x1D, 0x68, UInt8(height)]
        bytes += [0x1D, 0x77, UInt8(moduleWidth)]
        bytes += [0x1D, 0x6B, 0x49, UInt8(payload.count)] + payload
    }

    /// The width of `data` as CODE128 in modules, quiet zones of 10 modules on each
    /// side included: 11 per symbol character (start, data, code set switches, check)
    /// plus 13 for the stop pattern. Multiply by the module width for dots.
    public static func code128Modules(_ data: String) -> Int {
        let symbolCharacters = code128Segments(data).reduce(0) { total, segment in
            let count = segment.characters.count
            return total + 1 + (segment.set == .c ? count / 2 : count)
        }
        return 11 * (symbolCharacters + 1) + 13 + 20
    }

    /// The `GS k` function 73 data for `data`: `{B`/`{C` code set selections, set B
    /// characters (a literal `{` doubled), and set C digit pairs as byte values 0 to 99.
    static func code128Payload(_ data: String) throws(ESCPOSError) -> [UInt8] {
        guard !data.isEmpty else { throw ESCPOSError(.emptyData, command: "CODE128") }
        for (offset, character) in data.enumerated() {
            guard let ascii = character.asciiValue, (0x20...0x7E).contains(ascii) else {
                throw ESCPOSError(
                    .unencodableCharacter(character, offset: offset), command: "CODE128")
            }
        }

        var payload: [UInt8] = []
        for segment in code128Segments(data) {
            switch segment.set {
            case .b:
                payload += [0x7B, 0x42]
                for ascii in segment.characters.compactMap(\.asciiValue) {
                    payload += ascii == 0x7B ? [0x7B, 0x7B] : [ascii]
                }
            case .c:
                payload += [0x7B, 0x43]
                let digits = segment.characters.compactMap(\.wholeNumberValue)
                for pair in stride(from: 0, to: digits.count, by: 2) {
                    payload.append(UInt8(digits[pair] * 10 + digits[pair + 1]))
                }
            }
        }
        guard payload.count <= code128DataLimit else {
            throw ESCPOSError(
                .dataTooLong(count: payload.count, limit: code128DataLimit),
                command: "CODE128")
        }
        return payload
    }

    /// A CODE128 code set this encoder uses.
    enum Code128Set: Equatable {
        case b, c
    }

    /// A stretch of data in one code set; a set C stretch holds an even number of digits.
    struct Code128Segment: Equatable {
        var set: Code128Set
        var characters: [Character]
    }

    /// Splits `data` into code set stretches with the fewest symbol characters.
    ///
    /// A switch costs one symbol character, so a digit run goes to set C when that
    /// saves width or ties: a run of four or more anywhere (an odd run keeps one
    /// digit in B, the last one when the run opens the data, else the first), or the
    /// whole data when it is an even number of digits. Shorter runs stay in B.
    static func code128Segments(_ data: String) -> [Code128Segment] {
        let characters = Array(data)
        let isDigit: (Character) -> Bool = { $0.isASCII && $0.isNumber }
        if !characters.isEmpty, characters.count % 2 == 0, characters.allSatisfy(isDigit) {
            return [Code128Segment(set: .c, characters: characters)]
        }

        var segments: [Code128Segment] = []
        func append(_ set: Code128Set, _ part: ArraySlice<Character>) {
            guard !part.isEmpty else { return }
            if let last = segments.last, last.set == set {
                segments[segments.count - 1].characters += part
            } else {
                segments.append(Code128Segment(set: set, characters: Array(part)))
            }
        }

        var index = 0
        while index < characters.count {
            guard isDigit(characters[index]) else {
                append(.b, characters[index...index])
                index += 1
                continue
            }
            var end = index
            while end < characters.count, isDigit(characters[end]) { end += 1 }
            let run = characters[index..<end]

            if run.count < 4 {
                append(.b, run)
            } else if run.count % 2 == 0 {
                append(.c, run)
            } else if index == 0 {
                append(.c, run.dropLast())
                append(.b, run.suffix(1))
            } else {
                append(.b, run.prefix(1))
                append(.c, run.dropFirst())
            }
            index = end
        }
        return segments
    }
}
