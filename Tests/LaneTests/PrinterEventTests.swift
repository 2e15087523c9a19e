import Testing

@testable import Lane

/// What the POS hears of the receipt printer through a running lane (LaneLink `printer`
/// events), with a virtual TM-T88V that sends Automatic Status Back.
@Suite struct PrinterEventTests {
    @Test func thePOSHearsPaperNearEndThenReadyThenPaperOut() async throws {
        let virtual = try VirtualPrinter()
        await virtual.start()
        let lane = try await InProcessLane(
            devices: """
                [{ "role": "printer", "profile": "epson-tm-t88v",
                   "port": "tcp://127.0.0.1:\(virtual.port)" }]
                """)
        let events = lane.events
        // ASB is switched on as the lane connects (GS a 14); from then on changes come by
        // themselves.
        await virtual.waitForRequests(1)

        await virtual.setPaperNearEnd(true)
        #expect(await events.next() == #"{"op":"printer","state":"paper-near-end"}"#)
        await virtual.setPaperNearEnd(false)
        #expect(await events.next() == #"{"op":"printer","state":"ready"}"#)
        await virtual.setPaperOut(true)
        #expect(await events.next() == #"{"op":"printer","state":"paper-out"}"#)

        await lane.stop()
        await virtual.stop()
    }
}
