import DeviceIO
import Foundation
import Glibc
import POSProtocols
import Synchronization

/// The repository this test file lives in, and the binary `make test` built in it.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var binary: URL {
        root.appendingPathComponent(".build/debug/lanegate")
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A `lanegate run` started as its own process, with its log read as it comes.
final class LaneProcess: Sendable {
    let process: Process
    private let state = State()
    private let ready = DispatchSemaphore(value: 0)

    private final class State: @unchecked Sendable {
        let log = Mutex<[String]>([])
        let port = Mutex<UInt16?>(nil)
        /// Signalled on every log line; guarded by itself.
        let lineArrived = NSCondition()
    }

    /// Starts `lanegate run --config CONFIG` with `environment` added, and waits for its
    /// `event=ready` log line (or its exit).
    init(config: URL, environment: [String: String]) throws {
        guard FileManager.default.isExecutableFile(atPath: Repository.binary.path) else {
            throw HarnessError("\(Repository.binary.path) is missing: run `swift build` first")
        }
        process = Process()
        process.executableURL = Repository.binary
        process.arguments = ["run", "--config", config.path]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let handle = errors.fileHandleForReading
        let state = self.state
        let ready = self.ready
        let buffer = Mutex(Data())
        handle.readabilityHandler = { handle in
            let chunk = handle.availableData
            if chunk.isEmpty {
                handle.readabilityHandler = nil
                ready.signal()
                return
            }
            let complete: [String] = buffer.withLock { pending in
                pending.append(chunk)
                var lines: [String] = []
                while let newline = pending.firstIndex(of: 0x0A) {
                    lines.append(String(decoding: pending[..<newline], as: UTF8.self))
                    pending.removeSubrange(...newline)
                }
                return lines
            }
            for line in complete {
                state.log.withLock { $0.append(line) }
                state.lineArrived.lock()
                state.lineArrived.broadcast()
                state.lineArrived.unlock()
                if line.contains("event=ready"), let range = line.range(of: "pos=127.0.0.1:") {
                    let digits = line[range.upperBound...].prefix { $0.isNumber }
                    state.port.withLock { $0 = UInt16(digits) }
                    ready.signal()
                }
            }
        }
        try process.run()
        if ready.wait(timeout: .now() + 20) == .timedOut {
            process.terminate()
            throw HarnessError("lanegate run did not get ready in 20 s; log:\n" + logText)
        }
        guard state.port.withLock({ $0 }) != nil else {
            throw HarnessError("lanegate run exited before it was ready; log:\n" + logText)
        }
    }

    var posPort: UInt16 { state.port.withLock { $0 } ?? 0 }
    var logLines: [String] { state.log.withLock { $0 } }
    var logText: String { logLines.joined(separator: "\n") }

    /// Blocks until `count` log lines contain `text`; false after `timeout` (a safety net).
    func waitForLog(containing text: String, count: Int = 1, timeout: TimeInterval = 15) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        state.lineArrived.lock()
        defer { state.lineArrived.unlock() }
        while logLines.filter({ $0.contains(text) }).count < count {
            guard state.lineArrived.wait(until: deadline) else { return false }
        }
        return true
    }

    /// SIGTERM, then the exit status.
    func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// SIGKILL, as a crash or the kernel's OOM killer ends a process: no handler runs and
    /// the program closes nothing. Returns the signal the process died of (nil when it
    /// had exited by itself).
    func kill() -> Int32? {
        _ = Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        guard process.terminationReason == .uncaughtSignal else { return nil }
        return process.terminationStatus
    }
}

/// Lines as they arrive, handed out one by one; a wait ends with nil after its timeout.
actor LineQueue {
    private var lines: [String] = []
    private var closed = false
    private var waiter: (token: Int, continuation: CheckedContinuation<String?, Never>)?
    private var tokens = 0

    func push(_ line: String) {
        if let waiter {
            self.waiter = nil
            waiter.continuation.resume(returning: line)
        } else {
            lines.append(line)
        }
    }

    func finish() {
        closed = true
        waiter?.continuation.resume(returning: nil)
        waiter = nil
    }

    func next(timeout: Duration) async -> String? {
        if !lines.isEmpty { return lines.removeFirst() }
        if closed { return nil }
        tokens += 1
        let token = tokens
        return await withCheckedContinuation { continuation in
            waiter = (token, continuation)
            Task {
                try? await Task.sleep(for: timeout)
                self.expire(token)
            }
        }
    }

    private func expire(_ token: Int) {
        guard let waiter, waiter.token == token else { return }
        self.waiter = nil
        waiter.continuation.resume(returning: nil)
    }
}

/// A POS on a TCP connection: sends LaneLink lines and reads what the gateway sends back,
/// replies and events alike, in order.
final class POSClient: Sendable {
    private let connection: TCPConnection
    private let queue = LineQueue()

    init(port: UInt16) async throws {
        connection = try await TCPConnection.connect(
            host: "127.0.0.1", port: port, timeout: .seconds(5))
        let chunks = connection.chunks()
        let queue = self.queue
        Task {
            var framer = LaneLinkLineFramer()
            for await chunk in chunks {
                for case .line(let line) in framer.feed(chunk) {
                    await queue.push(String(decoding: line, as: UTF8.self))
                }
            }
            await queue.finish()
        }
    }

    func send(_ line: String) async throws {
        try await connection.write(Array(line.utf8) + [0x0A])
    }

    /// The next line from the gateway; fails after `timeout` (a safety net, not a pause).
    func next(timeout: Duration = .seconds(15)) async throws -> String {
        guard let line = await queue.next(timeout: timeout) else {
            throw HarnessError("no line from the gateway within \(timeout)")
        }
        return line
    }

    /// Sends a request and returns the next line.
    func request(_ line: String) async throws -> String {
        try await send(line)
        return try await next()
    }

    func close() async {
        await connection.close()
    }
}
