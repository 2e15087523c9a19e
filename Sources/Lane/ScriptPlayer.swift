import DeviceIO
import Foundation
import POSProtocols

/// Plays example sessions against a running lane: a TCP POS client, the scanner's
/// pseudo-terminal, and the virtual printer. The demo draws what it sees; the tests check
/// every expected line.
public actor ScriptPlayer {
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

    public init(posPort: UInt16, scanner: PseudoTerminal?, printer: VirtualPrinter?) async throws {
        connection = try await TCPConnection.connect(
            host: "127.0.0.1", port: posPort, timeout: .seconds(3))
        self.scanner = scanner
        self.printer = printer
        let chunks = connection.chunks()
        let (stream, continuation) = AsyncStream.makeStream(of: [UInt8].self)
        Task {
            var framer = LaneLinkLineFramer()
            for await chunk in chunks {
                for frame in framer.append(chunk) {
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
            case .send(let line):
                watch(.sent(line))
                try await connection.write(Array(line.utf8) + [0x0A])
            case .expect(let expected):
                guard let bytes = await lines.next() else {
                    throw LaneError("\(script.name):\(number): the gateway closed the connection")
                }
                let actual = String(decoding: bytes, as: UTF8.self)
                let matched = LaneLinkScript.matches(actual, expected: expected)
                if !matched { mismatches += 1 }
                watch(.received(actual, expected: expected, matched: matched))
            case .scan(let bytes):
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

    public func close() async {
        await connection.close()
    }
}
