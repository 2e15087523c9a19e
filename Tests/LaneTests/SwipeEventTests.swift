import DeviceIO
import Foundation
import Testing

@testable import Lane

/// Swipes on the lane's reader: a member card's track 2 joins the open sale; a payment
/// card is refused with only its masked number, and nothing of it is stored.
@Suite(.serialized) struct SwipeEventTests {
    @Test func memberAndPaymentSwipes() async throws {
        let lane = try await LaneFixture.start()
        let pos = try await LaneLinkConnectionTests.Client(port: lane.host.posPorts[0])
        #expect(
            try await pos.request(
                #"{"op":"open","id":1,"txn":"W1","at":"2026-12-03T10:00:00+01:00","cashier":"c1"}"#)
                == #"{"op":"opened","id":1,"txn":"W1"}"#)

        try await lane.scanner.write(Array(";2900000000063=?\r".utf8))
        let member = await pos.iterator.next().map { String(decoding: $0, as: UTF8.self) }
        #expect(
            member == """
                {"op":"member","txn":"W1","member":{"id":"M1","card":"2900000000063","tier":"standard","balance":0}}
                """)

        try await lane.scanner.write(
            Array(
                "%B4111111111111111^DOE/JOHN^28121010000000000000?;4111111111111111=28121010000000000000?\r"
                    .utf8))
        let refused = await pos.iterator.next().map { String(decoding: $0, as: UTF8.self) }
        #expect(refused?.hasPrefix(#"{"op":"error","txn":"W1","code":"payment-card","#) == true)
        #expect(refused?.contains("411111******1111") == true)
        #expect(refused?.contains("4111111111111111") == false)
        #expect(refused?.contains("DOE") == false)

        #expect(
            try await pos.request(#"{"op":"cancel","id":2,"txn":"W1"}"#)
                == #"{"op":"cancelled","id":2,"txn":"W1"}"#)
        await pos.connection.close()
        let database = "\(lane.folder)/lane.sqlite"
        await lane.stopKeepingFiles()
        let stored = try Data(contentsOf: URL(fileURLWithPath: database))
        #expect(stored.range(of: Data("4111111111111111".utf8)) == nil)
        try? FileManager.default.removeItem(atPath: lane.folder)
    }
}
