/// Reads one scan: the AIM identifier, the symbology, and what the data holds (DESIGN.md,
/// "Command line", `lanegate scan`).
///
/// With an AIM identifier, the identifier names the symbology (ISO/IEC 15424) and the
/// data is checked as that symbology defines it: EAN/UPC digits and check digits, GS1
/// element strings for the GS1 carriers. `]E0` with 13 digits is `upc-a` when the first
/// digit is 0, else `ean-13`.
///
/// Without an identifier the symbology is inferred from the content, by these rules in
/// order:
/// 1. a payload that starts with GS (FNC1) is a GS1 element string, parsed and checked;
///    the symbology stays `nil` (any GS1 carrier could have sent it);
/// 2. 13 digits with a valid GS1 check digit are `ean-13`, or `upc-a` when the first
///    digit is 0;
/// 3. 12 digits with a valid check digit are `upc-a`;
/// 4. 8 digits with a valid check digit are `ean-8` (a UPC-E sent without identifier is
///    not told from an EAN-8);
/// 5. anything else is plain text: symbology `nil`, no GTIN, and no error. In particular
///    digits with a wrong check digit are not refused, since member cards need not carry
///    an EAN check digit; with `]E0` the same digits are refused.
///
/// A bar code is never taken for a payment card here: about one valid EAN-13 in ten also
/// passes the Luhn check (DESIGN.md, "Payment card data is never kept").
public enum ScanDecoder {
    /// Decodes one scan.
    ///
    /// - Parameters:
    ///   - payload: one framed message (prefix and suffix already removed), AIM identifier
    ///     included if the scanner sent one.
    ///   - referenceYear: the year two-digit GS1 dates are read against (the store's
    ///     current year), passed in so that decoding stays pure.
    public static func decode(_ payload: [UInt8], referenceYear: Int) -> DecodedScan {
        let (aim, data) = AIMIdentifier.split(payload)
        var scan = DecodedScan(aim: aim, symbology: aim?.symbology, data: data)

        guard !data.isEmpty else {
            scan.error = aim.map { "nothing after the AIM identifier \($0.text)" } ?? "empty scan"
            return scan
        }
        guard let aim else {
            inferContent(of: &scan, referenceYear: referenceYear)
            return scan
        }

        switch aim.code {
        case "E":
            decodeEANUPC(&scan, modifier: aim.modifier)
        case "I":
            // ITF-14 is the GTIN-14 carrier; other ITF lengths are just numbers.
            if data.count == 14, let gtin = GTIN.gtin14(scan.text) { scan.gtin14 = gtin }
        default:
            if aim.symbology?.carriesGS1ElementString == true {
                decodeElements(&scan, referenceYear: referenceYear)
            }
        }
        return scan
    }

    /// Infers the symbology of a scan sent without AIM identifier (rules in the type's
    /// documentation).
    private static func inferContent(of scan: inout DecodedScan, referenceYear: Int) {
        if scan.data.first == GS1ElementString.separator {
            decodeElements(&scan, referenceYear: referenceYear)
            return
        }
        guard GTIN.digitValues(scan.text) != nil, GTIN.hasValidCheckDigit(scan.text) else {
            return
        }
        switch scan.data.count {
        case 13: scan.symbology = scan.text.hasPrefix("0") ? .upcA : .ean13
        case 12: scan.symbology = .upcA
        case 8: scan.symbology = .ean8
        default: return
        }
        scan.gtin14 = GTIN.gtin14(scan.text)
    }

    /// Parses a GS1 element string and takes the GTIN of its (01) element.
    private static func decodeElements(_ scan: inout DecodedScan, referenceYear: Int) {
        do {
            let elements = try GS1ElementString.parse(scan.data, referenceYear: referenceYear)
            scan.elements = elements
            scan.gtin14 = elements.first { $0.ai == "01" }?.value
        } catch {
            let after = scan.aim.map { " (counted after \($0.text))" } ?? ""
            scan.error =
                "GS1 element string refused at byte \(error.offset)\(after):"
                + " \(error.message)"
        }
    }
}
