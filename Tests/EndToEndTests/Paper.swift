/// The bytes the gateway must print, stated from `docs/receipt-layout.md` and the Epson
/// ESC/POS Command Reference, command by command, for a TM-T88V profile (Font A 42 columns,
/// code pages 19, 16, 2, 0; 512 printable dots; partial cut). Nothing here is computed by the
/// product's code.
enum Paper {
    static let columns = 42

    static let initialize: [UInt8] = [0x1B, 0x40]  // ESC @
    static let center: [UInt8] = [0x1B, 0x61, 0x01]  // ESC a 1
    static let left: [UInt8] = [0x1B, 0x61, 0x00]  // ESC a 0
    static let boldOn: [UInt8] = [0x1B, 0x45, 0x01]  // ESC E 1
    static let boldOff: [UInt8] = [0x1B, 0x45, 0x00]  // ESC E 0
    static let doubleSize: [UInt8] = [0x1D, 0x21, 0x11]  // GS ! 0x11
    static let normalSize: [UInt8] = [0x1D, 0x21, 0x00]  // GS ! 0
    static let partialCut: [UInt8] = [0x1D, 0x56, 0x42, 0x00]  // GS V 66 0
    /// GS a 14: Automatic Status Back for online/offline (bit 1), errors (bit 2) and the roll
    /// paper sensor (bit 3) (Epson ESC/POS Command Reference, "GS a"); the TM-T88V profile
    /// says the printer sends ASB, so the lane sends this when it connects.
    static let enableAutomaticStatus: [UInt8] = [0x1D, 0x61, 0x0E]
    static let lf: [UInt8] = [0x0A]

    static func line(_ text: String) -> [UInt8] { Array(text.utf8) + lf }

    /// `left`, spaces, `right`: 42 characters.
    static func row(_ left: String, _ right: String) -> [UInt8] {
        line(left + String(repeating: " ", count: columns - left.count - right.count) + right)
    }

    static func slip(card: String, earned: Int, balance: Int, nextReward: Int) -> [UInt8] {
        let shown = String(repeating: "*", count: card.count - 4) + card.suffix(4)
        return center + boldOn + line("Koffiekaart") + boldOff + left
            + row("Card", shown) + row("Points earned", "+\(earned)")
            + row("Balance", "\(balance)") + row("Next reward in", "\(nextReward) points")
    }

    /// A 24-digit voucher: CODE128 set C at module width 2 (187 modules × 2 = 374 dots fit
    /// 512), then a model 2 QR, module 6, error correction M.
    static func voucher(code: String, validThrough: String) -> [UInt8] {
        let digits = Array(code.utf8).map { $0 - 0x30 }
        var pairs: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            pairs.append(digits[index] * 10 + digits[index + 1])
        }
        let barcode: [UInt8] =
            [0x1D, 0x48, 0x02]  // GS H 2: text below
            + [0x1D, 0x68, 0x50]  // GS h 80
            + [0x1D, 0x77, 0x02]  // GS w 2
            + [0x1D, 0x6B, 0x49, 0x0E, 0x7B, 0x43] + pairs  // GS k 73 14 {C …
        let qr: [UInt8] =
            [0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00]
            + [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, 0x06]
            + [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, 0x31]
            + [0x1D, 0x28, 0x6B, 0x1B, 0x00, 0x31, 0x50, 0x30] + Array(code.utf8)
            + [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30]
        // €5.00: ESC t 19 selects PC858, where the euro sign is D5.
        let amount: [UInt8] = [0x1B, 0x74, 0x13, 0xD5] + Array("5.00".utf8) + lf
        return center + line(String(repeating: "-", count: columns))
            + doubleSize + line("VOUCHER") + normalSize
            + boldOn + line("5 euro off your next visit") + boldOff
            + amount + line("Valid through \(validThrough)")
            + barcode + qr + lf + left
    }

    static let reprintNotice: [UInt8] =
        initialize + center + boldOn + line("*** REPRINT ***") + boldOff + left

    /// GS1 mod 10 over the first 23 digits.
    static func checkDigit(_ digits: Substring) -> Int {
        var sum = 0
        for (index, character) in digits.reversed().enumerated() {
            sum += Int(String(character))! * (index % 2 == 0 ? 3 : 1)
        }
        return (10 - sum % 10) % 10
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02X", $0) }.joined(separator: " ")
    }
}
