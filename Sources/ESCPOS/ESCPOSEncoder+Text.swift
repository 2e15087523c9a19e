import Foundation

extension ESCPOSEncoder {
    /// Appends `s` as printable bytes, selecting character tables as needed; no LF.
    ///
    /// For a character the active table lacks, the encoder sends `ESC t n` for the
    /// listed table that prints the longest stretch of text from there (the first
    /// listed on a tie), and only when the table changes. The switch goes before the
    /// run of text it governs: right after the last character that needed the
    /// previous table, or at the start of this call's text. A character no listed
    /// table has is replaced by an ASCII look-alike (see `asciiFallback(for:)`),
    /// which every table prints. `\n` becomes LF and `\t` HT; any other control
    /// character becomes `?`, so text can never smuggle in a command.
    public mutating func text(_ s: String) {
        // Printable ASCII reads the same in every table: most receipt text is only that,
        // and goes out byte for byte without looking at characters.
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            bytes.append(contentsOf: s.utf8)
            return
        }
        let characters = Array(s)
        // Where a table switch goes: ASCII reads the same in every table, so the
        // switch can move back over it to the start of the run.
        var switchPoint = bytes.count
        var index = 0
        while index < characters.count {
            let character = characters[index]
            defer { index += 1 }

            if let byte = Self.plainByte(character) {
                bytes.append(byte)
                continue
            }
            if let active = activeCodePage, let byte = active.encode(character) {
                bytes.append(byte)
                switchPoint = bytes.count
                continue
            }

            let candidates = codePages.filter { $0.encode(character) != nil }
            guard var best = candidates.first else {
                bytes += Array(Self.asciiFallback(for: character).utf8)
                continue
            }
            var bestReach = reach(of: best, in: characters, from: index)
            for candidate in candidates.dropFirst() {
                let candidateReach = reach(of: candidate, in: characters, from: index)
                if candidateReach > bestReach {
                    best = candidate
                    bestReach = candidateReach
                }
            }
            bytes.insert(contentsOf: [0x1B, 0x74, best.number], at: switchPoint)
            activeCodePage = best
            bytes.append(best.encode(character) ?? 0x3F)
            switchPoint = bytes.count
        }
    }

    /// How many characters from `start` `table` prints without another switch:
    /// plain ASCII and characters no listed table has (they fall back to ASCII)
    /// do not end the stretch.
    private func reach(of table: CodePage, in characters: [Character], from start: Int) -> Int {
        var count = 0
        for character in characters[start...] {
            if Self.plainByte(character) != nil || table.encode(character) != nil {
                count += 1
            } else if codePages.allSatisfy({ $0.encode(character) == nil }) {
                count += 1
            } else {
                break
            }
        }
        return count
    }

    /// The byte for a character every table prints the same way, if it is one.
    static func plainByte(_ character: Character) -> UInt8? {
        switch character {
        case "\n", "\r\n": return 0x0A
        case "\t": return 0x09
        default: break
        }
        guard character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first
        else { return nil }
        if scalar.value >= 0x20 && scalar.value < 0x7F { return UInt8(scalar.value) }
        if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { return 0x3F }
        return nil
    }

    /// The ASCII text printed for a character that no listed table has.
    ///
    /// Box-drawing lines and dashes become `-` (double horizontals `=`, plain vertical
    /// lines `|`), typographic
    /// quotes become ASCII quotes, accented letters lose their accents, a few letters
    /// and symbols are spelled out (`ß` as `ss`, `€` as `EUR`); anything else is `?`.
    static func asciiFallback(for character: Character) -> String {
        guard let scalar = character.unicodeScalars.first else { return "?" }
        let value = scalar.value

        if let spelled = spelledOut[value] { return spelled }
        if (0x2500...0x257F).contains(value) {
            return doubleHorizontal.contains(value) ? "=" : "-"
        }
        if (0x2010...0x2015).contains(value) || value == 0x2212 || value == 0x2043 {
            return "-"
        }

        // Accented letters: the base letter of the canonical decomposition.
        let decomposed = String(character).decomposedStringWithCanonicalMapping
        if let base = decomposed.unicodeScalars.first, base.value >= 0x20, base.value < 0x7F {
            return String(Character(base))
        }
        return "?"
    }

    /// Box-drawing characters drawn with a double horizontal stroke.
    private static let doubleHorizontal: Set<UInt32> = [
        0x2550, 0x2552, 0x2554, 0x2555, 0x2557, 0x2558, 0x255A, 0x255B, 0x255D,
        0x255E, 0x2561, 0x2564, 0x2566, 0x2567, 0x2569, 0x256A, 0x256C,
    ]

    /// Characters with an ASCII spelling that decomposition does not give.
    private static let spelledOut: [UInt32: String] = [
        0x2018: "'", 0x2019: "'", 0x201A: "'", 0x201B: "'", 0x2032: "'", 0x2039: "'",
        0x203A: "'", 0x201C: "\"", 0x201D: "\"", 0x201E: "\"", 0x201F: "\"",
        0x2033: "\"", 0x00AB: "\"", 0x00BB: "\"",
        0x00DF: "ss", 0x1E9E: "SS", 0x00E6: "ae", 0x00C6: "AE", 0x0153: "oe", 0x0152: "OE",
        0x00F8: "o", 0x00D8: "O", 0x0142: "l", 0x0141: "L", 0x0111: "d", 0x0110: "D",
        0x00F0: "d", 0x00D0: "D", 0x00FE: "th", 0x00DE: "TH", 0x0131: "i",
        0x20AC: "EUR", 0x00A0: " ", 0x2026: "...", 0x2022: "*", 0x00D7: "x",
        0x2502: "|", 0x2551: "|",
    ]
}
