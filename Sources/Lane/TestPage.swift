import Devices
import ESCPOS

/// The page `lanegate devices test-print` prints: what a printer profile promises, shown on
/// paper so that IT staff can hold the two side by side.
///
/// In order: a title in double size; Font A and Font B (`ESC M`) each with a ruler as wide
/// as the profile's columns (a line that wraps means the column count is wrong); emphasis
/// (`ESC E`) and double size (`GS !`); each listed code page selected with `ESC t` and the
/// same sample characters (euro and pound signs, accented letters, sharp s) in its bytes, a
/// character the table lacks printed as `?`; a CODE128 symbol with code sets B and C; a
/// native QR when the profile has one; then the profile's cut (or a feed to the tear bar).
public enum TestPage {
    /// The characters each code page line shows.
    public static let sample = "€£àáâäçèéêëìíîïñòóôöùúûüß"
    /// The CODE128 data: letters (set B) then ten digits (set C).
    public static let barcode = "TEST-0123456789"

    /// The page for `profile`; throws when it is not a printer profile.
    public static func bytes(for profile: DeviceProfile) throws(LaneError) -> [UInt8] {
        guard let printer = profile.printer else {
            throw LaneError(
                "profile \(profile.name) is a \(profile.kind.rawValue) profile; a test page "
                    + "needs a printer profile (valid: e.g. epson-tm-t88v)")
        }
        var page = ESCPOSEncoder(codePages: printer.codePages)
        page.initialize()

        page.align(.center)
        page.size(width: 2, height: 2)
        page.line("TEST PAGE")
        page.size(width: 1, height: 1)
        page.line(ascii("\(profile.maker) \(profile.model)"))
        page.line(ascii("profile \(profile.name)"))
        page.align(.left)
        page.line()

        // A ruler one column too long or short shows at once: it wraps or stops short.
        page.line("Font A, \(printer.columnsFontA) columns:")
        page.line(ruler(printer.columnsFontA))
        page.raw([0x1B, 0x4D, 0x01])
        page.line("Font B, \(printer.columnsFontB) columns:")
        page.line(ruler(printer.columnsFontB))
        page.raw([0x1B, 0x4D, 0x00])
        page.emphasis(true)
        page.line("Emphasized")
        page.emphasis(false)
        page.size(width: 2, height: 2)
        page.line("Double size")
        page.size(width: 1, height: 1)
        page.line()

        // Each table is selected by hand: the encoder would pick the best one by itself,
        // and the point here is to see every listed table print the same characters.
        for number in printer.codePages {
            guard let table = CodePage.table(number) else { continue }
            page.line("Code page \(number) (\(table.name)):")
            page.raw([0x1B, 0x74, number])
            page.raw(sample.map { table.encode($0) ?? 0x3F } + [0x0A])
        }
        if let first = printer.codePages.first {
            page.raw([0x1B, 0x74, first])
        }
        page.line()

        page.line("CODE128 \(barcode):")
        page.align(.center)
        let width = ReceiptLayout.barcodeModuleWidth(code: barcode, dots: printer.printableDots)
        if let width {
            try? page.code128(barcode, moduleWidth: min(width, 3), height: 80, hri: .below)
        } else {
            page.line("(too wide for \(printer.printableDots) dots)")
        }
        page.line()
        page.align(.left)
        if printer.qrCode {
            page.line("QR:")
            page.align(.center)
            page.qrCode(
                Array("LANEGATE TEST \(profile.name)".utf8), moduleSize: 6,
                errorCorrection: .m)
            page.line()
            page.align(.left)
        } else {
            page.line("QR: not in this profile")
        }

        // GS V 65/66 with n = 0 feeds to the cutting position first (as receipts do).
        switch printer.cut {
        case "full": page.raw([0x1D, 0x56, 0x41, 0x00])
        case "partial": page.raw([0x1D, 0x56, 0x42, 0x00])
        default: page.feed(lines: 4)
        }
        return page.bytes
    }

    /// `1234567890123…`, `columns` characters long.
    static func ruler(_ columns: Int) -> String {
        String((1...max(columns, 1)).map { Character(String($0 % 10)) })
    }

    /// Text every table prints alike: ASCII, anything else as `?`.
    static func ascii(_ text: String) -> String {
        String(text.map { $0.isASCII && !$0.isNewline ? $0 : "?" })
    }
}
