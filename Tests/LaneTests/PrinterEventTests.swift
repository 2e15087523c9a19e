import Foundation
import Testing

@testable import Lane

/// What the POS hears of the receipt printer through a running lane (LaneLink `printer`
/// events), with a virtual TM-T88V that sends Automatic Status Back.
@Suite struct PrinterEventTests {
    @Test func thePOSHearsPaperNearEndThenReadyThenPaperOut() async throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lanegate-printer-events-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let virtual = try VirtualPrinter()
        await virtual.start()
        try Data(EmbeddedProgram.koffiekaart.utf8)
            .write(to: URL(fileURLWithPath: "\(folder)/program.json"))
        let config = """
            {
              "store": "S01", "lane": "L01", "timezone": "Europe/Amsterdam",
              "currency": "EUR", "database": "lane.sqlite", "program": "program.json",
              "pos": [{ "listen": "tcp://127.0.0.1:0" }],
              "devices": [{ "role": "printer", "profile": "epson-tm-t88v",
                            "port": "tcp://127.0.0.1:\(virtual.port)" }]
            }
            """
        try Data(config.utf8).write(to: URL(fileURLWithPath: "\(folder)/lane.json"))
        let setup = try LaneSetup.load(configPath: "\(folder)/lane.json")
        let host = try await LaneHost(setup: setup, environment: .system)
        let running = Task { await host.run() }
        let events = Inbox<String>()
        _ = await host.runtime.connect { bytes in
            events.push(String(decoding: bytes.dropLast(), as: UTF8.self))
        }
        // ASB is switched on as the lane connects (GS a 14); from then on changes come by
        // themselves.
        await virtual.waitForRequests(1)

        await virtual.setPaperNearEnd(true)
        #expect(await events.next() == #"{"op":"printer","state":"paper-near-end"}"#)
        await virtual.setPaperNearEnd(false)
        #expect(await events.next() == #"{"op":"printer","state":"ready"}"#)
        await virtual.setPaperOut(true)
        #expect(await events.next() == #"{"op":"printer","state":"paper-out"}"#)

        host.stop()
        await running.value
        await virtual.stop()
    }
}
