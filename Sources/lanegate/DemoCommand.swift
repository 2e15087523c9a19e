import DeviceIO
import ESCPOS
import Foundation
import Lane
import StrictJSON
import Synchronization

/// `lanegate demo`: a whole lane on virtual devices, drawn on the terminal.
enum DemoCommand: Command {
    static let name = "demo"
    static let summary = "run a demo day on virtual devices and draw what the printer printed"
    static let help = """
        Usage: lanegate demo [--keep]

        Runs a complete lane in this process: a pseudo-terminal plays the barcode
        scanner, a loopback TCP listener plays an Epson TM-T88V (it parses every byte
        and answers status and completion requests), a temporary SQLite database is
        the store, and a scripted POS replays protocols/examples/*.lanelink. Each
        receipt and voucher is parsed back from the printer's bytes and drawn as on
        paper, the voucher's QR code in block characters a phone can scan.
        --keep leaves the temporary folder (config, program, database) in place.

        Example:
          lanegate demo
        """

    static func run(_ arguments: inout Arguments) async throws -> Int32 {
        let keep = arguments.flag("--keep")
        // The lane's log would run through the drawing; warnings and errors still show.
        if ProcessInfo.processInfo.environment["LANEGATE_LOG"] == nil { Log.setLevel(.warning) }
        // Maintainers only: rewrites each example's "< " lines with what the gateway sent.
        let record = arguments.flag("--record")
        _ = try arguments.positionals()
        let examples = try Resources.folder("protocols/examples")
        let scripts = try FileManager.default.contentsOfDirectory(atPath: examples)
            .filter { $0.hasSuffix(".lanelink") }.sorted()
            .map {
                try LaneLinkScript.load(path: (examples as NSString).appendingPathComponent($0))
            }

        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lanegate-demo-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { if !keep { try? FileManager.default.removeItem(atPath: folder) } }

        let printer = try VirtualPrinter()
        await printer.start()
        let scanner = try PseudoTerminal()
        let configPath = try DemoFiles.write(
            to: folder, printerPort: printer.port, scannerPath: scanner.peerPath)
        let setup = try LaneSetup.load(configPath: configPath)
        var environment = try LaneEnvironment.fromProcessEnvironment()
        if ProcessInfo.processInfo.environment["LANEGATE_SEED"] == nil {
            environment.random = RandomSource(seed: 20261203)
        }
        let host = try await LaneHost(setup: setup, environment: environment)
        let running = Task { await host.run() }
        let columns = setup.printer?.printer?.columnsFontA ?? 42

        print(
            "lanegate demo: store \(setup.config.store), lane \(setup.config.lane), "
                + "program \"\(setup.program.name)\", printer \(setup.printer?.model ?? "-")")
        print(
            "scanner on \(scanner.peerPath), printer on tcp://127.0.0.1:\(printer.port), "
                + "database \(setup.config.database)\n")

        let tally = DemoTally()
        var mismatches = 0
        for script in scripts {
            print(
                "── \((script.name as NSString).lastPathComponent) "
                    + String(repeating: "─", count: 40))
            let player = try await ScriptPlayer(
                posPort: host.posPorts[0], scanner: scanner, printer: printer)
            let received = DemoRecording()
            mismatches += try await player.play(script) { event in
                DemoView.show(event, columns: columns, tally: tally)
                if case .received(let line, _, let matched) = event {
                    received.lines.withLock { $0.append(matched ? nil : line) }
                }
            }
            if record { try received.rewrite(script.name) }
            await player.close()
            print("")
        }

        // The balances as the ledger has them, after refunds too.
        let cards = tally.counts.withLock { Array($0.balances.keys) }
        for card in cards {
            if let member = try await host.runtime.ledger.member(card: card) {
                let balance = try await host.runtime.ledger.balance(memberID: member.id)
                tally.counts.withLock { $0.balances[card] = balance }
            }
        }
        host.stop()
        await running.value
        await printer.stop()
        await scanner.close()
        DemoView.summary(tally)
        if mismatches > 0 {
            writeError("lanegate demo: \(mismatches) gateway line(s) differed from the examples")
            return 1
        }
        return 0
    }
}

/// The demo's own config and program, written to its temporary folder.
enum DemoFiles {
    static let program = EmbeddedProgram.koffiekaart

    static func write(to folder: String, printerPort: UInt16, scannerPath: String) throws -> String
    {
        let config = """
            {
              "store": "S01",
              "lane": "L03",
              "timezone": "Europe/Amsterdam",
              "currency": "EUR",
              "database": "demo.sqlite",
              "program": "program.json",
              "pos": [{ "listen": "tcp://127.0.0.1:0" }],
              "devices": [
                { "role": "scanner", "profile": "generic-serial-scanner", "port": "\(scannerPath)" },
                { "role": "printer", "profile": "epson-tm-t88v", "port": "tcp://127.0.0.1:\(printerPort)" }
              ],
              "printConfirmTimeoutMs": 1000,
              "printerStatusIntervalMs": 200
            }
            """
        let configPath = (folder as NSString).appendingPathComponent("lane.json")
        try Data(program.utf8).write(
            to: URL(fileURLWithPath: (folder as NSString).appendingPathComponent("program.json")))
        try Data(config.utf8).write(to: URL(fileURLWithPath: configPath))
        return configPath
    }
}

/// The lines the gateway sent during one example, for `--record`: nil where the line
/// matched, so wildcards (`"*"`) in the example stay.
final class DemoRecording: Sendable {
    let lines = Mutex<[String?]>([])

    /// Replaces the file's expected lines that did not match with the ones received.
    func rewrite(_ path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var received = lines.withLock { $0 }[...]
        let rewritten = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard line.hasPrefix("< "), let next = received.popFirst() else { return String(line) }
            return next.map { "< " + $0 } ?? String(line)
        }
        try rewritten.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }
}
