extension PaymentCard {
    /// A payment card number found inside a text.
    public struct Found: Hashable, Sendable {
        /// Where it is in the text, separators included.
        public let range: Range<String.Index>
        /// Its digits alone.
        public let digits: String

        /// The digits as logs and replies may show them.
        public var masked: String { PaymentCard.mask(digits) }
    }

    /// The payment card numbers written inside `text`: each run of 13 to 19 digits, the
    /// digits optionally grouped by single spaces or dashes (`4111 1111 1111 1111`), that
    /// passes `isPaymentCardNumber`. A run of 13 or 14 digits whose last digit is a valid
    /// GTIN check digit is taken as a product code (an EAN-13 or GTIN-14), not as a card:
    /// one EAN in ten would pass the Luhn check, 13-digit card numbers are all but gone,
    /// and 14-digit ones are rare.
    ///
    /// For text that comes from outside (a POS field, a scan, a line to log), so that a
    /// card number keyed or read in the wrong place is refused and masked, never kept.
    // TODO: only ASCII digits are looked at, here and in the byte count below: a card number
    // keyed in full-width digits (U+FF10 to U+FF19, from an East Asian input method) or
    // with a combining mark after a digit (which makes that Character non-ASCII) is
    // neither refused nor masked, and would reach the logs whole. Folding such digits to
    // ASCII first (Unicode `Nd` characters by their numeric value) would find them; it was
    // not done since no supported POS sends them, and a masked range must then map back
    // to the original text's indices.
    public static func numbers(in text: String) -> [Found] {
        // A card number has at least 13 digits; most texts searched (a txn, a SKU, a
        // cashier) have fewer, and counting bytes is far cheaper than walking characters.
        var digitCount = 0
        for byte in text.utf8 where byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
            digitCount += 1
        }
        guard digitCount >= 13 else { return [] }
        var found: [Found] = []
        var index = text.startIndex
        while index < text.endIndex {
            guard text[index].isASCII, text[index].isNumber else {
                index = text.index(after: index)
                continue
            }
            // A run: digits, and a single space or dash between two digits.
            let start = index
            var end = index
            var digits = ""
            var cursor = index
            while cursor < text.endIndex {
                let character = text[cursor]
                if character.isASCII && character.isNumber {
                    digits.append(character)
                    cursor = text.index(after: cursor)
                    end = cursor
                } else if character == " " || character == "-" {
                    let next = text.index(after: cursor)
                    guard next < text.endIndex, text[next].isASCII, text[next].isNumber,
                        end == cursor
                    else { break }
                    cursor = next
                } else {
                    break
                }
            }
            if isPaymentCardNumber(digits)
                && !([13, 14].contains(digits.count) && GTIN.hasValidCheckDigit(digits))
            {
                found.append(Found(range: start..<end, digits: digits))
            }
            index = end
        }
        return found
    }

    /// `text` with every payment card number in it (`numbers(in:)`) masked.
    public static func masking(_ text: String) -> String {
        let found = numbers(in: text)
        guard !found.isEmpty else { return text }
        var output = ""
        var index = text.startIndex
        for number in found {
            output += text[index..<number.range.lowerBound]
            output += number.masked
            index = number.range.upperBound
        }
        output += text[index...]
        return output
    }
}
