import CSQLite
import Testing

@testable import Lane

/// A scan the store cannot take (another lane holds the write lock past the busy
/// timeout) reaches the POS as an `error` event with `busy`, and nothing was stored.
@Suite struct ScanStoreFailureTests {
    @Test func aMemberScanWhileAnotherLaneHoldsTheStoreIsBusy() async throws {
        let lane = try await InProcessLane(extra: #""busyTimeoutMs": 50,"#)
        let (host, events) = (lane.host, lane.events)

        // Another lane's write transaction, held while the card is scanned.
        var other: OpaquePointer?
        #expect(sqlite3_open(lane.database, &other) == SQLITE_OK)
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

        await lane.stop()
    }
}
