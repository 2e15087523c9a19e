import Testing

@testable import Symbology

/// The payload bytes of a string written with `\r`, `\n` and `\u{1D}` (GS) escapes.
func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

struct ScanDecoderTests {
    // MARK: Field cases (shared/cases/README.md)

    @Test("K02 a: GS1-128 with a variable-length AI ended by FNC1")
    func k02a() {
        let scan = ScanDecoder.decode(
            bytes("]C190MPT000341\u{1D}10R20060043"), referenceYear: 2026)
        #expect(scan.aim == AIMIdentifier("]C1"))
        #expect(scan.symbology == .gs1_128)
        #expect(
            scan.elements == [
                GS1Element(ai: "90", value: "MPT000341"),
                GS1Element(ai: "10", value: "R20060043"),
            ])
        #expect(scan.gtin14 == nil)
        #expect(scan.error == nil)
    }

    @Test("K02 b: a leading GS without AIM identifier is FNC1, not data")
    func k02b() {
        let scan = ScanDecoder.decode(bytes("\u{1D}0101234567891231"), referenceYear: 2026)
        #expect(scan.aim == nil)
        #expect(scan.symbology == nil)
        #expect(scan.elements == [GS1Element(ai: "01", value: "01234567891231")])
        #expect(scan.gtin14 == "01234567891231")
        #expect(scan.error == nil)
    }

    @Test("K02 c: GS1 Data Matrix; (17) has a fixed length and day 00 is the month's last")
    func k02c() {
        let scan = ScanDecoder.decode(
            bytes("]d20105000456013482172012001000001\u{1D}210000000003"), referenceYear: 2026)
        #expect(scan.symbology == .gs1DataMatrix)
        #expect(
            scan.elements == [
                GS1Element(ai: "01", value: "05000456013482"),
                GS1Element(ai: "17", value: "201200", date: "2020-12-31"),
                GS1Element(ai: "10", value: "00001"),
                GS1Element(ai: "21", value: "0000000003"),
            ])
        #expect(scan.gtin14 == "05000456013482")
        #expect(scan.error == nil)
    }

    @Test("K03: EAN-13 with a five-digit add-on, and the same GTIN without one")
    func k03() {
        let withAddOn = ScanDecoder.decode(bytes("]E3419013670280310018"), referenceYear: 2026)
        #expect(withAddOn.symbology == .ean13)
        #expect(withAddOn.gtin14 == "04190136702803")
        #expect(withAddOn.addOn == "10018")
        #expect(withAddOn.error == nil)

        let plain = ScanDecoder.decode(bytes("]E04190136702803"), referenceYear: 2026)
        #expect(plain.symbology == .ean13)
        #expect(plain.gtin14 == "04190136702803")
        #expect(plain.addOn == nil)
        #expect(plain.error == nil)
    }

    // MARK: EAN/UPC with AIM identifiers

    struct EANCase: Sendable, CustomTestStringConvertible {
        let payload: String
        let symbology: Symbology?
        let gtin14: String?
        let addOn: String?
        var testDescription: String { payload }
    }

    @Test(arguments: [
        EANCase(
            payload: "]E04006381333931", symbology: .ean13, gtin14: "04006381333931",
            addOn: nil),
        // The contract: ]E0 with 13 digits starting with 0 is UPC-A.
        EANCase(
            payload: "]E00012345678905", symbology: .upcA, gtin14: "00012345678905",
            addOn: nil),
        EANCase(
            payload: "]E0012345678905", symbology: .upcA, gtin14: "00012345678905",
            addOn: nil),
        EANCase(
            payload: "]E004252614", symbology: .upcE, gtin14: "00042100005264",
            addOn: nil),
        EANCase(
            payload: "]E00425261", symbology: .upcE, gtin14: "00042100005264",
            addOn: nil),
        EANCase(
            payload: "]E0425261", symbology: .upcE, gtin14: "00042100005264",
            addOn: nil),
        EANCase(
            payload: "]E496385074", symbology: .ean8, gtin14: "00000096385074",
            addOn: nil),
        EANCase(
            payload: "]E112",
            symbology: .eanUPCAddOn, gtin14: nil, addOn: "12"),
        EANCase(payload: "]E254495", symbology: .eanUPCAddOn, gtin14: nil, addOn: "54495"),
        EANCase(
            payload: "]E3978030640615751299", symbology: .ean13,
            gtin14: "09780306406157", addOn: "51299"),
        EANCase(
            payload: "]E3978030640615712", symbology: .ean13, gtin14: "09780306406157",
            addOn: "12"),
        EANCase(
            payload: "]E301234567890505", symbology: .upcA, gtin14: "00012345678905",
            addOn: "05"),
        EANCase(
            payload: "]E301234567890512345", symbology: .upcA,
            gtin14: "00012345678905", addOn: "12345"),
        EANCase(
            payload: "]E39638507412", symbology: .ean8, gtin14: "00000096385074",
            addOn: "12"),
        EANCase(
            payload: "]E39638507412345", symbology: .ean8, gtin14: "00000096385074",
            addOn: "12345"),
    ])
    func eanUPC(_ test: EANCase) {
        let scan = ScanDecoder.decode(bytes(test.payload), referenceYear: 2026)
        #expect(scan.symbology == test.symbology)
        #expect(scan.gtin14 == test.gtin14)
        #expect(scan.addOn == test.addOn)
        #expect(scan.error == nil)
    }

    struct RefusedCase: Sendable, CustomTestStringConvertible {
        let payload: String
        let error: String
        var testDescription: String { payload }
    }

    @Test(arguments: [
        RefusedCase(
            payload: "]E04006381333932",
            error: "EAN-13 4006381333932: check digit is 2, expected 1; the label is"
                + " misprinted or was misread"),
        RefusedCase(
            payload: "]E0012345678901",
            error: "UPC-A 012345678901: check digit is 1, expected 5; the label is"
                + " misprinted or was misread"),
        RefusedCase(
            payload: "]E496385075",
            error: "EAN-8 96385075: check digit is 5, expected 4; the label is misprinted"
                + " or was misread"),
        RefusedCase(
            payload: "]E012345678901",
            error: "an EAN/UPC symbol has 6, 7, 8, 12 or 13 digits, got 11"),
        RefusedCase(payload: "]E0ABC", error: "]E0 data must be digits only, got \"ABC\""),
        RefusedCase(
            payload: "]E342",
            error: "]E3 must carry 13, 12 or 8 digits and a 2- or"
                + " 5-digit add-on (10, 13, 14, 15, 17 or 18 digits), got 2"),
        RefusedCase(payload: "]E1123", error: "]E1 is a 2-digit add-on, got 3 digits"),
        RefusedCase(
            payload: "]E7123",
            error: "]E7: modifier 7 is not defined for EAN/UPC (ISO/IEC 15424 defines ]E0"
                + " to ]E4)"),
        RefusedCase(payload: "]E0", error: "nothing after the AIM identifier ]E0"),
        RefusedCase(payload: "", error: "empty scan"),
        RefusedCase(
            payload: "]C10105000456013483",
            error: "GS1 element string refused at byte 15 (counted after ]C1): (01)"
                + " 05000456013483: check digit is 3, expected 2"),
    ])
    func refused(_ test: RefusedCase) {
        let scan = ScanDecoder.decode(bytes(test.payload), referenceYear: 2026)
        #expect(scan.error == test.error)
        #expect(scan.gtin14 == nil)
    }

    // MARK: Other symbologies

    @Test("ITF-14 gives its GTIN; a Code 128 of digits does not")
    func itfAndCode128() {
        let itf = ScanDecoder.decode(bytes("]I110012345678902"), referenceYear: 2026)
        #expect(itf.symbology == .itf)
        #expect(itf.gtin14 == "10012345678902")

        let code128 = ScanDecoder.decode(bytes("]C04006381333931"), referenceYear: 2026)
        #expect(code128.symbology == .code128)
        #expect(code128.gtin14 == nil)
        #expect(code128.text == "4006381333931")
    }

    @Test("K05: a QR payload keeps its CR and LF, as text and as bytes")
    func qrKeepsControls() {
        let scan = ScanDecoder.decode(
            bytes("]Q1Some line\r breaks\nin here."), referenceYear: 2026)
        #expect(scan.symbology == .qr)
        #expect(scan.text == "Some line\r breaks\nin here.")
        #expect(scan.data == bytes("Some line\r breaks\nin here."))
        #expect(scan.error == nil)
    }

    @Test("Bytes that are not UTF-8 are read as ISO 8859-1, none lost")
    func latin1Fallback() {
        let scan = ScanDecoder.decode(
            [0x5D, 0x51, 0x31, 0x43, 0x61, 0x66, 0xE9],
            referenceYear: 2026)
        #expect(scan.text == "Café")
        #expect(scan.data == [0x43, 0x61, 0x66, 0xE9])

        let utf8 = ScanDecoder.decode(bytes("]Q1Café"), referenceYear: 2026)
        #expect(utf8.text == "Café")
    }

    @Test("GS1 QR and GS1 DataBar carry element strings")
    func otherGS1Carriers() {
        let qr = ScanDecoder.decode(bytes("]Q3010500045601348215261231"), referenceYear: 2026)
        #expect(qr.symbology == .gs1QR)
        #expect(
            qr.elements == [
                GS1Element(ai: "01", value: "05000456013482"),
                GS1Element(ai: "15", value: "261231", date: "2026-12-31"),
            ])

        let databar = ScanDecoder.decode(bytes("]e00104006381333931"), referenceYear: 2026)
        #expect(databar.symbology == .gs1DataBar)
        #expect(databar.gtin14 == "04006381333931")
    }

    // MARK: Inference without AIM identifier

    struct InferenceCase: Sendable, CustomTestStringConvertible {
        let payload: String
        let symbology: Symbology?
        let gtin14: String?
        var testDescription: String { payload }
    }

    @Test(arguments: [
        InferenceCase(payload: "9788742940440", symbology: .ean13, gtin14: "09788742940440"),
        InferenceCase(payload: "0012345678905", symbology: .upcA, gtin14: "00012345678905"),
        InferenceCase(payload: "012345678905", symbology: .upcA, gtin14: "00012345678905"),
        InferenceCase(payload: "96385074", symbology: .ean8, gtin14: "00000096385074"),
        // A wrong check digit is not refused without ]E0: member cards need none.
        InferenceCase(payload: "4006381333932", symbology: nil, gtin14: nil),
        InferenceCase(payload: "0012345678", symbology: nil, gtin14: nil),
        InferenceCase(payload: "HA112", symbology: nil, gtin14: nil),
        // A Luhn-valid EAN-13 with a Maestro prefix is still a product, never a card.
        InferenceCase(payload: "5901234123457", symbology: .ean13, gtin14: "05901234123457"),
    ])
    func inferred(_ test: InferenceCase) {
        let scan = ScanDecoder.decode(bytes(test.payload), referenceYear: 2026)
        #expect(scan.aim == nil)
        #expect(scan.symbology == test.symbology)
        #expect(scan.gtin14 == test.gtin14)
        #expect(scan.error == nil)
        #expect(scan.text == test.payload)
    }
}
