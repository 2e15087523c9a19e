import DeviceIO
import ESCPOS
import Glibc
import Synchronization
import Testing

@testable import Devices

/// A printer on the far side of a transport that answers each request from a script, and
/// hands back what it says in chunks of `chunk` bytes. `receive` never waits: with nothing
/// to give it returns at once, as a timeout would.
private actor ScriptedPrinter: PrinterTransport {
    nonisolated var hasReturnChannel: Bool { true }
    private var answers: [[UInt8]: [UInt8]]
    private var outgoing: [UInt8] = []
    private let chunk: Int
    private(set) var sent: [[UInt8]] = []

    init(answers: [[UInt8]: [UInt8]], chunk: Int = 256, unasked: [UInt8] = []) {
        self.answers = answers
        self.chunk = chunk
        self.outgoing = unasked
    }

    /// What `open` throws, as for a printer that is away; nil opens.
    var openError: (any Error)?

    func open() async throws {
        if let openError { throw openError }
    }

    func send(_ bytes: [UInt8]) async throws {
        sent.append(bytes)
        outgoing += answers[bytes] ?? []
    }

    func refuseOpen(_ error: (any Error)?) { openError = error }

    func receive(upTo count: Int, timeout: Duration) async throws -> [UInt8] {
        let taken = Array(outgoing.prefix(min(count, chunk)))
        outgoing.removeFirst(taken.count)
        return taken
    }

    func close() async {}

    var connectionNumber: Int? { 1 }

    func say(_ bytes: [UInt8]) { outgoing += bytes }
    func answer(_ request: [UInt8], with reply: [UInt8]) { answers[request] = reply }
}

/// Collects what the printer reports to its observer.
private final class Events: Sendable {
    let list = Mutex<[ReceiptPrinterEvent]>([])
    var all: [ReceiptPrinterEvent] { list.withLock { $0 } }
    var strays: [UInt8] {
        all.compactMap { if case .strayByte(let byte, _) = $0 { byte } else { nil } }
    }
    func record(_ event: ReceiptPrinterEvent) { list.withLock { $0.append(event) } }
}

private func settings(completion: String) -> DeviceProfile.PrinterSettings {
    DeviceProfile.PrinterSettings(
        paperWidthMM: 80, printableDots: 512, columnsFontA: 42, columnsFontB: 56,
        codePages: [19, 16, 2, 0], qrCode: true, cut: "partial", status: true,
        completion: completion)
}

private func status(_ n: UInt8) -> [UInt8] { [0x10, 0x04, n] }
private let processRequest: [UInt8] =
    [0x1D, 0x28, 0x48, 0x06, 0x00, 0x30, 0x30] + Array("0042".utf8)
private let processReply: [UInt8] = [0x37, 0x22] + Array("0042".utf8) + [0x00]
private let job: [UInt8] = [0x1B, 0x40] + Array("TOTAL 12,50\n".utf8) + [0x1D, 0x56, 0x42, 0x00]

@Suite struct ReceiptPrinterTests {
    struct P04Case: Sendable, CustomTestStringConvertible {
        let replies: [UInt8: UInt8]
        let asked: [UInt8]
        let condition: ReceiptPrinter.Condition
        let faults: [String]
        let warnings: [String]
        let testDescription: String
    }

    /// Every reply byte of case P04, and the offline causes behind `DLE EOT 1` = `1E`.
    static let p04: [P04Case] = [
        P04Case(
            replies: [1: 0x16, 4: 0x12], asked: [1, 4], condition: .healthy, faults: [],
            warnings: [], testDescription: "16 online, drawer pin high; 12 paper fine"),
        P04Case(
            replies: [1: 0x12, 4: 0x72], asked: [1, 4], condition: .paperOut,
            faults: ["paper-out"], warnings: [], testDescription: "72 paper out"),
        P04Case(
            replies: [1: 0x12, 4: 0x7E], asked: [1, 4], condition: .paperOut,
            faults: ["paper-out"], warnings: ["paper-near-end"],
            testDescription: "7E paper out and near end"),
        P04Case(
            replies: [1: 0x12, 4: 0x1E], asked: [1, 4], condition: .healthy, faults: [],
            warnings: ["paper-near-end"], testDescription: "1E near end only: a warning"),
        P04Case(
            replies: [1: 0x1E, 2: 0x12, 4: 0x12], asked: [1, 2, 4], condition: .offline,
            faults: ["offline"], warnings: [], testDescription: "1E offline"),
        P04Case(
            replies: [1: 0x1E, 2: 0x16, 4: 0x12], asked: [1, 2, 4], condition: .coverOpen,
            faults: ["cover-open", "offline"], warnings: [],
            testDescription: "offline, cover open"),
        P04Case(
            replies: [1: 0x1E, 2: 0x32, 4: 0x72], asked: [1, 2, 4], condition: .paperOut,
            faults: ["paper-out", "offline"], warnings: [],
            testDescription: "offline, stopped by paper end"),
        P04Case(
            replies: [1: 0x1E, 2: 0x52, 3: 0x1A, 4: 0x12], asked: [1, 2, 3, 4],
            condition: .error, faults: ["cutter-error", "offline"], warnings: [],
            testDescription: "offline, error: autocutter"),
        P04Case(
            replies: [1: 0x00], asked: [1], condition: .unknown, faults: [], warnings: [],
            testDescription: "00 is not a status, never fine"),
    ]

    @Test(arguments: p04) func p04StatusReplies(_ c: P04Case) async {
        var answers: [[UInt8]: [UInt8]] = [:]
        for (n, reply) in c.replies { answers[status(n)] = [reply] }
        let printer = ScriptedPrinter(answers: answers)
        let receipt = ReceiptPrinter(
            transport: printer, settings: settings(completion: "none"), confirmTimeout: .seconds(5))

        #expect(await receipt.refreshCondition() == c.condition)
        let state = await receipt.state
        #expect(state.faults == c.faults)
        #expect(state.warnings == c.warnings)
        #expect(await printer.sent == c.asked.map(status))
        #expect(await receipt.strayByteCount == (c.replies[1] == 0x00 ? 1 : 0))
    }

    @Test func aStatusByteBeforeItsRequestIsDroppedAndReported() async {
        // 12 would read "online"; it came before DLE EOT 1 was sent, so it answers nothing.
        let printer = ScriptedPrinter(
            answers: [status(1): [0x00, 0x1E], status(2): [0x12], status(4): [0x12]],
            unasked: [0x12, 0xFF])
        let receipt = ReceiptPrinter(
            transport: printer, settings: settings(completion: "none"), confirmTimeout: .seconds(5))
        let events = Events()
        await receipt.setObserver { events.record($0) }

        #expect(await receipt.refreshCondition() == .offline)
        #expect(events.strays == [0x12, 0xFF, 0x00])
        #expect(await receipt.strayByteCount == 3)
        #expect(await receipt.state.description == "offline")
    }

    @Test(arguments: [1, 2, 3, 5, 256])
    func automaticStatusAroundTheProcessIDReply(chunk: Int) async {
        // Near end reported before the completion, paper out right after it.
        let nearEnd: [UInt8] = [0x10, 0x00, 0x03, 0x00]
        let out: [UInt8] = [0x18, 0x00, 0x0F, 0x00]
        let printer = ScriptedPrinter(
            answers: [
                status(1): [0x16], status(4): [0x12],
                processRequest: nearEnd + processReply + out,
            ], chunk: chunk)
        let receipt = ReceiptPrinter(
            transport: printer, settings: settings(completion: "process-id"),
            confirmTimeout: .seconds(5))
        let events = Events()
        await receipt.setObserver { events.record($0) }

        #expect(await receipt.print(job, id: 42) == .confirmed(evidence: "completion"))
        #expect(await printer.sent == [status(1), status(4), job, processRequest])
        await receipt.takeUnaskedReplies()
        let state = await receipt.state
        #expect(state.source == .automatic)
        #expect(state.condition == .paperOut)
        #expect(state.warnings == ["paper-near-end"])
        #expect(events.strays == [])
        let changes = events.all.compactMap {
            if case .stateChanged(let s) = $0 { s.description } else { nil }
        }
        #expect(
            changes == [
                "ready", "ready, warning: paper-near-end",
                "paper-out, offline, warning: paper-near-end",
            ])
    }

    @Test func paperOutFromAutomaticStatusHoldsTheNextJob() async {
        let printer = ScriptedPrinter(
            answers: [status(1): [0x1E], status(2): [0x32], status(4): [0x72]],
            unasked: [0x18, 0x00, 0x0F, 0x00])
        let receipt = ReceiptPrinter(
            transport: printer, settings: settings(completion: "process-id"),
            confirmTimeout: .seconds(5))

        #expect(await receipt.print(job, id: 7) == .fault(.paperOut))
        #expect(await printer.sent == [status(1), status(2), status(4)])
    }

    @Test func nearEndDoesNotHoldTheQueue() async {
        let printer = ScriptedPrinter(answers: [status(1): [0x12], status(4): [0x1E]])
        let receipt = ReceiptPrinter(
            transport: printer, settings: settings(completion: "none"), confirmTimeout: .seconds(5))

        #expect(await receipt.print(job, id: 1) == .confirmed(evidence: "status"))
        #expect(await receipt.state.description == "ready, warning: paper-near-end")
        #expect(await printer.sent == [status(1), status(4), job, status(1), status(4)])
    }

    @Test func aPrinterThatCannotBeOpenedIsUnreachableUntilItAnswers() async throws {
        let printer = ScriptedPrinter(answers: [status(1): [0x12], status(4): [0x12]])
        let off = SystemCallError(call: "connect", errno: Errno(ECONNREFUSED), path: "tcp://p:9100")
        await printer.refuseOpen(off)
        let receipt = ReceiptPrinter(
            transport: printer, settings: settings(completion: "none"), confirmTimeout: .seconds(5))
        let events = Events()
        await receipt.setObserver { events.record($0) }

        let error = try #require(await receipt.connect())
        #expect("\(error)" == "connect(tcp://p:9100): Connection refused (ECONNREFUSED)")
        #expect(await receipt.condition == .unreachable)
        #expect(await printer.sent.isEmpty)
        guard case .stateChanged(let state) = try #require(events.all.first) else {
            Issue.record("expected a state change, got \(events.all)")
            return
        }
        #expect(!state.reachable)

        // Back on: the first job asks the status first, as after any fault, then prints.
        await printer.refuseOpen(nil)
        #expect(await receipt.connect() == nil)
        #expect(await receipt.print(job, id: 1) == .confirmed(evidence: "status"))
        #expect(await receipt.condition == .healthy)
        #expect(await printer.sent == [status(1), status(4), job, status(1), status(4)])
    }

    @Test func enablesAutomaticStatus() async throws {
        let printer = ScriptedPrinter(answers: [[0x1D, 0x61, 0x0E]: [0x10, 0x00, 0x00, 0x00]])
        let receipt = ReceiptPrinter(
            transport: printer, settings: settings(completion: "none"), confirmTimeout: .seconds(5))

        try await receipt.enableAutomaticStatus()
        #expect(await receipt.takeUnaskedReplies().description == "ready")
        #expect(await receipt.condition == .healthy)
    }

    @Test func identifiesAnEpson() async {
        func info(_ text: String) -> [UInt8] { [0x5F] + Array(text.utf8) + [0x00] }
        let printer = ScriptedPrinter(answers: [
            [0x1D, 0x49, 1]: [0x20], [0x1D, 0x49, 2]: [0x02], [0x1D, 0x49, 3]: [0x0A],
            [0x1D, 0x49, 65]: info("30.01 ESC/POS"), [0x1D, 0x49, 66]: info("EPSON"),
            [0x1D, 0x49, 67]: info("TM-T88V"), [0x1D, 0x49, 68]: info("TRCK123456"),
        ])
        let receipt = ReceiptPrinter(
            transport: printer, settings: settings(completion: "none"), confirmTimeout: .seconds(5))

        let identity = await receipt.identify()
        #expect(identity.modelID == 0x20)
        #expect(identity.typeID == 0x02)
        #expect(identity.hasAutocutter == true)
        #expect(identity.versionID == 0x0A)
        #expect(identity.maker == "EPSON")
        #expect(identity.model == "TM-T88V")
        #expect(identity.firmware == "30.01 ESC/POS")
        #expect(identity.serialNumber == "TRCK123456")
        #expect(await receipt.strayByteCount == 0)
    }
}
