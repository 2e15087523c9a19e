import CQREncode
import Foundation

/// A QR code drawn with block characters, two modules per character cell (upper and lower
/// half blocks), so a phone can scan it off the screen. Encoded by libqrencode.
///
/// Dark modules are drawn as ink (`█`, `▀`, `▄`), light ones as spaces, with the four-module
/// quiet zone the QR standard asks for. On a terminal the code is drawn black on white,
/// because many phone readers do not read a light-on-dark code.
enum TerminalQR {
    /// The rows of characters, or nil when libqrencode cannot encode the data.
    static func rows(for text: String, errorCorrection: QRecLevel = QR_ECLEVEL_M) -> [String]? {
        guard let code = QRcode_encodeString(text, 0, errorCorrection, QR_MODE_8, 1) else {
            return nil
        }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        let quiet = 4
        let size = width + 2 * quiet
        func dark(_ row: Int, _ column: Int) -> Bool {
            let r = row - quiet
            let c = column - quiet
            guard r >= 0, c >= 0, r < width, c < width else { return false }
            return code.pointee.data[r * width + c] & 1 == 1
        }
        var rows: [String] = []
        for top in stride(from: 0, to: size, by: 2) {
            var line = ""
            for column in 0..<size {
                switch (dark(top, column), dark(top + 1, column)) {
                case (true, true): line += "█"
                case (true, false): line += "▀"
                case (false, true): line += "▄"
                case (false, false): line += " "
                }
            }
            rows.append(line)
        }
        return rows
    }

    /// The rows ready to print: colored black on white when standard output is a terminal.
    static func draw(_ text: String) -> [String] {
        guard let rows = rows(for: text) else { return ["(QR code could not be drawn)"] }
        guard isatty(STDOUT_FILENO) == 1 else { return rows }
        return rows.map { "\u{1B}[30;47m" + $0 + "\u{1B}[0m" }
    }
}
