import Devices
import Foundation
import Testing

@testable import Lane

private func profile(_ name: String) throws -> DeviceProfile {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    return try DeviceProfile.load(path: root.appendingPathComponent("devices/\(name).json").path)
}

private func text(_ s: String) -> [UInt8] { Array(s.utf8) }

@Suite struct TestPageTests {
    /// The whole page for the TM-T88V profile, command by command (Epson ESC/POS Command
    /// Reference), with the sample characters in each table's own bytes.
    @Test func tmT88VPageBytes() throws {
        var expected: [UInt8] = [0x1B, 0x40]
        expected += [0x1B, 0x61, 0x01, 0x1D, 0x21, 0x11] + text("TEST PAGE\n")
        expected += [0x1D, 0x21, 0x00] + text("Seiko Epson TM-T88V\nprofile epson-tm-t88v\n")
        expected += [0x1B, 0x61, 0x00, 0x0A]
        expected += text("Font A, 42 columns:\n123456789012345678901234567890123456789012\n")
        expected += [0x1B, 0x4D, 0x01] + text("Font B, 56 columns:\n")
        expected += text("12345678901234567890123456789012345678901234567890123456\n")
        expected += [0x1B, 0x4D, 0x00]
        expected += [0x1B, 0x45, 0x01] + text("Emphasized\n") + [0x1B, 0x45, 0x00]
        expected += [0x1D, 0x21, 0x11] + text("Double size\n") + [0x1D, 0x21, 0x00, 0x0A]

        // € £ à á â ä ç è é ê ë ì í î ï ñ ò ó ô ö ù ú û ü ß
        let pc850: [UInt8] = [
            0x9C, 0x85, 0xA0, 0x83, 0x84, 0x87, 0x8A, 0x82, 0x88, 0x89, 0x8D, 0xA1, 0x8C,
            0x8B, 0xA4, 0x95, 0xA2, 0x93, 0x94, 0x97, 0xA3, 0x96, 0x81, 0xE1,
        ]
        let wpc1252: [UInt8] = [
            0x80, 0xA3, 0xE0, 0xE1, 0xE2, 0xE4, 0xE7, 0xE8, 0xE9, 0xEA, 0xEB, 0xEC, 0xED,
            0xEE, 0xEF, 0xF1, 0xF2, 0xF3, 0xF4, 0xF6, 0xF9, 0xFA, 0xFB, 0xFC, 0xDF,
        ]
        expected += text("Code page 19 (PC858):\n") + [0x1B, 0x74, 19, 0xD5] + pc850 + [0x0A]
        expected += text("Code page 16 (WPC1252):\n") + [0x1B, 0x74, 16] + wpc1252 + [0x0A]
        // PC850 has no euro sign (its D5 is a dotless i), PC437 neither.
        expected += text("Code page 2 (PC850):\n") + [0x1B, 0x74, 2, 0x3F] + pc850 + [0x0A]
        expected += text("Code page 0 (PC437):\n") + [0x1B, 0x74, 0, 0x3F] + pc850 + [0x0A]
        expected += [0x1B, 0x74, 19, 0x0A]

        // CODE128 at module width 2 (176 modules, 352 of 512 dots): {B TEST- then {C 01..89.
        expected += text("CODE128 TEST-0123456789:\n") + [0x1B, 0x61, 0x01]
        expected += [0x1D, 0x48, 0x02, 0x1D, 0x68, 80, 0x1D, 0x77, 0x02]
        expected += [0x1D, 0x6B, 0x49, 14, 0x7B, 0x42] + text("TEST-")
        expected += [0x7B, 0x43, 1, 23, 45, 67, 89]
        expected += [0x0A, 0x1B, 0x61, 0x00]

        let qr = text("LANEGATE TEST epson-tm-t88v")
        expected += text("QR:\n") + [0x1B, 0x61, 0x01]
        expected += [0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00]
        expected += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, 0x06]
        expected += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, 0x31]
        expected += [0x1D, 0x28, 0x6B, UInt8(qr.count + 3), 0x00, 0x31, 0x50, 0x30] + qr
        expected += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30]
        expected += [0x0A, 0x1B, 0x61, 0x00]
        expected += [0x1D, 0x56, 0x42, 0x00]

        let page = try TestPage.bytes(for: try profile("epson-tm-t88v"))
        #expect(page == expected)
    }

    @Test func aTearBarPrinterGetsAFeed() throws {
        let page = try TestPage.bytes(for: try profile("generic-58mm"))
        #expect(page.suffix(3) == [0x1B, 0x64, 0x04])
        #expect(page.starts(with: [0x1B, 0x40]))
        let ruler = text("Font A, 32 columns:\n12345678901234567890123456789012\n")
        #expect(page.firstRange(of: ruler) != nil)
    }

    @Test func refusesAScannerProfile() throws {
        #expect {
            _ = try TestPage.bytes(for: try profile("generic-serial-scanner"))
        } throws: { error in
            (error as? LaneError)?.description == "profile generic-serial-scanner is a scanner "
                + "profile; a test page needs a printer profile (valid: e.g. epson-tm-t88v)"
        }
    }
}
