import Foundation

@testable import Lane

/// A lane started in-process with `LaneHost`, on a config of its own in a temporary folder
/// (the Koffiekaart program, EUR, no devices unless given), and one POS connection whose
/// lines (events, here) are collected in `events`.
final class InProcessLane: Sendable {
    let folder: String
    let host: LaneHost
    let events = Inbox<String>()
    private let running: Task<Void, Never>

    /// `devices` is the config's `devices` array as JSON; `extra` more top-level members,
    /// each ending with a comma.
    init(devices: String = "[]", extra: String = "") async throws {
        folder =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("lanegate-lane-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(EmbeddedProgram.koffiekaart.utf8)
            .write(to: URL(fileURLWithPath: "\(folder)/program.json"))
        let config = """
            {
              \(extra)
              "store": "S01", "lane": "L01", "timezone": "Europe/Amsterdam",
              "currency": "EUR", "database": "lane.sqlite", "program": "program.json",
              "pos": [{ "listen": "tcp://127.0.0.1:0" }], "devices": \(devices)
            }
            """
        try Data(config.utf8).write(to: URL(fileURLWithPath: "\(folder)/lane.json"))
        let host = try await LaneHost(
            setup: LaneSetup.load(configPath: "\(folder)/lane.json"), environment: .system)
        self.host = host
        running = Task { await host.run() }
        let events = self.events
        _ = await host.runtime.connect { bytes in
            events.push(String(decoding: bytes.dropLast(), as: UTF8.self))
        }
    }

    /// The lane's database file.
    var database: String { "\(folder)/lane.sqlite" }

    func stop() async {
        host.stop()
        await running.value
        try? FileManager.default.removeItem(atPath: folder)
    }
}
