import ESCPOS
import Foundation
import Lane
import StrictJSON
import Synchronization

/// What the demo counted, for its closing summary.
final class DemoTally: Sendable {
    struct Counts {
        /// Transactions already counted: a replayed reply (an idempotent retry) is not a
        /// second sale.
        var seen: Set<String> = []
        var sales = 0
        var pointsEarned: Int64 = 0
        var vouchersIssued: [String] = []
        var vouchersRedeemed: [String] = []
        var refunds = 0
        var pointsReversed: Int64 = 0
        var balances: [String: Int64] = [:]
        var jobs = 0
        var errors = 0
    }
    let counts = Mutex(Counts())
}

/// Draws the demo on the terminal: the POS conversation, and each print job as paper.
enum DemoView {
    static func show(_ event: ScriptPlayer.Event, columns: Int, tally: DemoTally) {
        switch event {
        case .sent(let line):
            print("  POS     → " + shorten(line))
        case .received(let line, let expected, let matched):
            print(
                "  gateway ← " + shorten(line)
                    + (matched ? "" : "   ✗ expected " + shorten(expected)))
            count(line, tally: tally)
        case .scanned(let bytes):
            print("  scanner ⇢ " + escaped(bytes))
        case .printed(let bytes):
            tally.counts.withLock { $0.jobs += 1 }
            drawPaper(bytes, columns: columns)
        case .note(let text):
            print("  note: " + text)
        }
    }

    /// Parses the job's bytes back and draws the paper, QR codes as block characters.
    static func drawPaper(_ bytes: [UInt8], columns: Int) {
        let lines = PaperRenderer.render(ESCPOSParser.parse(bytes), columns: columns)
        let edge = String(repeating: "─", count: columns + 2)
        var open = false
        func row(_ text: String) {
            if !open { print("    ┌" + edge + "┐") }
            open = true
            print("    │ " + text + " │")
        }
        print("")
        for line in lines {
            switch line.kind {
            case .qr(let data):
                let text = String(decoding: data, as: UTF8.self)
                for drawn in TerminalQR.draw(text) {
                    let width = TerminalQR.visibleWidth(drawn)
                    let left = max(0, (columns - width) / 2)
                    let right = max(0, columns - width - left)
                    row(
                        String(repeating: " ", count: left) + drawn
                            + String(repeating: " ", count: right))
                }
            case .cut:
                if open { print("    └" + edge + "┘") }
                open = false
                print("    ✂ " + String(repeating: "- ", count: (columns + 2) / 2))
            default:
                let text = line.text.padding(toLength: columns, withPad: " ", startingAt: 0)
                let bold = line.bold && isatty(STDOUT_FILENO) == 1
                row(bold ? "\u{1B}[1m" + text + "\u{1B}[0m" : text)
            }
        }
        if open { print("    └" + edge + "┘") }
        print("")
    }

    static func summary(_ tally: DemoTally) {
        let counts = tally.counts.withLock { $0 }
        print("Summary of the day")
        print("  sales finalized     \(counts.sales)")
        print("  points earned       \(counts.pointsEarned)")
        print("  refunds             \(counts.refunds) (points reversed: \(counts.pointsReversed))")
        print(
            "  vouchers issued     \(counts.vouchersIssued.count)"
                + (counts.vouchersIssued.isEmpty
                    ? "" : ": " + counts.vouchersIssued.joined(separator: ", ")))
        print("  vouchers redeemed   \(counts.vouchersRedeemed.count)")
        print("  print jobs          \(counts.jobs)")
        print("  errors answered     \(counts.errors)")
        for (card, balance) in counts.balances.sorted(by: { $0.key < $1.key }) {
            print("  member \(card)  balance \(balance) points")
        }
    }

    private static func count(_ line: String, tally: DemoTally) {
        guard let node = try? JSONParser.parse(Array(line.utf8)) else { return }
        let op = node["op"]?.stringValue
        func integer(_ key: String) -> Int64? {
            if case .number(let text)? = node[key]?.value { return Int64(text) }
            return nil
        }
        let txn = node["txn"]?.stringValue ?? ""
        tally.counts.withLock { counts in
            if op == "finalized" || op == "refunded" {
                guard counts.seen.insert(txn).inserted else { return }
            }
            switch op {
            case "finalized":
                counts.sales += 1
                counts.pointsEarned += integer("earned") ?? 0
                if case .array(let vouchers)? = node["vouchers"]?.value {
                    counts.vouchersIssued += vouchers.compactMap { $0["code"]?.stringValue }
                }
                if case .array(let redeemed)? = node["redeemed"]?.value {
                    counts.vouchersRedeemed += redeemed.compactMap(\.stringValue)
                }
            case "refunded":
                counts.refunds += 1
                counts.pointsReversed += integer("reversed") ?? 0
            case "error":
                counts.errors += 1
            default: break
            }
            if let member = node["member"], let card = member["card"]?.stringValue,
                case .number(let text)? = member["balance"]?.value, let balance = Int64(text)
            {
                counts.balances[card] = balance
            }
        }
    }

    private static func shorten(_ line: String) -> String {
        line.count <= 110 ? line : String(line.prefix(107)) + "…"
    }

    private static func escaped(_ bytes: [UInt8]) -> String {
        bytes.map { byte -> String in
            switch byte {
            case 0x0D: return "\\r"
            case 0x0A: return "\\n"
            case 0x09: return "\\t"
            case 0x5C: return "\\\\"
            case 0x20..<0x7F: return String(UnicodeScalar(byte))
            default: return String(format: "\\x%02x", byte)
            }
        }.joined()
    }
}

extension TerminalQR {
    /// The number of character cells a drawn row takes (color escapes excluded).
    static func visibleWidth(_ row: String) -> Int {
        var width = 0
        var inEscape = false
        for character in row {
            if character == "\u{1B}" { inEscape = true; continue }
            if inEscape { if character == "m" { inEscape = false }; continue }
            width += 1
        }
        return width
    }
}
