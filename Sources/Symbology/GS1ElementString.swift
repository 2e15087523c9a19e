/// Splits and checks GS1 element strings: the data of GS1-128, GS1 DataBar, GS1 Data
/// Matrix, GS1 QR Code and GS1 DotCode symbols (GS1 General Specifications, sections 3
/// and 7.8).
///
/// The data is a run of AIs, each followed by its value. An AI with a predefined length
/// (figure 7.8.5-2: 00–02, 11–20, 31nn–36nn, 41x and so on) ends after that many
/// characters; every other value ends at FNC1, which scanners send as GS (0x1D), or at the
/// end of the data. A GS where an AI is due (at the very start, where FNC1 in the first
/// position marks the symbol as GS1, or after a predefined-length value) is FNC1 and not
/// data.
public enum GS1ElementString {
    /// The FNC1 separator as scanners transmit it: GS, 0x1D.
    public static let separator: UInt8 = 0x1D

    /// Splits `data` into its elements and checks each one: the AI is known, the value's
    /// length and characters fit the AI, check digits of (00), (01), (02), (253), (255),
    /// (402), (41x), (8003), (8006), (8017), (8018), (8026) are right, and dates (11)–(17)
    /// and the others are real days.
    ///
    /// - Parameters:
    ///   - data: the element string without any AIM identifier; a leading GS is allowed.
    ///   - referenceYear: the year the two-digit years are read against (the store's
    ///     current year): GS1 General Specifications 7.12 puts a year `YY` in the century
    ///     that brings it within 49 years before and 50 years after this one.
    /// - Throws: ``GS1Error`` with the byte offset in `data` of the first fault.
    public static func parse(
        _ data: [UInt8], referenceYear: Int
    ) throws(GS1Error) -> [GS1Element] {
        var elements: [GS1Element] = []
        var index = 0

        while index < data.count {
            // FNC1 where an AI is due separates, it carries nothing.
            if data[index] == separator {
                index += 1
                continue
            }

            let definition = try applicationIdentifier(in: data, at: index)
            let valueStart = index + definition.ai.utf8.count
            let valueEnd = try end(of: definition, in: data, from: valueStart)
            let value = data[valueStart..<valueEnd]

            try check(value, of: definition, at: valueStart, referenceYear: referenceYear)
            let text = String(decoding: value, as: UTF8.self)
            let date =
                definition.startsWithDate
                ? GS1Date.iso8601(String(text.prefix(6)), referenceYear: referenceYear)
                : nil
            elements.append(GS1Element(ai: definition.ai, value: text, date: date))
            index = valueEnd
        }

        guard !elements.isEmpty else {
            throw GS1Error(offset: data.count, message: "no Application Identifier in the data")
        }
        return elements
    }

    /// The AI at `index`: 2 to 4 digits found in the table.
    private static func applicationIdentifier(
        in data: [UInt8], at index: Int
    ) throws(GS1Error) -> GS1ApplicationIdentifier {
        let head = data[index..<min(index + 4, data.count)].prefix { (0x30...0x39).contains($0) }
        let digits = String(decoding: head, as: UTF8.self)
        if let found = GS1ApplicationIdentifier.leading(in: digits) { return found }

        let isStartOfAnAI =
            !head.isEmpty
            && GS1ApplicationIdentifier.table.keys.contains { $0.hasPrefix(digits) }
        if index + head.count == data.count, isStartOfAnAI {
            throw GS1Error(
                offset: index,
                message: "the data ends inside an Application Identifier (\(digits))")
        }
        if head.count < 2, index + head.count < data.count {
            let byte = data[index + head.count]
            throw GS1Error(
                offset: index,
                message: "expected an Application Identifier (2 to 4 digits), found "
                    + (head.isEmpty ? describe(byte) : "\(digits) then \(describe(byte))"))
        }
        throw GS1Error(
            offset: index,
            message: "unknown Application Identifier: no AI starts with \(digits)"
                + " (GS1 General Specifications, section 3.2)")
    }

    /// Where the value that starts at `start` ends: after the predefined length, or at the
    /// next GS or the end of the data.
    private static func end(
        of definition: GS1ApplicationIdentifier, in data: [UInt8], from start: Int
    ) throws(GS1Error) -> Int {
        let separatorIndex = data[start...].firstIndex(of: separator) ?? data.count
        guard definition.hasPredefinedLength, let length = definition.fixedLength else {
            return separatorIndex
        }
        let end = start + length
        if separatorIndex < end {
            let got = separatorIndex - start
            let text = String(decoding: data[start..<separatorIndex], as: UTF8.self)
            let stop =
                separatorIndex < data.count
                ? "FNC1 (GS) came after \(got)" : "the data ends after \(got)"
            throw GS1Error(
                offset: separatorIndex,
                message: "(\(definition.ai)) \(text) is too short: exactly \(length)"
                    + " characters, but \(stop)")
        }
        return end
    }

    /// Checks a value against its AI's components: lengths, characters, check digits,
    /// dates and the other rules of the syntax dictionary.
    private static func check(
        _ value: ArraySlice<UInt8>, of definition: GS1ApplicationIdentifier, at start: Int,
        referenceYear: Int
    ) throws(GS1Error) {
        let ai = definition.ai
        let text = String(decoding: value, as: UTF8.self)
        if value.isEmpty {
            throw GS1Error(offset: start, message: "(\(ai)) has no value")
        }

        var position = value.startIndex
        for component in definition.components {
            let remaining = value.endIndex - position
            if remaining == 0, component.isOptional { break }
            if remaining < component.minLength {
                throw GS1Error(
                    offset: start + value.count,
                    message: "(\(ai)) \(text) is too short: \(definition.lengthRule)"
                        + (definition.hasPredefinedLength ? "" : ", then FNC1 or the end"))
            }
            let length = min(remaining, component.maxLength)
            let part = value[position..<(position + length)]
            try checkCharacters(
                part, component.characters, ai: ai, text: text,
                offset: start + (position - value.startIndex))
            try GS1Checks.apply(
                component.linters, to: part, ai: ai, value: text,
                offset: start + (position - value.startIndex), referenceYear: referenceYear)
            position += length
        }

        if position < value.endIndex {
            throw GS1Error(
                offset: start + (position - value.startIndex),
                message: "(\(ai)) is too long: \(definition.lengthRule), this value has"
                    + " \(value.count); is an FNC1 (GS) separator missing?")
        }
    }

    /// Checks every byte of a part against its character set.
    private static func checkCharacters(
        _ part: ArraySlice<UInt8>, _ set: GS1ApplicationIdentifier.CharacterSet,
        ai: String, text: String, offset: Int
    ) throws(GS1Error) {
        guard let bad = part.firstIndex(where: { !set.contains($0) }) else { return }
        throw GS1Error(
            offset: offset + (bad - part.startIndex),
            message: "(\(ai)) \(text): \(describe(part[bad])) is not allowed;"
                + " this part takes \(set.name)")
    }

    /// A byte as a person reads it: `'a'` when printable ASCII, else `0xC3`.
    static func describe(_ byte: UInt8) -> String {
        if (0x21...0x7E).contains(byte) { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
    }
}
