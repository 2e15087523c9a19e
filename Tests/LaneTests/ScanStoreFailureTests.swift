import CSQLite
import Foundation
import Testing

@testable import Lane

/// A scan the store cannot take (another lane holds the write lock past the busy
/// timeout) reaches the POS as an `error` event with `busy`, and nothing was stored.
@Suite struct ScanStoreFailureTests {
    @Test func aMemberScanWhileAnotherLaneHoldsTheStoreIsBusy() async throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lanegate-scan-busy-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data(EmbeddedProgram.koffiekaart.utf8)
            .write(to: URL(fileURLWithPath: "\(folder)/program.json"))
        let config = """
            {
              "store": "S01", "lane": "L01", "timezone": "Europe/Amsterdam",
              "currency": "EUR", "database": "lane.sqlite", "program": "program.json",
              "pos": [{ "listen": "tcp://127.0.0.1:0" }], "devices": [], "busyTimeoutMs": 50
            }
            """
        try Data(config.utf8).write(to: URL(fileURLWithPath: "\(folder)/lane.json"))
        let host = try await LaneHost(
            setup: LaneSetup.load(configPath: "\(folder)/lane.json"), environment: .system)
        let running = Task { await host.run() }
        let events = Inbox<String>()
        _ = await host.runtime.connect { bytes in
            events.push(String(decoding: bytes.dropLast(), as: UTF8.self))
        }

        // Another lane's write transaction, held while the card is scanned.
        var other: OpaquePointer?
        #expect(sqlite3_open("\(folder)/lane.sqlite", &other) == SQLITE_OK)
        #expect(sqlite3_exec(other, "BEGIN IMMEDIATE", nil, nil, nil) == SQLITE_OK)
        host.runtime.scanned(Array("2900000000001".utf8))
        #expect(
            await events.next()
                == #"{"op":"error","code":"busy","message":"another lane holds the store; "#
                + #"nothing was changed, scan again"}"#)

        // The lock gone, the same card enrolls its member.
        #expect(sqlite3_exec(other, "ROLLBACK", nil, nil, nil) == SQLITE_OK)
        sqlite3_close(other)
        host.runtime.scanned(Array("2900000000001".utf8))
        let member = try #require(await events.next())
        #expect(member.hasPrefix(#"{"op":"member","member":{"id":"M1","card":"2900000000001""#))

        host.stop()
        await running.value
    }
}
