import ESCPOS
import Foundation

/// A receipt printer as the lane drives it: sends a job, then gets the best evidence the
/// printer offers that the job was taken, and keeps its state condition by condition.
///
/// Evidence, best first (the job records which one it got):
/// 1. `completion`: Epson's process ID response (`GS ( H` function 48), which the printer
///    sends only when everything before it has been printed;
/// 2. `status`: a valid, healthy `DLE EOT` status read after the job; it is answered on
///    receipt, so it proves the printer took the job in good health, not that paper came out;
/// 3. `written`: on a transport with no way back, every byte written and flushed.
/// A confirmation that times out falls back to the next kind; it never causes a resend.
///
/// Every reply is paired with its request (`ReceiptPrinterReplies`): a status byte counts
/// only after its `DLE EOT` went out and only when its fixed bits are right; a stray byte is
/// dropped and reported to the observer. Automatic Status Back messages (`GS a`, see
/// `enableAutomaticStatus(_:)`) are taken whenever they come and folded into `state`.
///
/// For a printer whose profile says `automaticStatusBack`, `startWatching(interval:)` keeps
/// one reader on the return channel between jobs (see `ReceiptPrinter+Watch.swift`): ASB
/// messages change `state` the moment they come, and the observer hears of it.
public actor ReceiptPrinter {
    /// What the printer said about itself, summed up for the print queue.
    public enum Condition: String, Sendable, Equatable {
        case healthy, paperOut = "paper-out", coverOpen = "cover-open", offline
        case error, unreachable, unknown
    }

    /// How a job ended.
    public enum JobResult: Sendable, Equatable {
        case confirmed(evidence: String)
        /// The printer reported a fault: the job was not printed and may be sent again.
        case fault(Condition)
        /// The job went out but nothing confirms it; it must not be sent again silently.
        case unconfirmed(String)
    }

    let transport: any PrinterTransport
    let settings: DeviceProfile.PrinterSettings
    let confirmTimeout: Duration
    var replies = ReceiptPrinterReplies()
    private var observer: (@Sendable (ReceiptPrinterEvent) -> Void)?

    /// The standing reader of the return channel, while `startWatching(interval:)` runs.
    var watcher: Task<Void, Never>?
    /// Job code waiting for bytes the watcher reads: resumed with true when some came,
    /// false at the waiter's deadline.
    var arrivals: [Int: CheckedContinuation<Bool, Never>] = [:]
    var nextArrival = 0
    /// The transport connection `GS a` last went out on; `GS a` is due when it differs from
    /// the one open now.
    var automaticStatusConnection: Int?
    /// When the watcher may next try to send `GS a` (and so open a connection) again.
    var nextEnableAllowed = ContinuousClock.now
    /// Jobs and status queries under way; the watcher sends `GS a` only when none is.
    var operations = 0
    /// The watcher is sending `GS a`; a job or query waits for it to finish first, so that
    /// their bytes never interleave on the wire.
    var enabling = false
    var enablingWaiters: [CheckedContinuation<Void, Never>] = []

    /// The printer's state, condition by condition.
    public private(set) var state = ReceiptPrinterState()
    /// How many bytes from the printer belonged to no reply and were dropped.
    public private(set) var strayByteCount = 0

    /// The state summed up for the print queue.
    public var condition: Condition { state.condition }

    public init(
        transport: any PrinterTransport, settings: DeviceProfile.PrinterSettings,
        confirmTimeout: Duration
    ) {
        self.transport = transport
        self.settings = settings
        self.confirmTimeout = confirmTimeout
    }

    /// Sets who hears of state changes and stray bytes (the lane logs them and tells the POS).
    public func setObserver(_ observer: @escaping @Sendable (ReceiptPrinterEvent) -> Void) {
        self.observer = observer
    }

    /// Asks the printer for its status (`DLE EOT` 1; 2 and 3 when it is offline; 4) and
    /// remembers it.
    @discardableResult
    public func refreshCondition() async -> Condition {
        await beginOperation()
        defer { endOperation() }
        guard settings.status, transport.hasReturnChannel else {
            update(.assumedReady)
            return condition
        }
        update(await queryState())
        return condition
    }

    /// Opens the way to the printer now, sending nothing, so that a printer that is
    /// unplugged, switched off or at a wrong address is known before the first job. When
    /// it cannot be opened the state becomes unreachable (the observer hears of it) and
    /// the error says why; the first job asks again.
    public func connect() async -> (any Error)? {
        do {
            try await transport.open()
            return nil
        } catch {
            markUnreachable()
            return error
        }
    }

    /// Sends `GS a` so that the printer reports every change of `items` by itself; the
    /// messages are folded into `state` whenever they come.
    public func enableAutomaticStatus(_ items: AutomaticStatus.Items = .lane) async throws {
        var request = ESCPOSEncoder(codePages: [0])
        request.enableAutomaticStatus(items)
        try await transport.send(request.bytes)
        automaticStatusConnection = await transport.connectionNumber
    }

    /// Takes in what the printer sent meanwhile (Automatic Status Back messages) without
    /// asking anything; returns the state. While the watcher runs it has taken them in
    /// already, and this only returns the state.
    @discardableResult
    public func takeUnaskedReplies() async -> ReceiptPrinterState {
        guard transport.hasReturnChannel, watcher == nil else { return state }
        // Bounded, so that a printer that never stops talking cannot hold the lane here.
        for _ in 0..<64 {
            guard let bytes = try? await transport.receive(upTo: 256, timeout: .zero),
                !bytes.isEmpty
            else { break }
            absorb(bytes)
        }
        return state
    }

    /// Prints one job and returns how it ended. `id` tags the completion request.
    public func print(_ bytes: [UInt8], id: Int64) async -> JobResult {
        await beginOperation()
        defer { endOperation() }
        await takeUnaskedReplies()
        if condition != .healthy {
            let now = await refreshCondition()
            if now != .healthy { return .fault(now) }
        }
        do {
            try await transport.send(bytes)
        } catch {
            markUnreachable()
            return .fault(.unreachable)
        }
        guard transport.hasReturnChannel else {
            return .confirmed(evidence: "written")
        }
        if watcher != nil {
            // Every job starts with `ESC @`, which turns ASB off (Epson ESC/POS Command
            // Reference, GS a: the setting lasts until ESC @, a reset or power-off).
            try? await enableAutomaticStatus()
        }
        if settings.completion == "process-id" {
            let tag = Self.processTag(id)
            var request = ESCPOSEncoder(codePages: [0])
            request.processIDRequest(tag)
            if (try? await transport.send(request.bytes)) != nil,
                await waitForProcessReply(tag)
            {
                // The job printed, so the printer was ready. An ASB message is live news
                // (paper may have run out right after), so it stands.
                if state.source != .automatic, state.condition != .healthy {
                    update(.assumedReady)
                }
                return .confirmed(evidence: "completion")
            }
        }
        guard settings.status else { return .unconfirmed("the printer has no status reply") }
        let after = await queryState()
        update(after)
        switch after.condition {
        case .healthy: return .confirmed(evidence: "status")
        case .unknown, .unreachable: return .unconfirmed("no valid status reply after the job")
        case let fault: return .fault(fault)
        }
    }

    /// Four printable digits from the job id, as `GS ( H` function 48 takes them.
    static func processTag(_ id: Int64) -> [UInt8] {
        let digits = String(format: "%04d", Int(id % 10000))
        return Array(digits.utf8)
    }

    private func waitForProcessReply(_ tag: [UInt8]) async -> Bool {
        let deadline = ContinuousClock.now + confirmTimeout
        while !replies.takeProcessReply(tag) {
            guard await receive(until: deadline) else { return replies.takeProcessReply(tag) }
        }
        return true
    }

    /// A fresh state from `DLE EOT` replies; `.unknown` when the printer does not answer
    /// request 1 validly.
    private func queryState() async -> ReceiptPrinterState {
        var fresh = ReceiptPrinterState()
        guard let printer = await askStatus(1) else { return fresh }
        fresh.fold(printer)
        if printer.online == false, let cause = await askStatus(2) {
            fresh.fold(cause)
            if cause.error == true, let error = await askStatus(3) {
                fresh.fold(error)
            }
        }
        if let paper = await askStatus(4) {
            fresh.fold(paper)
        }
        return fresh
    }

    // TODO: a `DLE EOT` reply that comes after its request timed out is dropped as a stray
    // only if it arrives before the next request goes out; one that arrives later is taken
    // as the answer to that next request, since every status reply has the same fixed bits.
    // With the confirmation timeout (seconds) far above a printer's reply time (a few ms
    // on the wire) this needs a printer that stalls and then recovers mid-query; the cost
    // is one query's fields read from the wrong request, corrected by the next query.
    private func askStatus(_ n: UInt8) async -> PrinterStatus? {
        // Bytes already here came before the request, so none of them answers it.
        await takeUnaskedReplies()
        return await ask(.status(n), sending: [0x10, 0x04, n]) { reply in
            if case .status(let status) = reply, status.request == n { status } else { nil }
        }
    }

    /// Sends `bytes`, the request `request`, and waits up to the confirmation timeout for
    /// the reply `match` accepts; nil when the bytes could not be sent or no reply came in
    /// time (a late reply then becomes a stray).
    ///
    /// The request is noted as outstanding before its bytes go out: while the watcher reads
    /// the return channel, a printer that answers at once has its reply read and sorted
    /// before this task resumes from `send`, and the reply must find its request there, or
    /// it is dropped as a stray and the wait lasts the whole timeout for nothing.
    func ask<T>(
        _ request: ReceiptPrinterReplies.Request, sending bytes: [UInt8],
        _ match: (ReceiptPrinterReplies.Reply) -> T?
    ) async -> T? {
        replies.sent(request)
        do {
            try await transport.send(bytes)
        } catch {
            replies.abandon(request)
            return nil
        }
        let deadline = ContinuousClock.now + confirmTimeout
        while true {
            if let value = replies.take(match) { return value }
            guard await receive(until: deadline) else {
                replies.abandon(request)
                return replies.take(match)
            }
        }
    }

    /// Reads what the printer sent into the reply reader; false on timeout or failure.
    /// While the watcher runs it is the one reader, and this waits for what it reads.
    private func receive(until deadline: ContinuousClock.Instant) async -> Bool {
        let left = deadline - ContinuousClock.now
        guard left > .zero else { return false }
        if watcher != nil { return await nextArrival(within: left) }
        guard let bytes = try? await transport.receive(upTo: 256, timeout: left),
            !bytes.isEmpty
        else { return false }
        absorb(bytes)
        return true
    }

    /// Sorts bytes into replies; folds ASB messages and reports strays at once.
    func absorb(_ bytes: [UInt8]) {
        replies.append(bytes)
        for stray in replies.takeStrays() {
            strayByteCount += 1
            observer?(.strayByte(stray.byte, reason: stray.reason))
        }
        for message in replies.takeAutomatic() {
            var next = state
            next.fold(message)
            update(next)
        }
        wakeArrivals()
    }

    /// The way to the printer failed: the state says so, the observer hears of it.
    private func markUnreachable() {
        var gone = state
        gone.reachable = false
        update(gone)
    }

    func update(_ next: ReceiptPrinterState) {
        guard next != state else { return }
        state = next
        observer?(.stateChanged(next))
    }
}
