import ESCPOS
import Testing

@testable import Devices

/// A printer behind a transport that behaves like TCP: what the printer says goes into a
/// return channel that `receive` waits on; the test can drop the connection, and the next
/// `send` opens a new one.
private actor LinePrinter: PrinterTransport {
    nonisolated var hasReturnChannel: Bool { true }
    private let channel = PrinterTransportReturnChannel()
    private var answers: [[UInt8]: [UInt8]]
    private var connected = false
    private var connections = 0
    private var sentWaiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    private(set) var sent: [[UInt8]] = []

    init(answers: [[UInt8]: [UInt8]]) {
        self.answers = answers
    }

    func open() async throws {
        if !connected {
            connected = true
            connections += 1
        }
    }

    func send(_ bytes: [UInt8]) async throws {
        if !connected {
            connected = true
            connections += 1
        }
        sent.append(bytes)
        let ready = sentWaiters.filter { $0.count <= sent.count }
        sentWaiters.removeAll { $0.count <= sent.count }
        for waiter in ready { waiter.continuation.resume() }
        if let answer = answers[bytes] { await channel.deliver(answer) }
    }

    func receive(upTo count: Int, timeout: Duration) async throws -> [UInt8] {
        await channel.receive(upTo: count, timeout: timeout)
    }

    func close() async {
        connected = false
        await channel.discard()
    }

    var connectionNumber: Int? { connected ? connections : nil }

    func say(_ bytes: [UInt8]) async { await channel.deliver(bytes) }

    /// The printer was switched off and on: the connection is gone.
    func dropConnection() async { await close() }

    /// Returns once `count` sends have gone out.
    func waitUntilSent(_ count: Int) async {
        if sent.count >= count { return }
        await withCheckedContinuation { sentWaiters.append((count, $0)) }
    }
}

/// What the printer reports to its observer, to wait for one event after another.
private struct Observed {
    let stream: AsyncStream<ReceiptPrinterEvent>
    let sink: AsyncStream<ReceiptPrinterEvent>.Continuation

    init() {
        (stream, sink) = AsyncStream.makeStream(of: ReceiptPrinterEvent.self)
    }

    /// The next state change, with the stray bytes reported before it.
    func nextState(
        _ iterator: inout AsyncStream<ReceiptPrinterEvent>.Iterator
    ) async -> (state: ReceiptPrinterState?, strays: [UInt8]) {
        var strays: [UInt8] = []
        while let event = await iterator.next() {
            switch event {
            case .stateChanged(let state): return (state, strays)
            case .strayByte(let byte, _): strays.append(byte)
            }
        }
        return (nil, strays)
    }
}

private func settings(asb: Bool, completion: String = "none") -> DeviceProfile.PrinterSettings {
    DeviceProfile.PrinterSettings(
        paperWidthMM: 80, printableDots: 512, columnsFontA: 42, columnsFontB: 56,
        codePages: [19, 16, 2, 0], qrCode: true, cut: "partial", status: true,
        completion: completion, automaticStatusBack: asb)
}

private func status(_ n: UInt8) -> [UInt8] { [0x10, 0x04, n] }
/// GS a 14: online/offline, errors, roll paper sensor (Epson ESC/POS Command Reference, GS a).
private let enable: [UInt8] = [0x1D, 0x61, 0x0E]
/// ASB messages: fixed bit 4 of byte 1 on; offline is byte 1 bit 3, paper end byte 3 bits 2-3.
private let healthy: [UInt8] = [0x10, 0x00, 0x00, 0x00]
private let paperOut: [UInt8] = [0x18, 0x00, 0x0C, 0x00]
private let nearEnd: [UInt8] = [0x10, 0x00, 0x03, 0x00]
private let processRequest: [UInt8] =
    [0x1D, 0x28, 0x48, 0x06, 0x00, 0x30, 0x30] + Array("0042".utf8)
private let processReply: [UInt8] = [0x37, 0x22] + Array("0042".utf8) + [0x00]
private let job: [UInt8] = [0x1B, 0x40] + Array("TOTAL 12,50\n".utf8) + [0x1D, 0x56, 0x42, 0x00]

@Suite struct ReceiptPrinterWatchTests {
    @Test func gsAGoesOutOnConnectAndAgainAfterAReconnect() async {
        let printer = LinePrinter(answers: [enable: healthy])
        let receipt = ReceiptPrinter(
            transport: printer, settings: settings(asb: true), confirmTimeout: .seconds(5))
        let observed = Observed()
        await receipt.setObserver { observed.sink.yield($0) }
        var events = observed.stream.makeAsyncIterator()

        await receipt.startWatching(interval: .milliseconds(20))
        #expect(await receipt.isWatching)
        await printer.waitUntilSent(1)
        #expect(await printer.sent == [enable])
        let first = await observed.nextState(&events)
        #expect(first.state?.source == .automatic)
        #expect(first.state?.condition == .healthy)

        await printer.dropConnection()
        await printer.waitUntilSent(2)
        #expect(await printer.sent == [enable, enable])
        #expect(await printer.connectionNumber == 2)
        await receipt.stopWatching()
    }

    @Test(arguments: [false, true])
    func gsAOnlyWhenTheProfileSaysSo(asb: Bool) async {
        let printer = LinePrinter(answers: [
            enable: healthy, status(1): [0x12], status(4): [0x12],
        ])
        let receipt = ReceiptPrinter(
            transport: printer, settings: settings(asb: asb), confirmTimeout: .seconds(5))
        let observed = Observed()
        await receipt.setObserver { observed.sink.yield($0) }
        var events = observed.stream.makeAsyncIterator()

        await receipt.startWatching(interval: .milliseconds(20))
        #expect(await receipt.isWatching == asb)
        if asb {
            // The connect message is in before the job, so the job needs no query first.
            _ = await observed.nextState(&events)
        }
        #expect(await receipt.print(job, id: 42) == .confirmed(evidence: "status"))
        let expected: [[UInt8]] =
            asb
            ? [enable, job, enable, status(1), status(4)]
            : [status(1), status(4), job, status(1), status(4)]
        #expect(await printer.sent == expected)
        await receipt.stopWatching()
    }

    @Test func aPaperOutMessageBetweenJobsChangesTheStateAtOnce() async {
        let printer = LinePrinter(answers: [
            enable: healthy, status(1): [0x1A], status(2): [0x32], status(4): [0x72],
        ])
        let receipt = ReceiptPrinter(
            transport: printer, settings: settings(asb: true, completion: "process-id"),
            confirmTimeout: .seconds(5))
        let observed = Observed()
        await receipt.setObserver { observed.sink.yield($0) }
        var events = observed.stream.makeAsyncIterator()
        await receipt.startWatching(interval: .milliseconds(20))
        _ = await observed.nextState(&events)

        await printer.say(paperOut)
        let out = await observed.nextState(&events)
        #expect(out.state?.source == .automatic)
        #expect(out.state?.condition == .paperOut)
        #expect(out.state?.faults == ["paper-out", "offline"])
        // The next job is held before its bytes go out.
        #expect(await receipt.print(job, id: 42) == .fault(.paperOut))
        #expect(await printer.sent == [enable, status(1), status(2), status(4)])
        let queried = await observed.nextState(&events)
        #expect(queried.state?.source == .status)
        #expect(queried.state?.condition == .paperOut)

        await printer.say(healthy)
        let back = await observed.nextState(&events)
        #expect(back.state?.source == .automatic)
        #expect(back.state?.condition == .healthy)
        await receipt.stopWatching()
    }

    @Test(
        arguments: [
            [0x18, 0x00, 0x8C, 0x00],  // byte 3 with bit 7 set
            [0x18, 0x10, 0x0C, 0x00],  // byte 2 with bit 4 set
            [0x18, 0x00, 0x0C, 0x90],  // byte 4 with bits 4 and 7 set
        ] as [[UInt8]])
    func aMalformedMessageIsRefusedAndReported(message: [UInt8]) async {
        let printer = LinePrinter(answers: [enable: healthy])
        let receipt = ReceiptPrinter(
            transport: printer, settings: settings(asb: true), confirmTimeout: .seconds(5))
        let observed = Observed()
        await receipt.setObserver { observed.sink.yield($0) }
        var events = observed.stream.makeAsyncIterator()
        await receipt.startWatching(interval: .milliseconds(20))
        _ = await observed.nextState(&events)

        // The malformed message, then a valid one to know the first was read.
        await printer.say(message + nearEnd)
        let next = await observed.nextState(&events)
        #expect(next.strays == message)
        #expect(next.state?.description == "ready, warning: paper-near-end")
        #expect(await receipt.strayByteCount == 4)
        await receipt.stopWatching()
    }

    @Test func aStatusReplyAmongASBMessagesPairsWithItsRequest() async {
        // DLE EOT 1 is answered with 16 (online, drawer pin high) between two ASB messages
        // saying paper out; DLE EOT 4 with 12, paper present.
        let printer = LinePrinter(answers: [
            enable: healthy, status(1): paperOut + [0x16] + paperOut, status(4): [0x12],
        ])
        let receipt = ReceiptPrinter(
            transport: printer, settings: settings(asb: true), confirmTimeout: .seconds(5))
        let observed = Observed()
        await receipt.setObserver { observed.sink.yield($0) }
        await receipt.startWatching(interval: .milliseconds(20))

        #expect(await receipt.refreshCondition() == .healthy)
        let state = await receipt.state
        #expect(state.source == .status)
        #expect(state.online == true)
        #expect(state.drawerPinHigh == true)
        #expect(state.paperOut == false)
        #expect(await receipt.strayByteCount == 0)
        #expect(await printer.sent.filter { $0 != enable } == [status(1), status(4)])
        await receipt.stopWatching()
    }

    @Test func aJobWhileWatchingIsConfirmedThroughTheReader() async {
        let printer = LinePrinter(answers: [
            enable: healthy, processRequest: nearEnd + processReply,
        ])
        let receipt = ReceiptPrinter(
            transport: printer, settings: settings(asb: true, completion: "process-id"),
            confirmTimeout: .seconds(5))
        let observed = Observed()
        await receipt.setObserver { observed.sink.yield($0) }
        var events = observed.stream.makeAsyncIterator()
        await receipt.startWatching(interval: .milliseconds(20))
        _ = await observed.nextState(&events)

        #expect(await receipt.print(job, id: 42) == .confirmed(evidence: "completion"))
        #expect(await printer.sent == [enable, job, enable, processRequest])
        #expect(await receipt.state.description == "ready, warning: paper-near-end")
        await receipt.stopWatching()
    }
}
