import DeviceIO
import Foundation
import Testing

@testable import Lane

/// Every example session in `protocols/examples/`, replayed in order against one lane
/// running in this process (virtual printer, pseudo-terminal scanner): every line the
/// gateway sends must match the example's `< ` line.
@Suite(.serialized) struct ExampleReplayTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func examplesReplayExactly() async throws {
        let examples = Self.root.appendingPathComponent("protocols/examples").path
        let names = try FileManager.default.contentsOfDirectory(atPath: examples)
            .filter { $0.hasSuffix(".lanelink") }.sorted()
        #expect(names.count >= 4)

        let lane = try await LaneFixture.start()
        var mismatches: [String] = []
        for name in names {
            let script = try LaneLinkScript.load(path: "\(examples)/\(name)")
            let player = try await ScriptPlayer(
                posPort: lane.host.posPorts[0], scanner: lane.scanner, printer: lane.printer)
            let found = Mismatches()
            try await player.play(script) { event in
                if case .received(let actual, let expected, false) = event {
                    found.add("\(name): got \(actual)\n   expected \(expected)")
                }
            }
            await player.close()
            mismatches += found.all
        }
        await lane.stop()
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
    }
}

final class Mismatches: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ item: String) { lock.withLock { items.append(item) } }
    var all: [String] { lock.withLock { items } }
}

/// A lane in this process on virtual devices, as the demo runs it.
struct LaneFixture {
    let host: LaneHost
    let printer: VirtualPrinter
    let scanner: PseudoTerminal
    let folder: String
    let running: Task<Void, Never>

    static func start(seed: UInt64 = 5) async throws -> LaneFixture {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lanegate-lanetest-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let printer = try VirtualPrinter()
        await printer.start()
        let scanner = try PseudoTerminal()
        let configPath = try DemoFilesForTests.write(
            to: folder, printerPort: printer.port, scannerPath: scanner.peerPath)
        let setup = try LaneSetup.load(configPath: configPath)
        var environment = LaneEnvironment.system
        environment.random = RandomSource(seed: seed)
        let host = try await LaneHost(setup: setup, environment: environment)
        let running = Task { await host.run() }
        return LaneFixture(
            host: host, printer: printer, scanner: scanner, folder: folder, running: running)
    }

    func stop() async {
        await stopKeepingFiles()
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Stops the lane and its devices; the folder (config, database) stays.
    func stopKeepingFiles() async {
        host.stop()
        await running.value
        await printer.stop()
        await scanner.close()
    }
}

enum DemoFilesForTests {
    static func write(to folder: String, printerPort: UInt16, scannerPath: String) throws -> String
    {
        let root = ExampleReplayTests.root
        let program = try Data(contentsOf: root.appendingPathComponent("examples/program.json"))
        try program.write(to: URL(fileURLWithPath: "\(folder)/program.json"))
        let config = """
            {
              "store": "S01", "lane": "L01", "timezone": "Europe/Amsterdam", "currency": "EUR",
              "database": "lane.sqlite", "program": "program.json",
              "pos": [{ "listen": "tcp://127.0.0.1:0" }],
              "devices": [
                { "role": "scanner", "profile": "generic-serial-scanner", "port": "\(scannerPath)" },
                { "role": "printer", "profile": "epson-tm-t88v", "port": "tcp://127.0.0.1:\(printerPort)" }
              ],
              "printConfirmTimeoutMs": 500, "printerStatusIntervalMs": 100
            }
            """
        try Data(config.utf8).write(to: URL(fileURLWithPath: "\(folder)/lane.json"))
        return "\(folder)/lane.json"
    }
}
