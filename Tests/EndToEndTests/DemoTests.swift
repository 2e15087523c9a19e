import Foundation
import Testing

/// `lanegate demo` (what `make run` shows): it exits 0, and the voucher's QR code it draws
/// in block characters decodes, with zbarimg, to the voucher's code.
@Suite(.serialized) struct DemoTests {
    @Test func demoDrawsAScannableVoucher() throws {
        let output = try Self.runDemo()
        #expect(output.status == 0, "lanegate demo failed:\n\(output.errors)")
        #expect(output.text.contains("Summary of the day"))
        // A demo day that goes as planned warns of nothing (the demo logs warnings only):
        // the lane's own stop of its scanner once showed as `scanner-disconnected` here.
        #expect(output.errors == "", "the demo warned:\n\(output.errors)")

        let summary = try #require(
            output.text.split(separator: "\n")
                .first { $0.contains("vouchers issued") })
        let code = try #require(summary.split(separator: " ").last.map(String.init))
        #expect(code.count == 24 && code.hasPrefix("994"))

        let rows = Self.qrRows(in: output.text)
        #expect(rows.count >= 10, "no QR code drawn:\n\(output.text)")
        let image = FileManager.default.temporaryDirectory
            .appendingPathComponent("lanegate-qr-\(UUID().uuidString).pgm")
        defer { try? FileManager.default.removeItem(at: image) }
        try Self.rasterize(rows).write(to: image)
        #expect(try Self.zbarimg(image) == code)
    }

    static func runDemo() throws -> (status: Int32, text: String, errors: String) {
        let process = Process()
        process.executableURL = Repository.binary
        process.arguments = ["demo"]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let text = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: text, as: UTF8.self),
            String(decoding: errors, as: UTF8.self)
        )
    }

    /// The first run of paper lines made only of block characters and spaces.
    static func qrRows(in text: String) -> [String] {
        var rows: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let inner =
                line.hasPrefix("    │ ") && line.hasSuffix(" │")
                ? String(line.dropFirst(6).dropLast(2)) : nil
            if let inner, inner.contains(where: { $0 == "▀" || $0 == "▄" }),
                inner.allSatisfy({ "█▀▄ ".contains($0) })
            {
                rows.append(inner)
            } else if !rows.isEmpty {
                break
            }
        }
        return rows
    }

    /// A PGM image of the rows: each character is one module wide and two high (upper and
    /// lower half blocks), each module 4 × 4 pixels, with a white margin.
    static func rasterize(_ rows: [String]) -> Data {
        let scale = 4
        let margin = 8
        let width = (rows.map(\.count).max() ?? 0) + 2 * margin
        let height = rows.count * 2 + 2 * margin
        var pixels = [UInt8](repeating: 255, count: width * scale * height * scale)
        for (y, row) in rows.enumerated() {
            for (x, character) in row.enumerated() {
                let halves = [
                    character == "█" || character == "▀", character == "█" || character == "▄",
                ]
                for (half, dark) in halves.enumerated() where dark {
                    for dy in 0..<scale {
                        for dx in 0..<scale {
                            let py = (margin + 2 * y + half) * scale + dy
                            let px = (margin + x) * scale + dx
                            pixels[py * width * scale + px] = 0
                        }
                    }
                }
            }
        }
        return Data("P5 \(width * scale) \(height * scale) 255\n".utf8) + Data(pixels)
    }

    static func zbarimg(_ image: URL) throws -> String {
        let candidates = ["/usr/bin/zbarimg", "/usr/local/bin/zbarimg"]
        guard let tool = candidates.first(where: FileManager.default.isExecutableFile) else {
            throw HarnessError("zbarimg is missing: `make test` installs zbar-tools")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["--raw", "-q", image.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
