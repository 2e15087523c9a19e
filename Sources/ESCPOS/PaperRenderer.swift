/// Lays parsed elements out as lines of a receipt, for previews and the demo.
///
/// A column is one font A character: 48 on 80 mm paper (576 dots), 32 on 58 mm
/// (384 dots), 12 dots each. Text wraps at the right edge as the printer wraps it;
/// a character of width n takes n columns and is drawn followed by n - 1 spaces.
/// The alignment of a line is the one in force at its first character, as
/// `ESC a` only takes effect at the start of a line.
public struct PaperRenderer {
    /// Dots a column of font A takes.
    static let dotsPerColumn = 12

    /// The paper lines `elements` print on a roll `columns` characters wide.
    public static func render(_ elements: [ESCPOSElement], columns: Int) -> [PaperLine] {
        var layout = Layout(columns: max(columns, 1))
        for element in elements {
            layout.add(element.kind)
        }
        layout.endLine(evenIfEmpty: false)
        return layout.lines
    }

    /// The line being filled and the lines done.
    private struct Layout {
        let columns: Int
        var lines: [PaperLine] = []
        var text = ""
        var used = 0
        var bold = false
        var alignment = Alignment.left

        init(columns: Int) {
            self.columns = columns
        }

        mutating func add(_ kind: ESCPOSElement.Kind) {
            switch kind {
            case let .text(string, state):
                for character in string {
                    put(character, state: state)
                }
            case .lineFeed:
                endLine(evenIfEmpty: true)
            case let .feed(count):
                if count == 0 { endLine(evenIfEmpty: false) }
                for _ in 0..<count { endLine(evenIfEmpty: true) }
            case let .barcode(barcode):
                endLine(evenIfEmpty: false)
                addBarcode(barcode)
            case let .qrCode(qr):
                endLine(evenIfEmpty: false)
                let label = "[QR " + String(decoding: qr.data, as: UTF8.self) + "]"
                let marker = String(label.prefix(columns))
                lines.append(aligned(marker, qr.alignment, kind: .qr(qr.data)))
            case let .image(width, height):
                endLine(evenIfEmpty: false)
                let label = "[image \(width)x\(height)]"
                lines.append(PaperLine(text: label, kind: .image(width: width, height: height)))
            case .cut:
                endLine(evenIfEmpty: false)
                let dashes = String(repeating: "- ", count: max((columns - 2) / 2, 0))
                lines.append(PaperLine(text: trimmed("✂ " + dashes), kind: .cut))
            case .initialize:
                // ESC @ clears the print buffer: a line not yet fed never prints.
                text = ""
                used = 0
                bold = false
            case .statusRequest, .processIDRequest, .enableAutomaticStatus, .codePage, .unknown:
                break
            }
        }

        mutating func put(_ character: Character, state: TextState) {
            if character == "\t" {
                let stop = min((used / 8 + 1) * 8, columns)
                if used == 0 { alignment = state.alignment }
                text += String(repeating: " ", count: stop - used)
                used = stop
                if used >= columns { endLine(evenIfEmpty: true) }
                return
            }

            let width = min(max(state.width, 1), columns)
            if used + width > columns { endLine(evenIfEmpty: true) }
            if used == 0 { alignment = state.alignment }
            text.append(character)
            text += String(repeating: " ", count: width - 1)
            used += width
            bold = bold || state.emphasized
        }

        mutating func endLine(evenIfEmpty: Bool) {
            guard evenIfEmpty || used > 0 else { return }
            var line = aligned(text, alignment, kind: .text)
            line.bold = bold
            lines.append(line)
            text = ""
            used = 0
            bold = false
        }

        mutating func addBarcode(_ barcode: Barcode) {
            let readable = barcode.humanReadable
            let modules =
                barcode.type == .code128 || barcode.type == .code128Auto
                ? ESCPOSEncoder.code128Modules(readable)
                : 11 * readable.count + 35
            let dots = modules * max(barcode.moduleWidth, 1)
            let width = min(max(dots / PaperRenderer.dotsPerColumn, 1), columns)
            // TODO: the bar line is a pattern of the right width, not the symbol's real
            // modules, so a preview cannot be scanned or checked bar by bar; drawing the
            // real CODE128 patterns needs the 107-entry bar table and the check digit.
            let bars = String(
                (0..<width).map { index -> Character in
                    let byte = barcode.data.isEmpty ? 0 : barcode.data[index % barcode.data.count]
                    return (Int(byte) >> (index % 3)) & 1 == 0 ? "█" : "▌"
                })
            let hriLine = aligned(String(readable.prefix(columns)), barcode.alignment, kind: .text)

            if barcode.hri == .above || barcode.hri == .both { lines.append(hriLine) }
            lines.append(aligned(bars, barcode.alignment, kind: .barcode(readable)))
            if barcode.hri == .below || barcode.hri == .both { lines.append(hriLine) }
        }

        func aligned(_ content: String, _ alignment: Alignment, kind: PaperLine.Kind) -> PaperLine {
            let body = trimmed(content)
            let free = max(columns - content.count, 0)
            let pad =
                switch alignment {
                case .left: 0
                case .center: free / 2
                case .right: free
                }
            let text = body.isEmpty ? "" : String(repeating: " ", count: pad) + body
            return PaperLine(text: text, kind: kind)
        }

        func trimmed(_ s: String) -> String {
            var s = Substring(s)
            while s.last == " " { s = s.dropLast() }
            return String(s)
        }
    }
}
