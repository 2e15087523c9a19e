import DeviceIO
import ESCPOS
import Foundation

/// A receipt printer that lives on a loopback TCP port, for the demo and the tests.
///
/// It reads the byte stream with the same ESC/POS parser any stream goes through, so it
/// tells job bytes from status and completion requests wherever they fall in a read, and
/// answers those like an Epson TM-T88V: `DLE EOT` n with a status byte whose fixed bits are
/// right, `GS ( H` function 48 with `37 22 d1 d2 d3 d4 00` once the job before it is
/// "printed", and `GS a n` with an Automatic Status Back message at once and another on
/// every change the test makes (paper out or back, cover open or closed) while ASB is on;
/// `ESC @` turns ASB off, as on a TM-T88V (Epson ESC/POS Command Reference, "GS a").
/// Told that the paper is out or the cover open, it goes offline: it prints nothing,
/// discards what it receives (`ESC @` and `GS a` too, which a real printer would hold in
/// its buffer), reports the fault and leaves completion requests unanswered, as a printer
/// that lost the job would. What it printed comes out as one byte string per job.
public actor VirtualPrinter {
    private let listener: TCPListener
    /// What the printer says on each open connection, in the order it said it.
    private var outboxes: [Int: AsyncStream<[UInt8]>.Continuation] = [:]
    private var nextConnection = 0
    private var automaticStatus: AutomaticStatus.Items = []
    private var coverOpen = false
    /// Waits for a number of requests or jobs; each ends when it is reached, or with false
    /// after its timeout.
    private struct Waiter {
        let id: Int
        let count: Int
        let continuation: CheckedContinuation<Bool, Never>
    }
    private var requestWaiters: [Waiter] = []
    private var nextWaiter = 0
    private var parser = ESCPOSParser()
    private var received: [UInt8] = []
    private var consumed = 0
    private var pendingJob: [UInt8] = []
    private var jobs: [[UInt8]] = []
    private var waiters: [Waiter] = []
    private var paperOut = false
    private var paperNearEnd = false
    /// The roll ends with the next job that asks for its completion (`endRollAfterNextJob`).
    private var rollEndsAfterJob = false
    private var acceptTask: Task<Void, Never>?
    /// Every request the printer answered or ignored, in order (`DLE EOT 4`, `GS ( H`,
    /// `GS a 14`).
    public private(set) var requests: [String] = []

    /// Listens on `127.0.0.1` at an ephemeral port.
    public init() throws {
        listener = try TCPListener(host: "127.0.0.1", port: 0)
    }

    /// The port to put in a config as `tcp://127.0.0.1:PORT`.
    public nonisolated var port: UInt16 { listener.port }

    public func start() {
        let connections = listener.connections()
        acceptTask = Task { [weak self] in
            for await connection in connections {
                guard let self else { return }
                Task { await self.serve(connection) }
            }
        }
    }

    public func stop() async {
        await listener.close()
        acceptTask?.cancel()
    }

    /// Makes the printer report paper out (and print nothing) or paper present; with ASB
    /// on, the change goes out at once as a message.
    public func setPaperOut(_ out: Bool) async {
        guard out != paperOut else { return }
        paperOut = out
        sendAutomaticStatus()
    }

    /// Makes the printer report little paper left (it goes on printing) or enough; with ASB
    /// on, the change goes out at once as a message.
    public func setPaperNearEnd(_ near: Bool) async {
        guard near != paperNearEnd else { return }
        paperNearEnd = near
        sendAutomaticStatus()
    }

    /// Makes the roll end with the next job: the printer prints it, answers its process ID
    /// request, then is out of paper; with ASB on, the message follows the answer in the
    /// same write, as when the paper runs out while the receipt is cut.
    public func endRollAfterNextJob() {
        rollEndsAfterJob = true
    }

    /// Makes the printer report its cover open (offline, printing nothing) or closed.
    public func setCoverOpen(_ open: Bool) async {
        guard open != coverOpen else { return }
        coverOpen = open
        sendAutomaticStatus()
    }

    /// Returns when the printer has seen at least `count` requests (see `requests`).
    /// False when they did not come within `timeout`, a safety net so that a test whose
    /// printer never hears what it waits for fails instead of hanging.
    @discardableResult
    public func waitForRequests(_ count: Int, timeout: Duration = .seconds(30)) async -> Bool {
        if requests.count >= count { return true }
        let id = newWaiter(timeout)
        return await withCheckedContinuation {
            requestWaiters.append(Waiter(id: id, count: count, continuation: $0))
        }
    }

    /// Every byte the printer received, on every connection, in order.
    public var receivedBytes: [UInt8] { received }

    /// The four bytes of the ASB message for the printer's state now: byte 1 fixed bit 4,
    /// bit 3 offline, bit 5 cover open; byte 3 bits 0 and 1 roll paper near end, bits 2
    /// and 3 roll paper end (Epson ESC/POS Command Reference, "GS a", status bytes).
    public var automaticStatusMessage: [UInt8] {
        let first: UInt8 = 0x10 | (offline ? 0x08 : 0) | (coverOpen ? 0x20 : 0)
        let paper: UInt8 = (paperNearEnd ? 0x03 : 0) | (paperOut ? 0x0C : 0)
        return [first, 0x00, paper, 0x00]
    }

    private var offline: Bool { paperOut || coverOpen }

    private func sendAutomaticStatus() {
        guard !automaticStatus.isEmpty else { return }
        let message = automaticStatusMessage
        for outbox in outboxes.values { outbox.yield(message) }
    }

    /// The jobs printed so far, each as the bytes that were on paper.
    public var printedJobs: [[UInt8]] { jobs }

    /// Returns when at least `count` jobs were printed.
    /// False when they were not printed within `timeout` (a safety net, as above).
    @discardableResult
    public func waitForJobs(_ count: Int, timeout: Duration = .seconds(30)) async -> Bool {
        if jobs.count >= count { return true }
        let id = newWaiter(timeout)
        return await withCheckedContinuation {
            waiters.append(Waiter(id: id, count: count, continuation: $0))
        }
    }

    /// A new waiter's id, and the timer that ends its wait with false.
    private func newWaiter(_ timeout: Duration) -> Int {
        nextWaiter += 1
        let id = nextWaiter
        Task { [weak self] in
            try? await Task.sleep(for: timeout)
            await self?.expire(id)
        }
        return id
    }

    private func expire(_ id: Int) {
        for waiter in (requestWaiters + waiters) where waiter.id == id {
            waiter.continuation.resume(returning: false)
        }
        requestWaiters.removeAll { $0.id == id }
        waiters.removeAll { $0.id == id }
    }

    private func serve(_ connection: TCPConnection) async {
        nextConnection += 1
        let number = nextConnection
        // Answers and ASB messages leave in the order the printer made them, as on a real
        // printer: written straight from here, an answer made before a state change could
        // be overtaken by that change's message and tell the lane an older state last.
        let (outbox, sink) = AsyncStream.makeStream(of: [UInt8].self)
        outboxes[number] = sink
        let writer = Task {
            for await bytes in outbox { try? await connection.write(bytes) }
        }
        for await chunk in connection.chunks() {
            let answers = take(chunk)
            if !answers.isEmpty { sink.yield(answers) }
        }
        outboxes[number] = nil
        sink.finish()
        await writer.value
        await connection.close()
    }

    /// Reads a chunk; returns the bytes to answer with.
    private func take(_ chunk: [UInt8]) -> [UInt8] {
        received += chunk
        var answer: [UInt8] = []
        let elements = parser.feed(chunk)
        for element in elements {
            let start = element.offset
            switch element.kind {
            case .statusRequest(let n):
                collect(upTo: start)
                consumed = start + 3
                requests.append("DLE EOT \(n)")
                // A printer without completion replies is confirmed by a status after the
                // job, so what came before a status request counts as printed.
                if !offline { finishJob() }
                answer.append(status(n))
            case .processIDRequest(let id):
                collect(upTo: start)
                consumed = start + 11
                requests.append("GS ( H")
                if !offline {
                    finishJob()
                    answer += [0x37, 0x22] + id + [0x00]
                    if rollEndsAfterJob {
                        rollEndsAfterJob = false
                        paperOut = true
                        if !automaticStatus.isEmpty { answer += automaticStatusMessage }
                    }
                }
            case .enableAutomaticStatus(let items):
                // Not job bytes: the job before it goes on up to the next request.
                collect(upTo: start)
                consumed = start + 3
                requests.append("GS a \(items.rawValue)")
                if !offline {
                    automaticStatus = items
                    if !items.isEmpty { answer += automaticStatusMessage }
                }
            case .initialize:
                if !offline { automaticStatus = [] }
            default:
                continue
            }
        }
        let ready = requestWaiters.filter { $0.count <= requests.count }
        requestWaiters.removeAll { $0.count <= requests.count }
        for waiter in ready { waiter.continuation.resume(returning: true) }
        return answer
    }

    /// Moves received job bytes up to `end` into the job being printed.
    private func collect(upTo end: Int) {
        guard end > consumed else { return }
        if !offline { pendingJob += received[consumed..<end] }
        consumed = end
    }

    private func finishJob() {
        guard !pendingJob.isEmpty else { return }
        jobs.append(pendingJob)
        pendingJob = []
        let ready = waiters.filter { $0.count <= jobs.count }
        waiters.removeAll { $0.count <= jobs.count }
        for waiter in ready { waiter.continuation.resume(returning: true) }
    }

    /// A status byte for `DLE EOT n`: fixed bits 1 and 4 set, 0 and 7 clear.
    private func status(_ n: UInt8) -> UInt8 {
        switch n {
        case 1: return offline ? 0x1A : 0x12  // bit 3: offline
        case 2:
            // Bit 2: cover open; bit 5: stopped by paper end.
            return 0x12 | (coverOpen ? 0x04 : 0) | (paperOut ? 0x20 : 0)
        case 4:
            // Bits 2 and 3: paper near end; bits 5 and 6: paper end.
            return 0x12 | (paperNearEnd ? 0x0C : 0) | (paperOut ? 0x60 : 0)
        default: return 0x12
        }
    }
}
