import Foundation
import Lane

/// The lane under test: a config and program like `examples/`, written into the bench
/// folder, started in-process with `LaneHost` as `lanegate run` starts it.
///
/// The program is the example's (1 point per 1.00, a 5.00 voucher at 100 points). The
/// printer is the Epson TM-T88V profile on `file:printer.bin` in the bench folder: jobs
/// are laid out, stored and confirmed as on a real printer, but the paper costs nothing
/// and never runs out. There is no scanner.
struct BenchLane {
    let host: LaneHost
    let running: Task<Void, Never>
    let setup: LaneSetup

    static let program = EmbeddedProgram.koffiekaart

    /// The lane config; `printer` is an absolute path (a relative `file:` port is opened
    /// relative to the process's working folder, not the config's).
    static func config(printer: String) -> String {
        """
        {
          "store": "S01",
          "lane": "B01",
          "timezone": "Europe/Amsterdam",
          "currency": "EUR",
          "database": "lane.sqlite",
          "program": "program.json",
          "pos": [{ "listen": "tcp://127.0.0.1:0" }],
          "devices": [
            { "role": "printer", "profile": "epson-tm-t88v", "port": "file:\(printer)" }
          ]
        }

        """
    }

    /// Writes the config and program into `folder` and starts the lane.
    static func start(in folder: String) async throws -> BenchLane {
        let configPath = (folder as NSString).appendingPathComponent("lane.json")
        try write(program, to: (folder as NSString).appendingPathComponent("program.json"))
        let printer = (folder as NSString).appendingPathComponent("printer.bin")
        try write(config(printer: printer), to: configPath)
        let setup = try LaneSetup.load(configPath: configPath)
        let host = try await LaneHost(setup: setup, environment: .system)
        let running = Task { await host.run() }
        return BenchLane(host: host, running: running, setup: setup)
    }

    /// Stops the lane after the work queued, and waits until it has closed the store.
    func stop() async {
        host.stop()
        await running.value
    }

    private static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }
}
