import Devices
import ESCPOS
import Foundation
import Ledger
import Loyalty
import POSProtocols
import StrictJSON
import Symbology

/// One running lane: the POS links, the scanner and the printer around the loyalty engine
/// and the store.
///
/// Everything that changes the lane's state (POS requests and scans) goes through one
/// queue, handled strictly one after another, so two POS connections and the scanner never
/// interleave inside a transaction. The runtime shares the store's thread (see
/// `unownedExecutor`); the printer works on its own task, after the reply has gone out.
public actor LaneRuntime {
    let config: LaneConfig
    let program: Program
    let engine: LoyaltyEngine
    let currency: Currency
    let store: LedgerStore
    let environment: LaneEnvironment
    let layout: ReceiptLayout?
    let printQueue: PrintQueue?

    var open: OpenTransaction?
    /// Set once `run()` is past its end and about to close the store: lines that still
    /// come are refused with `busy`, scans are dropped.
    private var closing = false
    /// Set when a request stored a print job: the print queue is woken after its reply.
    var printAfterReply = false
    var connections: [Int: Connection] = [:]
    private var nextConnectionID = 1
    /// Finished by `stop()`; `run()` waits for it.
    private let stopping: AsyncStream<Never>.Continuation
    private let stopped: AsyncStream<Never>

    /// The runtime runs on the store's own thread (`LedgerStore`'s executor): a store call
    /// from here is a plain call, no hop to another thread and back. The POS connections
    /// and the scanner are read on DeviceIO's threads, not here, so a commit's `fsync` never
    /// stalls reading; their lines and scans wait in the store's queue meanwhile
    /// (`LedgerStore.enqueue`), in the order they came, and each is handled there in turn.
    public nonisolated var unownedExecutor: UnownedSerialExecutor {
        store.unownedExecutor
    }

    /// A POS connection as the lane sees it: a way to send it lines. `send` is synchronous
    /// (a non-blocking send from the lane's thread): an `async` closure that is not
    /// isolated would leave the lane's thread for the global pool and come back, two thread
    /// hops on every reply (SE-0338).
    struct Connection: Sendable {
        let send: @Sendable ([UInt8]) -> Void
    }

    enum Work: Sendable {
        case line([UInt8], connection: Int, done: @Sendable ([UInt8]) -> Void)
        case failure(LaneLinkFailure, connection: Int, done: @Sendable ([UInt8]) -> Void)
        case scan([UInt8])
        case tick
    }

    /// Builds a lane from a validated config and its program and printer profile.
    public init(
        config: LaneConfig, program: Program, printer: DeviceProfile.PrinterSettings?,
        printerTransport: (any PrinterTransport)?, environment: LaneEnvironment
    ) throws(LaneError) {
        guard let currency = Currency.named(config.currency) else {
            throw LaneError("\(config.file): currency \(config.currency) is not known")
        }
        self.config = config
        self.program = program
        self.currency = currency
        self.environment = environment
        let calendar = StoreCalendar(
            timeZone: config.timeZone, dayStartsAt: config.businessDayStartsAt)
        engine = LoyaltyEngine(program: program, calendar: calendar, currency: currency)
        do {
            let database = config.database
            store = try LedgerStore(
                path: database, busyTimeout: config.busyTimeout,
                onBusyWait: { Log.debug("store-lock-wait", ["database": database]) })
        } catch {
            throw LaneError("cannot open the database \(config.database): \(error)")
        }
        let money = MoneyText(
            currency: currency.code, scale: currency.scale, locale: config.locale)
        if let printer, let printerTransport {
            layout = ReceiptLayout(printer: printer, programName: program.name, money: money)
            printQueue = PrintQueue(
                store: store,
                printer: ReceiptPrinter(
                    transport: printerTransport, settings: printer,
                    confirmTimeout: config.printConfirmTimeout),
                statusInterval: config.printerStatusInterval)
        } else {
            layout = nil
            printQueue = nil
        }
        (stopped, stopping) = AsyncStream.makeStream(of: Never.self)
    }

    /// Handles the lane's work until `stop()`; prints what a previous run left unconfirmed.
    public func run() async {
        if let printQueue {
            await printQueue.setEventSink { [weak self] state in
                await self?.broadcastPrinter(state)
            }
            await printQueue.start()
        }
        let ticker = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                self?.handleSoon(.tick)
            }
        }
        // Lines take their turn on the store's executor (`handleNow`), scans and ticks are
        // queued on it (`handleSoon`); this task only waits for the end, and its resumption
        // is queued behind the work already there.
        for await _ in stopped {}
        // From here on the POS links may still deliver lines (the host stops them after
        // this returns); they get a clear refusal, never a half-closed store.
        closing = true
        ticker.cancel()
        await printQueue?.stop()
        await store.close()
    }

    /// Finishes the work already queued, then ends `run()`.
    public nonisolated func stop() {
        stopping.finish()
    }

    /// Registers a POS connection; returns its id for `submit`, `enqueue` and `disconnect`.
    func connect(send: @escaping @Sendable ([UInt8]) -> Void) -> Int {
        let id = nextConnectionID
        nextConnectionID += 1
        connections[id] = Connection(send: send)
        return id
    }

    func disconnect(_ id: Int) {
        connections[id] = nil
    }

    /// Answers what a POS link's framer made of its bytes on the calling thread: a line,
    /// or the error reply for an oversized one, so its reply keeps its place among the
    /// others; `done` gets the reply line before this returns.
    ///
    /// The caller (a TCP connection's reader thread) takes its turn on the store's executor
    /// (`LedgerStore.runExclusively`): after the work queued or running now, before the
    /// next, so requests, scans and print confirmations are still handled one at a time.
    /// The reply goes out from the thread that read the request, with no wake-up of another
    /// thread in between. A commit's `fsync` then blocks this connection's reader, which
    /// waits for that very reply, and callers waiting for their turn, who would wait in a
    /// queue as long; the scanner is read on as before, and its scans queue (`scanned`).
    nonisolated func submit(
        _ frame: LaneLinkLineFramer.Output, connection: Int,
        done: @escaping @Sendable ([UInt8]) -> Void
    ) {
        handleNow(Self.work(for: frame, connection: connection, done: done))
    }

    /// Queues what a POS link's framer made of its bytes, to be answered on the store's
    /// thread: for a link read on the cooperative pool (the serial POS link), whose threads
    /// must never wait for a commit.
    nonisolated func enqueue(
        _ frame: LaneLinkLineFramer.Output, connection: Int,
        done: @escaping @Sendable ([UInt8]) -> Void
    ) {
        handleSoon(Self.work(for: frame, connection: connection, done: done))
    }

    private static func work(
        for frame: LaneLinkLineFramer.Output, connection: Int,
        done: @escaping @Sendable ([UInt8]) -> Void
    ) -> Work {
        switch frame {
        case .line(let line):
            return .line(line, connection: connection, done: done)
        case .tooLong:
            return .failure(
                LaneLinkFailure(
                    code: .lineTooLong,
                    message: "the line is longer than 64 KiB and was discarded up to its end "
                        + "of line", id: .null),
                connection: connection, done: done)
        }
    }

    /// Queues one framed scan from the lane's scanner.
    public nonisolated func scanned(_ message: [UInt8]) {
        handleSoon(.scan(message))
    }

    /// Handles `item` on the calling thread, in its turn on the store's executor.
    private nonisolated func handleNow(_ item: Work) {
        store.runExclusively {
            assumeIsolated { $0.handle(item) }
        }
    }

    /// Queues `item` on the store's thread, behind the lines, scans and store calls queued
    /// before it, and handles it there: one wake-up of that thread, no task in between.
    private nonisolated func handleSoon(_ item: Work) {
        store.enqueue { [self] in
            assumeIsolated { $0.handle(item) }
        }
    }

    private func handle(_ item: Work) {
        if closing {
            refuseWhileClosing(item)
            return
        }
        switch item {
        case .line(let line, let connection, let done):
            let reply = respond(to: line, from: connection)
            done(reply.line)
            // Reply first, then print (DESIGN, "What finalize does"): the print queue's
            // store writes and printer I/O do not compete with the reply on its way out.
            if printAfterReply {
                printAfterReply = false
                if let printQueue {
                    Task { await printQueue.kick() }
                }
            }
        case .failure(let failure, _, let done):
            done(LaneReply.error(failure).line)
        case .scan(let message):
            handleScan(message)
        case .tick:
            expireIdleTransaction()
        }
    }

    private func refuseWhileClosing(_ item: Work) {
        switch item {
        case .line(let line, _, let done):
            let request = try? LaneLinkRequest.decode(line)
            done(
                LaneReply.error(
                    .busy,
                    "the gateway is stopping; nothing was changed (valid: send it again once "
                        + "the gateway is back)", id: request?.id ?? .null, txn: request?.txn
                ).line)
        case .failure(let failure, _, let done):
            done(LaneReply.error(failure).line)
        case .scan:
            Log.info("scan-dropped", ["reason": "the gateway is stopping"])
        case .tick:
            break
        }
    }

    /// Sends an unrequested event: to the connection that opened the lane's transaction,
    /// else to every connection.
    func sendEvent(_ event: LaneLinkReply) {
        let bytes = event.line
        if let owner = open?.connection, let connection = connections[owner] {
            connection.send(bytes)
            return
        }
        for connection in connections.values {
            connection.send(bytes)
        }
    }

    /// Tells the POS what the print queue reported: a healthy printer low on paper is
    /// `paper-near-end` (jobs go on), the faults hold jobs.
    private func broadcastPrinter(_ report: PrintQueue.Report) {
        let state: LaneLinkPrinterState
        switch report.condition {
        case .healthy: state = report.paperNearEnd ? .paperNearEnd : .ready
        case .paperOut: state = .paperOut
        case .coverOpen: state = .coverOpen
        case .unreachable: state = .disconnected
        case .offline, .error, .unknown: state = .offline
        }
        sendEvent(LaneLinkReply.printerEvent(txn: open?.txn, state: state))
    }

    // TODO: `lastActivity` is touched by every decoded request, whatever its `txn`, and by
    // every scan (`respond`, `handleScan`), so a second POS connection sending refunds, or a
    // stream of scans, keeps an abandoned transaction (and its voucher reservations in
    // memory) open. Only requests for the open `txn` should count; left as is because a
    // lane normally has one POS, whose requests are for the open transaction anyway.
    private func expireIdleTransaction() {
        guard let current = open,
            ContinuousClock.now - current.lastActivity > config.reservationTimeout
        else { return }
        try? inStore { try $0.releaseReservations(txn: current.txn) }
        open = nil
        Log.info("transaction-expired", ["txn": current.txn, "reason": "idle"])
    }

    /// The store, entered directly: it shares this actor's executor (`unownedExecutor`),
    /// so a store call is a plain call on the same thread.
    func inStore<T: Sendable>(_ body: (isolated LedgerStore) throws -> T) rethrows -> T {
        try store.assumeIsolated(body)
    }

    /// Waits until the print queue has nothing left it can print now (for the demo and tests).
    public func waitForPrinting() async {
        // A sale's job is handed to the print queue by a task started after its reply;
        // telling the queue here too means a job stored before this call is waited for.
        await printQueue?.kick()
        await printQueue?.waitUntilIdle()
    }

    /// The store, for reports after a run (the demo's summary).
    public nonisolated var ledger: LedgerStore { store }
}
