import ESCPOS
import Foundation

/// A receipt printer as the lane drives it: sends a job, then gets the best evidence the
/// printer offers that the job was taken, and reports its condition in words.
///
/// Evidence, best first (the job records which one it got):
/// 1. `completion`: Epson's process ID response (`GS ( H` function 48), which the printer
///    sends only when everything before it has been printed;
/// 2. `status`: a valid, healthy `DLE EOT` status read after the job; it is answered on
///    receipt, so it proves the printer took the job in good health, not that paper came out;
/// 3. `written`: on a transport with no way back, every byte written and flushed.
/// A confirmation that times out falls back to the next kind; it never causes a resend.
public actor ReceiptPrinter {
    /// What the printer said about itself.
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

    private let transport: any PrinterTransport
    private let settings: DeviceProfile.PrinterSettings
    private let confirmTimeout: Duration
    private var replies = PrinterReplyReader()
    public private(set) var condition: Condition = .unknown

    public init(
        transport: any PrinterTransport, settings: DeviceProfile.PrinterSettings,
        confirmTimeout: Duration
    ) {
        self.transport = transport
        self.settings = settings
        self.confirmTimeout = confirmTimeout
    }

    /// Asks the printer for its status (`DLE EOT` 1, then 2 and 4) and remembers it.
    @discardableResult
    public func refreshCondition() async -> Condition {
        guard settings.status, await transport.hasReturnChannel else {
            condition = .healthy
            return condition
        }
        condition = await queryCondition()
        return condition
    }

    /// Prints one job and returns how it ended. `id` tags the completion request.
    public func print(_ bytes: [UInt8], id: Int64) async -> JobResult {
        if condition != .healthy {
            let now = await refreshCondition()
            if now != .healthy { return .fault(now) }
        }
        do {
            try await transport.send(bytes)
        } catch {
            condition = .unreachable
            return .fault(.unreachable)
        }
        guard await transport.hasReturnChannel else {
            return .confirmed(evidence: "written")
        }
        if settings.completion == "process-id" {
            let tag = Self.processTag(id)
            var request = ESCPOSEncoder(codePages: [0])
            request.processIDRequest(tag)
            if (try? await transport.send(request.bytes)) != nil,
                await waitForProcessReply(tag)
            {
                condition = .healthy
                return .confirmed(evidence: "completion")
            }
        }
        guard settings.status else { return .unconfirmed("the printer has no status reply") }
        let after = await queryCondition()
        condition = after
        switch after {
        case .healthy: return .confirmed(evidence: "status")
        case .unknown, .unreachable: return .unconfirmed("no valid status reply after the job")
        default: return .fault(after)
        }
    }

    /// Four printable digits from the job id, as `GS ( H` function 48 takes them.
    static func processTag(_ id: Int64) -> [UInt8] {
        let digits = String(format: "%04d", Int(id % 10000))
        return Array(digits.utf8)
    }

    private func waitForProcessReply(_ tag: [UInt8]) async -> Bool {
        let deadline = ContinuousClock.now + confirmTimeout
        while ContinuousClock.now < deadline {
            if replies.takeProcessReply(tag) { return true }
            guard await receive(until: deadline) else { return false }
        }
        return replies.takeProcessReply(tag)
    }

    private func queryCondition() async -> Condition {
        guard let printer = await askStatus(1), let online = printer.online else {
            return .unknown
        }
        if !online {
            let cause = await askStatus(2)
            if cause?.coverOpen == true { return .coverOpen }
            if cause?.stoppedByPaperEnd == true { return .paperOut }
            if cause?.error == true { return .error }
        }
        if let paper = await askStatus(4), paper.paperOut == true { return .paperOut }
        return online ? .healthy : .offline
    }

    private func askStatus(_ n: UInt8) async -> PrinterStatus? {
        replies.dropStatuses()
        do {
            try await transport.send([0x10, 0x04, n])
        } catch {
            return nil
        }
        let deadline = ContinuousClock.now + confirmTimeout
        while ContinuousClock.now < deadline {
            if let byte = replies.takeStatus() { return PrinterStatus.decode(request: n, reply: byte) }
            guard await receive(until: deadline) else { return nil }
        }
        return nil
    }

    /// Reads what the printer sent into the reply reader; false on timeout or failure.
    private func receive(until deadline: ContinuousClock.Instant) async -> Bool {
        let left = deadline - ContinuousClock.now
        guard left > .zero else { return false }
        guard let bytes = try? await transport.receive(upTo: 256, timeout: left),
            !bytes.isEmpty
        else { return false }
        replies.append(bytes)
        return true
    }
}

/// Sorts the bytes a printer sends back into status bytes and process ID replies.
///
/// A process ID reply is `37 22 d1 d2 d3 d4 00`; any other byte whose fixed bits match a
/// status (`(b & 0x93) == 0x12`) is a status reply. Bytes that are neither are dropped.
struct PrinterReplyReader: Sendable {
    private var pending: [UInt8] = []
    private var statuses: [UInt8] = []
    private var processReplies: [[UInt8]] = []

    mutating func append(_ bytes: [UInt8]) {
        pending += bytes
        while !pending.isEmpty {
            if pending[0] == 0x37 {
                guard pending.count >= 2 else { return }
                if pending[1] == 0x22 {
                    guard let end = pending.firstIndex(of: 0x00) else { return }
                    processReplies.append(Array(pending[2..<end]))
                    pending.removeSubrange(...end)
                    continue
                }
            }
            let byte = pending.removeFirst()
            if byte & 0x93 == 0x12 { statuses.append(byte) }
        }
    }

    mutating func takeStatus() -> UInt8? {
        statuses.isEmpty ? nil : statuses.removeFirst()
    }

    mutating func dropStatuses() { statuses.removeAll() }

    mutating func takeProcessReply(_ tag: [UInt8]) -> Bool {
        guard let index = processReplies.firstIndex(of: tag) else { return false }
        processReplies.removeSubrange(...index)
        return true
    }
}
