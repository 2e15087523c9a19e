import DeviceIO
import Foundation
import POSProtocols
import StrictJSON

/// Plays example sessions against a running lane: a TCP POS client, the scanner's
/// pseudo-terminal, and the virtual printer. The demo draws what it sees; the tests check
/// every expected line.
public final class ScriptPlayer {
    /// What happened at one step, for whoever watches.
    public enum Event: Sendable {
        case sent(String)
        case received(String, expected: String, matched: Bool)
        case scanned([UInt8])
        case printed([UInt8])
        case note(String)
    }

    private let connection: TCPConnection
    private let scanner: PseudoTerminal?
    private let printer: VirtualPrinter?
    private var lines: AsyncStream<[UInt8]>.Iterator
    private var printedSoFar = 0
    /// The code of the last voucher the gateway issued, for `{voucher}` in a step.
    private var lastVoucher: String?

    public init(posPort: UInt16, scanner: PseudoTerminal?, printer: VirtualPrinter?) async throws {
        connection = try await TCPConnection.connect(
            host: "127.0.0.1", port: posPort, timeout: .seconds(3))
        self.scanner = scanner
        self.printer = printer
        printedSoFar = await printer?.printedJobs.count ?? 0
        let chunks = connection.chunks()
        let (stream, continuation) = AsyncStream.makeStream(of: [UInt8].self)
        Task {
            var framer = LaneLinkLineFramer()
            for await chunk in chunks {
                for frame in framer.feed(chunk) {
                    if case .line(let line) = frame { continuation.yield(line) }
                }
            }
            continuation.finish()
        }
        lines = stream.makeAsyncIterator()
    }

    /// Plays every step; returns the number of expected lines that did not match.
    @discardableResult
    public func play(
        _ script: LaneLinkScript, watch: @Sendable (Event) -> Void = { _ in }
    ) async throws -> Int {
        var mismatches = 0
        for (number, step) in script.steps {
            switch step {
            case .send(let template):
                let line = substitute(template)
                watch(.sent(line))
                try await connection.write(Array(line.utf8) + [0x0A])
            case .expect(let expected):
                guard let bytes = await lines.next() else {
                    throw LaneError("\(script.name):\(number): the gateway closed the connection")
                }
                let actual = String(decoding: bytes, as: UTF8.self)
                remember(actual)
                let matched = LaneLinkScript.matches(actual, expected: expected)
                if !matched { mismatches += 1 }
                watch(.received(actual, expected: expected, matched: matched))
            case .scan(let template):
                let bytes = Array(substitute(String(decoding: template, as: UTF8.self)).utf8)
                guard let scanner else {
                    watch(.note("\(script.name):\(number): no scanner in this lane"))
                    continue
                }
                watch(.scanned(bytes))
                try await scanner.write(bytes)
            case .print:
                guard let printer else { continue }
                printedSoFar += 1
                await printer.waitForJobs(printedSoFar)
                let jobs = await printer.printedJobs
                watch(.printed(jobs[printedSoFar - 1]))
            }
        }
        return mismatches
    }

    private func substitute(_ text: String) -> String {
        guard let code = lastVoucher else { return text }
        return text.replacingOccurrences(of: "{voucher}", with: code)
    }

    private func remember(_ line: String) {
        guard let node = try? JSONParser.parse(Array(line.utf8)),
            node["op"]?.stringValue == "finalized",
            case .array(let vouchers)? = node["vouchers"]?.value,
            let code = vouchers.last?["code"]?.stringValue
        else { return }
        lastVoucher = code
    }

    public func close() async {
        await connection.close()
    }
}
