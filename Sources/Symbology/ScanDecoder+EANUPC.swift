extension ScanDecoder {
    /// How `]E3` data splits into main symbol and add-on, by total length (ISO/IEC 15420
    /// and GS1 General Specifications 5.2.2.6: add-ons have 2 or 5 digits).
    private static let addOnSplits: [Int: (main: Int, addOn: Int)] = [
        15: (13, 2), 18: (13, 5), 14: (12, 2), 17: (12, 5), 10: (8, 2), 13: (8, 5),
    ]

    /// Decodes the EAN/UPC family, `]E0` to `]E4` (ISO/IEC 15424 table 1; GS1 General
    /// Specifications, figure 5.1.2-2).
    ///
    /// - `E0`: EAN-13, UPC-A or UPC-E: 13 digits (`upc-a` when the first is 0), 12 digits
    ///   (`upc-a`), 8 digits (`upc-e` with number system and check digit, else `ean-8` if
    ///   its check digit fits), 7 or 6 digits (`upc-e` without check digit, or without
    ///   number system too).
    /// - `E1`, `E2`: a two- or five-digit add-on alone.
    /// - `E3`: a main symbol of 13, 12 or 8 digits with a 2- or 5-digit add-on.
    /// - `E4`: EAN-8.
    static func decodeEANUPC(_ scan: inout DecodedScan, modifier: Character) {
        let digits = scan.text
        let aim = scan.aim?.text ?? "EAN/UPC"
        guard GTIN.digitValues(digits) != nil else {
            scan.error = "\(aim) data must be digits only, got \"\(digits)\""
            return
        }

        switch modifier {
        case "0":
            apply(main(digits, allowShortUPCE: true), to: &scan)
        case "1", "2":
            let length = modifier == "1" ? 2 : 5
            if digits.count == length {
                scan.addOn = digits
            } else {
                scan.error = "\(aim) is a \(length)-digit add-on, got \(digits.count) digits"
            }
        case "3":
            guard let split = addOnSplits[digits.count] else {
                scan.error =
                    "\(aim) must carry 13, 12 or 8 digits and a 2- or 5-digit add-on"
                    + " (10, 13, 14, 15, 17 or 18 digits), got \(digits.count)"
                return
            }
            apply(main(String(digits.prefix(split.main)), allowShortUPCE: false), to: &scan)
            scan.addOn = String(digits.suffix(split.addOn))
        case "4":
            if digits.count == 8 {
                apply(checked(digits, as: .ean8), to: &scan)
            } else {
                scan.symbology = .ean8
                scan.error = "\(aim) is an EAN-8 of 8 digits, got \(digits.count)"
            }
        default:
            scan.error =
                "\(aim): modifier \(modifier) is not defined for EAN/UPC"
                + " (ISO/IEC 15424 defines ]E0 to ]E4)"
        }
    }

    /// The reading of a main EAN/UPC symbol: its symbology, and its GTIN-14 or why not.
    private struct Reading {
        var symbology: Symbology
        var gtin14: String?
        var error: String?
    }

    private static func apply(_ reading: Reading, to scan: inout DecodedScan) {
        scan.symbology = reading.symbology
        scan.gtin14 = reading.gtin14
        scan.error = reading.error
    }

    /// Reads the digits of a main symbol by their count.
    private static func main(_ digits: String, allowShortUPCE: Bool) -> Reading {
        switch digits.count {
        case 13:
            return checked(digits, as: digits.hasPrefix("0") ? .upcA : .ean13)
        case 12:
            return checked(digits, as: .upcA)
        case 8:
            if let upca = GTIN.expandUPCE(digits) {
                return Reading(symbology: .upcE, gtin14: "00" + upca)
            }
            if GTIN.hasValidCheckDigit(digits) {
                return Reading(symbology: .ean8, gtin14: "000000" + digits)
            }
            return Reading(
                symbology: .upcE,
                error: "\(digits) is neither a UPC-E (number system 0 or 1, check digit of"
                    + " its UPC-A) nor an EAN-8 with a valid check digit")
        case 6 where allowShortUPCE, 7 where allowShortUPCE:
            guard let upca = GTIN.expandUPCE(digits) else {
                return Reading(
                    symbology: .upcE,
                    error: "UPC-E \(digits): the number system must be 0 or 1")
            }
            return Reading(symbology: .upcE, gtin14: "00" + upca)
        default:
            let lengths = allowShortUPCE ? "6, 7, 8, 12 or 13" : "8, 12 or 13"
            return Reading(
                symbology: .ean13,
                error: "an EAN/UPC symbol has \(lengths) digits, got \(digits.count)")
        }
    }

    /// Reads digits whose last is a GS1 check digit, as `symbology`.
    private static func checked(_ digits: String, as symbology: Symbology) -> Reading {
        if let gtin = GTIN.gtin14(digits) {
            return Reading(symbology: symbology, gtin14: gtin)
        }
        let expected = GTIN.checkDigit(digits.dropLast()) ?? 0
        return Reading(
            symbology: symbology,
            error: "\(symbology.displayName) \(digits): check digit is \(digits.suffix(1)),"
                + " expected \(expected); the label is misprinted or was misread")
    }
}

extension Symbology {
    /// The symbology's name as printed on labels and in manuals, for messages.
    var displayName: String {
        switch self {
        case .ean13: return "EAN-13"
        case .ean8: return "EAN-8"
        case .upcA: return "UPC-A"
        case .upcE: return "UPC-E"
        default: return rawValue
        }
    }
}
