import DeviceIO
import ESCPOS
import Foundation

/// A receipt printer that lives on a loopback TCP port, for the demo and the tests.
///
/// It reads the byte stream with the same ESC/POS parser any stream goes through, so it
/// tells job bytes from status and completion requests wherever they fall in a read, and
/// answers those like an Epson TM-T88V: `DLE EOT` n with a status byte whose fixed bits are
/// right, `GS ( H` function 48 with `37 22 d1 d2 d3 d4 00` once the job before it is
/// "printed". Told that the paper is out, it prints nothing, discards what it receives,
/// reports paper out and leaves completion requests unanswered, as a printer that lost
/// the job would. What it printed comes out as one byte string per job.
public actor VirtualPrinter {
    private let listener: TCPListener
    private var parser = ESCPOSParser()
    private var received: [UInt8] = []
    private var consumed = 0
    private var pendingJob: [UInt8] = []
    private var jobs: [[UInt8]] = []
    private var waiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    private var paperOut = false
    private var acceptTask: Task<Void, Never>?
    /// Every request the printer answered or ignored, in order (`DLE EOT 4`, `GS ( H`).
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

    /// Makes the printer report paper out (and print nothing) or paper present.
    public func setPaperOut(_ out: Bool) {
        paperOut = out
    }

    /// The jobs printed so far, each as the bytes that were on paper.
    public var printedJobs: [[UInt8]] { jobs }

    /// Returns when at least `count` jobs were printed.
    public func waitForJobs(_ count: Int) async {
        if jobs.count >= count { return }
        await withCheckedContinuation { waiters.append((count, $0)) }
    }

    private func serve(_ connection: TCPConnection) async {
        for await chunk in connection.chunks() {
            let answers = take(chunk)
            if !answers.isEmpty { try? await connection.write(answers) }
        }
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
                if !paperOut { finishJob() }
                answer.append(status(n))
            case .processIDRequest(let id):
                collect(upTo: start)
                consumed = start + 11
                requests.append("GS ( H")
                if !paperOut {
                    finishJob()
                    answer += [0x37, 0x22] + id + [0x00]
                }
            default:
                continue
            }
        }
        return answer
    }

    /// Moves received job bytes up to `end` into the job being printed.
    private func collect(upTo end: Int) {
        guard end > consumed else { return }
        if !paperOut { pendingJob += received[consumed..<end] }
        consumed = end
    }

    private func finishJob() {
        guard !pendingJob.isEmpty else { return }
        jobs.append(pendingJob)
        pendingJob = []
        let ready = waiters.filter { $0.count <= jobs.count }
        waiters.removeAll { $0.count <= jobs.count }
        for waiter in ready { waiter.continuation.resume() }
    }

    /// A status byte for `DLE EOT n`: fixed bits 1 and 4 set, 0 and 7 clear.
    private func status(_ n: UInt8) -> UInt8 {
        switch (n, paperOut) {
        case (1, false): return 0x12
        case (1, true): return 0x1A  // bit 3: offline
        case (2, false): return 0x12
        case (2, true): return 0x32  // bit 5: stopped by paper end
        case (4, false): return 0x12
        case (4, true): return 0x72  // bits 5 and 6: paper end
        default: return 0x12
        }
    }
}
