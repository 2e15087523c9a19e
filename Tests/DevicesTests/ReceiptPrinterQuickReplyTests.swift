import Testing

@testable import Devices

/// A printer that answers at once: its reply to a request has been read from the return
/// channel before `send` returns, as on loopback or a fast LAN when the lane's standing
/// reader (`startWatching`) is waiting for bytes.
private actor QuickPrinter: PrinterTransport {
    nonisolated var hasReturnChannel: Bool { true }
    private let answers: [[UInt8]: [UInt8]]
    private var buffer: [UInt8] = []
    private var reader: CheckedContinuation<Void, Never>?
    private var readerID = 0
    private var taken: [CheckedContinuation<Void, Never>] = []

    init(answers: [[UInt8]: [UInt8]]) {
        self.answers = answers
    }

    func open() async throws {}

    func send(_ bytes: [UInt8]) async throws {
        guard let answer = answers[bytes] else { return }
        buffer += answer
        // With a reader waiting, back to the sender only once it has taken the answer.
        guard reader != nil else { return }
        wakeReader()
        while !buffer.isEmpty {
            await withCheckedContinuation { taken.append($0) }
        }
    }

    func receive(upTo count: Int, timeout: Duration) async throws -> [UInt8] {
        if buffer.isEmpty, timeout > .zero {
            readerID += 1
            let id = readerID
            let timer = Task {
                try? await Task.sleep(for: timeout)
                self.expire(id)
            }
            await withCheckedContinuation { reader = $0 }
            timer.cancel()
        }
        let bytes = Array(buffer.prefix(count))
        buffer.removeFirst(bytes.count)
        for sender in taken { sender.resume() }
        taken.removeAll()
        return bytes
    }

    func close() async {}

    var connectionNumber: Int? { 1 }

    private func expire(_ id: Int) {
        if readerID == id { wakeReader() }
    }

    private func wakeReader() {
        reader?.resume()
        reader = nil
    }
}

@Suite struct ReceiptPrinterQuickReplyTests {
    /// A status query while the standing reader runs: the reply is read before the query
    /// resumes from its send, and must still pair with the request. (It used to be noted
    /// as outstanding only after the send, so the reply was dropped as a stray and the
    /// query waited the whole confirmation timeout for nothing; a lane restarted with its
    /// printer out of paper held its queue that long before it said so.)
    @Test func aReplyReadBeforeTheSendReturnsPairsWithItsRequest() async {
        let enable: [UInt8] = [0x1D, 0x61, 0x0E]
        let printer = QuickPrinter(answers: [
            enable: [0x10, 0x00, 0x00, 0x00],
            // Offline, stopped by paper end, paper end (Epson ESC/POS, DLE EOT 1, 2, 4).
            [0x10, 0x04, 0x01]: [0x1A], [0x10, 0x04, 0x02]: [0x32], [0x10, 0x04, 0x04]: [0x72],
        ])
        let receipt = ReceiptPrinter(
            transport: printer,
            settings: DeviceProfile.PrinterSettings(
                paperWidthMM: 80, printableDots: 512, columnsFontA: 42, columnsFontB: 56,
                codePages: [19, 16, 2, 0], qrCode: true, cut: "partial", status: true,
                completion: "process-id", automaticStatusBack: true),
            confirmTimeout: .seconds(10))
        let (events, sink) = AsyncStream.makeStream(of: ReceiptPrinterEvent.self)
        await receipt.setObserver { sink.yield($0) }
        await receipt.startWatching(interval: .seconds(10))
        // The answer to `GS a` is in: the reader is waiting on the channel again.
        for await event in events {
            if case .stateChanged = event { break }
        }

        #expect(await receipt.refreshCondition() == .paperOut)
        #expect(await receipt.strayByteCount == 0)
        #expect(await receipt.state.source == .status)
        await receipt.stopWatching()
    }
}
