import Testing

@testable import Symbology

struct GS1ElementStringTests {
    private func parse(_ text: String, year: Int = 2026) throws(GS1Error) -> [GS1Element] {
        try GS1ElementString.parse(Array(text.utf8), referenceYear: year)
    }

    @Test func predefinedLengthsNeedNoSeparator() throws {
        let elements = try parse(
            "0105000456013482" + "3103001250" + "11250301" + "20" + "07"
                + "10LOT-7\u{1D}" + "21SN.1")
        #expect(
            elements == [
                GS1Element(ai: "01", value: "05000456013482"),
                GS1Element(ai: "3103", value: "001250"),
                GS1Element(ai: "11", value: "250301", date: "2025-03-01"),
                GS1Element(ai: "20", value: "07"),
                GS1Element(ai: "10", value: "LOT-7"),
                GS1Element(ai: "21", value: "SN.1"),
            ])
    }

    @Test("A GS after a predefined-length value, or doubled, is a separator only")
    func toleratedSeparators() throws {
        let elements = try parse("\u{1D}0105000456013482\u{1D}\u{1D}17261231")
        #expect(
            elements == [
                GS1Element(ai: "01", value: "05000456013482"),
                GS1Element(ai: "17", value: "261231", date: "2026-12-31"),
            ])
    }

    @Test("Variable-length AIs of every table family are read to GS or the end")
    func variableLengthFamilies() throws {
        let elements = try parse(
            "00106141411234567897\u{1D}" + "3922499\u{1D}"
                + "3932978123\u{1D}" + "4215283" + "ABC12\u{1D}" + "8008200512144530\u{1D}"
                + "7007200501200510\u{1D}" + "8200HTTPS://EXAMPLE.COM\u{1D}" + "99ANY%ok")
        #expect(elements.map(\.ai) == ["00", "3922", "3932", "421", "8008", "7007", "8200", "99"])
        #expect(elements[0].value == "106141411234567897")
        #expect(elements[3].value == "5283ABC12")
        #expect(elements[4].date == "2020-05-12")
        #expect(elements[5].date == "2020-05-01")
        #expect(elements[7].value == "ANY%ok")
    }

    /// GS1 General Specifications 7.12: the year is within 49 years before and 50 after
    /// the reference year.
    @Test(arguments: [
        ("17201200", 2026, "2020-12-31"), ("17740101", 2024, "2074-01-01"),
        ("17750101", 2024, "1975-01-01"), ("17290101", 2080, "2129-01-01"),
        ("17300101", 2080, "2130-01-01"),
        ("17310101", 2080, "2031-01-01"), ("17990101", 2001, "1999-01-01"),
        ("17240200", 2026, "2024-02-29"), ("17250200", 2026, "2025-02-28"),
        ("17000229", 2026, "2000-02-29"), ("17000200", 2080, "2100-02-28"),
        ("17260400", 2026, "2026-04-30"),
    ])
    func dates(_ element: String, _ year: Int, _ date: String) throws {
        let elements = try parse(element, year: year)
        #expect(elements.first?.date == date)
    }

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        let data: String
        let offset: Int
        let message: String
        var testDescription: String { message }
    }

    @Test(arguments: [
        ErrorCase(
            data: "0105000456013483", offset: 15,
            message: "(01) 05000456013483: check digit is 3, expected 2"),
        ErrorCase(
            data: "0105000456013482" + "17201332", offset: 20,
            message: "(17) 201332: month 13 does not exist (YYMMDD)"),
        ErrorCase(
            data: "17201232", offset: 6,
            message: "(17) 201232: day 32 does not exist in 2020-12 (YYMMDD)"),
        ErrorCase(
            data: "15250229", offset: 6,
            message: "(15) 250229: day 29 does not exist in 2025-02 (YYMMDD)"),
        ErrorCase(
            data: "7006250100", offset: 8,
            message: "(7006) 250100: day 00 is not allowed here (YYMMDD)"),
        ErrorCase(
            data: "0105000456013482" + "2312345", offset: 16,
            message: "unknown Application Identifier: no AI starts with 2312"
                + " (GS1 General Specifications, section 3.2)"),
        ErrorCase(
            data: "10ABCDEFGHIJKLMNOPQRSTUVWXYZ", offset: 22,
            message: "(10) is too long: up to 20 characters, this value has 26;"
                + " is an FNC1 (GS) separator missing?"),
        ErrorCase(
            data: "01050004560134", offset: 14,
            message: "(01) 050004560134 is too short: exactly 14 characters, but the data"
                + " ends after 12"),
        ErrorCase(
            data: "172012\u{1D}", offset: 6,
            message: "(17) 2012 is too short: exactly 6 characters, but FNC1 (GS) came"
                + " after 4"),
        ErrorCase(data: "10\u{1D}21X", offset: 2, message: "(10) has no value"),
        ErrorCase(
            data: "10AB CD", offset: 4,
            message: "(10) AB CD: byte 0x20 is not allowed; this part takes GS1 character"
                + " set 82"),
        ErrorCase(
            data: "3012A", offset: 4,
            message: "(30) 12A: 'A' is not allowed; this part takes digits only"),
        ErrorCase(
            data: "8006040063813339310403", offset: 18,
            message: "(8006) 040063813339310403: piece 4 of 3 is not a piece of the total"),
        ErrorCase(
            data: "AB12", offset: 0,
            message: "expected an Application Identifier (2 to 4 digits), found 'A'"),
        ErrorCase(
            data: "0105000456013482" + "1", offset: 16,
            message: "the data ends inside an Application Identifier (1)"),
        ErrorCase(
            data: "0105000456013482" + "391", offset: 16,
            message: "the data ends inside an Application Identifier (391)"),
        ErrorCase(
            data: "0105000456013482" + "231", offset: 16,
            message: "unknown Application Identifier: no AI starts with 231"
                + " (GS1 General Specifications, section 3.2)"),
        ErrorCase(data: "", offset: 0, message: "no Application Identifier in the data"),
        ErrorCase(data: "\u{1D}", offset: 1, message: "no Application Identifier in the data"),
    ])
    func errors(_ test: ErrorCase) {
        #expect(throws: GS1Error(offset: test.offset, message: test.message)) {
            try parse(test.data)
        }
    }

    /// The smaller checks of the syntax dictionary, one fault each.
    @Test(arguments: [
        ErrorCase(data: "43212", offset: 4, message: "(4321) 2: 2 must be 0 (no) or 1 (yes)"),
        ErrorCase(
            data: "43242512312460", offset: 10,
            message: "(4324) 2512312460: hour 24 does not exist"),
        ErrorCase(
            data: "43242512312360", offset: 12,
            message: "(4324) 2512312360: minute 60 does not exist"),
        ErrorCase(
            data: "4330001234+", offset: 10,
            message: "(4330) 001234+: only '-' may follow the digits, got +"),
        ErrorCase(
            data: "4300A%2", offset: 5,
            message: "(4300) A%2: '%' must start an escape such as %20"),
        ErrorCase(
            data: "800100000012340110", offset: 4,
            message: "(8001) 00000012340110: 0000 must not be zero"),
        ErrorCase(
            data: "800101000012340120", offset: 16,
            message: "(8001) 01000012340120: winding direction 2 must be 0, 1 or 9"),
        ErrorCase(
            data: "800314006381333931", offset: 4,
            message: "(8003) 14006381333931: the first digit must be 0, got 1"),
        ErrorCase(
            data: "800820051214453", offset: 12,
            message: "(8008) 20051214453: minutes must be MM or MMSS, got 453"),
    ])
    func dictionaryChecks(_ test: ErrorCase) {
        #expect(throws: GS1Error(offset: test.offset, message: test.message)) {
            try parse(test.data)
        }
    }

    @Test func dictionaryChecksPass() throws {
        let elements = try parse(
            "4330001234-\u{1D}800304006381333931SERIAL\u{1D}4300A%20B"
                + "\u{1D}43210\u{1D}800101000012340110")
        #expect(
            elements.map(\.value) == [
                "001234-", "04006381333931SERIAL", "A%20B", "0", "01000012340110",
            ])
    }

    @Test func errorDescriptionNamesTheByte() {
        let error = GS1Error(offset: 15, message: "(01) 05000456013483: check digit is 3")
        #expect(error.description == "byte 15: (01) 05000456013483: check digit is 3")
    }

    @Test("The built-in AI table reads whole, ranges spelled out")
    func table() throws {
        let table = GS1ApplicationIdentifier.table
        #expect(table.count == 522)
        let gtin = try #require(table["01"])
        #expect(gtin.hasPredefinedLength && gtin.fixedLength == 14)
        let weight = try #require(table["3105"])
        #expect(weight.hasPredefinedLength && weight.fixedLength == 6)
        #expect(table["3106"] == nil)
        let batch = try #require(table["10"])
        #expect(!batch.hasPredefinedLength && batch.maxLength == 20)
        let gsin = try #require(table["402"])
        #expect(!gsin.hasPredefinedLength && gsin.fixedLength == 17)
        #expect(table["99"]?.maxLength == 90)
    }
}
