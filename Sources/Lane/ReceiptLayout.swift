import Devices
import ESCPOS
import Foundation

/// Lays out what the gateway prints after a sale: the loyalty slip and each new voucher,
/// then the cut. `docs/receipt-layout.md` gives the byte layout this code follows.
struct ReceiptLayout: Sendable {
    let printer: DeviceProfile.PrinterSettings
    let programName: String
    let money: MoneyText

    /// What the slip says about the member after a sale.
    struct Slip: Sendable {
        var card: String
        var earned: Int64
        var balance: Int64
        /// Points still missing for the next threshold reward, if the program has one.
        var toNextReward: Int64?
        var nextRewardTitle: String?
    }

    /// One voucher to print.
    struct Voucher: Sendable {
        var code: String
        var title: String
        var amountMinor: Int64
        var lastValidDay: String
    }

    private var columns: Int { printer.columnsFontA }

    /// The whole job: the POS's receipt bytes as given, then the slip, the vouchers, the cut.
    func job(receipt: [UInt8]?, slip: Slip?, vouchers: [Voucher]) -> [UInt8] {
        var encoder = ESCPOSEncoder(codePages: printer.codePages)
        encoder.raw(receipt ?? [])
        // The POS may have left any mode set; start the gateway's part from a known state.
        encoder.initialize()
        if let slip { appendSlip(slip, to: &encoder) }
        for voucher in vouchers { appendVoucher(voucher, to: &encoder) }
        appendCut(to: &encoder)
        return encoder.bytes
    }

    /// The notice printed before a job that is sent again.
    static func reprintNotice() -> [UInt8] {
        var encoder = ESCPOSEncoder(codePages: [0])
        encoder.initialize()
        encoder.align(.center)
        encoder.emphasis(true)
        encoder.line("*** REPRINT ***")
        encoder.emphasis(false)
        encoder.align(.left)
        return encoder.bytes
    }

    private func appendSlip(_ slip: Slip, to encoder: inout ESCPOSEncoder) {
        encoder.align(.center)
        encoder.emphasis(true)
        encoder.line(programName)
        encoder.emphasis(false)
        encoder.align(.left)
        encoder.line(row("Card", Self.paperCard(slip.card)))
        encoder.line(row("Points earned", "+\(slip.earned)"))
        encoder.line(row("Balance", "\(slip.balance)"))
        if let missing = slip.toNextReward {
            encoder.line(row("Next reward in", "\(missing) points"))
        }
    }

    private func appendVoucher(_ voucher: Voucher, to encoder: inout ESCPOSEncoder) {
        encoder.align(.center)
        encoder.line(String(repeating: "-", count: columns))
        encoder.size(width: 2, height: 2)
        encoder.line("VOUCHER")
        encoder.size(width: 1, height: 1)
        encoder.emphasis(true)
        encoder.line(voucher.title)
        encoder.emphasis(false)
        encoder.line(money.format(minorUnits: voucher.amountMinor))
        encoder.line("Valid through \(voucher.lastValidDay)")
        if let width = Self.barcodeModuleWidth(code: voucher.code, dots: printer.printableDots) {
            // Checked against the printable width first, so this cannot fail.
            try? encoder.code128(voucher.code, moduleWidth: width, height: 80, hri: .below)
        }
        if printer.qrCode {
            encoder.qrCode(Array(voucher.code.utf8), moduleSize: 6, errorCorrection: .m)
        }
        encoder.line()
        encoder.align(.left)
    }

    private func appendCut(to encoder: inout ESCPOSEncoder) {
        // GS V 65/66 with n = 0 feeds to the cutting position first, so the blade clears
        // the last printed line; plain GS V 0/1 would cut through it.
        switch printer.cut {
        case "full": encoder.raw([0x1D, 0x56, 0x41, 0x00])
        case "partial": encoder.raw([0x1D, 0x56, 0x42, 0x00])
        default: encoder.feed(lines: 4)
        }
    }

    /// The widest module (1 to 6 dots) at which the code's CODE128 symbol, quiet zones
    /// included, fits the printable dots; nil when even 1 dot is too wide.
    static func barcodeModuleWidth(code: String, dots: Int) -> Int? {
        let modules = ESCPOSEncoder.code128Modules(code)
        return (1...6).reversed().first { $0 * modules <= dots }
    }

    /// The card as the slip shows it: all but the last four digits starred.
    static func paperCard(_ card: String) -> String {
        let characters = Array(card)
        let shown = min(4, characters.count)
        return String(repeating: "*", count: characters.count - shown)
            + String(characters.suffix(shown))
    }

    /// `left` and `right` on one line of the paper's width, padded with spaces between.
    private func row(_ left: String, _ right: String) -> String {
        let gap = max(1, columns - left.count - right.count)
        return left + String(repeating: " ", count: gap) + right
    }
}

/// Money as the lane prints it: the currency's symbol and the amount with the locale's
/// decimal separator (`€5.00`; with `locale: "nl-NL"`, `€ 5,00`).
struct MoneyText: Sendable {
    let currency: String
    let scale: Int
    let locale: String?

    static let symbols = ["EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥", "CHF": "CHF "]
    /// Languages that write a decimal comma and put a space after the symbol.
    static let commaLanguages: Set<String> = [
        "nl", "de", "fr", "es", "it", "pt", "da", "sv", "nb", "fi", "pl", "cs", "tr",
    ]

    func format(minorUnits: Int64) -> String {
        let negative = minorUnits < 0
        let magnitude = minorUnits.magnitude
        var digits = String(magnitude)
        var text = digits
        if scale > 0 {
            if digits.count <= scale {
                digits = String(repeating: "0", count: scale - digits.count + 1) + digits
            }
            let split = digits.index(digits.endIndex, offsetBy: -scale)
            text = digits[..<split] + (usesComma ? "," : ".") + digits[split...]
        }
        let symbol = Self.symbols[currency] ?? "\(currency) "
        let spacer = usesComma && !symbol.hasSuffix(" ") ? " " : ""
        return (negative ? "-" : "") + symbol + spacer + text
    }

    private var usesComma: Bool {
        guard let locale else { return false }
        let language = locale.split(separator: "-").first.map(String.init) ?? locale
        return Self.commaLanguages.contains(language.lowercased())
    }
}
