import ESCPOS
import Testing

@testable import Devices

@Suite struct ReceiptPrinterRepliesTests {
    /// An XOFF, a DLE EOT 4 reply, an ASB message, a process ID reply, GS I 67's model
    /// name, a NUL nobody asked for and GS I 1's model ID, as one stream.
    static let stream: [UInt8] =
        [0x13, 0x72] + [0x18, 0x00, 0x0F, 0x00] + [0x37, 0x22, 0x30, 0x30, 0x34, 0x32, 0x00]
        + [0x5F] + Array("TM-T88V".utf8) + [0x00] + [0x20]

    @Test(arguments: 0...stream.count)
    func everySplitGivesTheSameReplies(split: Int) throws {
        var replies = ReceiptPrinterReplies()
        replies.sent(.status(4))
        replies.sent(.information(67))
        replies.sent(.printerID(1))
        replies.append(Array(Self.stream[..<split]))
        replies.append(Array(Self.stream[split...]))

        let paper = replies.take { reply -> PrinterStatus? in
            if case .status(let status) = reply { status } else { nil }
        }
        #expect(paper?.request == 4)
        #expect(paper?.paperOut == true)
        let automatic = replies.takeAutomatic()
        #expect(automatic.map(\.bytes) == [[0x18, 0x00, 0x0F, 0x00]])
        let completed = replies.takeProcessReply(Array("0042".utf8))
        #expect(completed)
        let model = replies.take { if case .information(67, let t) = $0 { t } else { nil } }
        #expect(model == "TM-T88V")
        let modelID = replies.take { reply -> UInt8? in
            if case .printerID(1, let value) = reply { value } else { nil }
        }
        #expect(modelID == 0x20)
        let strays = replies.takeStrays()
        #expect(strays.isEmpty)
    }

    @Test func repliesNobodyAskedForAreStrays() {
        var replies = ReceiptPrinterReplies()
        // A status, a printer ID and printer information, with no request outstanding; then
        // an ASB opening cut short by a status byte; then a lone process ID header.
        replies.append([0x12, 0x20, 0x5F, 0x41, 0x00, 0x10, 0x12, 0x37, 0x41])
        let unasked = replies.takeStrays()
        #expect(unasked.map(\.byte) == [0x12, 0x20, 0x5F, 0x41, 0x00, 0x10, 0x12, 0x37, 0x41])
        replies.sent(.status(1))
        replies.abandon(.status(1))
        replies.append([0x16])
        let late = replies.takeStrays()
        #expect(late.map(\.reason) == ["a status byte with no DLE EOT request outstanding"])
    }
}
