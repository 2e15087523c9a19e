import Lane
import StrictJSON

/// Rings up sales on the lane through the POS client: `open`, one `item`, `identify` a
/// member picked at random, untimed, then `finalize`, timed.
struct Seller {
    let client: POSClient
    let runtime: LaneRuntime
    let members: Int
    let pace: BenchOptions.Pace
    private var generator: BenchGenerator
    private var nextSale = 1
    /// Vouchers the lane issued in the sales so far.
    private(set) var vouchers = 0
    /// The latency of each timed sale's `item`: a round trip through the POS link and
    /// the lane's queue that touches no store, for comparison.
    private(set) var itemSamples: [Duration] = []

    /// The POS's own receipt, base64 ESC/POS (`ESC @`, "Koffie", LF), as in
    /// `protocols/examples/01-earn.lanelink`.
    static let receipt = "G0BLb2ZmaWUK"

    init(
        client: POSClient, runtime: LaneRuntime, members: Int, seed: UInt64,
        pace: BenchOptions.Pace
    ) {
        self.client = client
        self.runtime = runtime
        self.members = members
        self.pace = pace
        generator = BenchGenerator(seed: seed)
    }

    /// Sells `count` sales; returns each `finalize`'s latency.
    mutating func sell(_ count: Int, timed: Bool = true) async throws -> [Duration] {
        var samples: [Duration] = []
        samples.reserveCapacity(count)
        for _ in 0..<count {
            let (finalize, item) = try await sellOne()
            samples.append(finalize)
            if timed { itemSamples.append(item) }
        }
        return samples
    }

    private mutating func sellOne() async throws -> (finalize: Duration, item: Duration) {
        let txn = "BENCH-\(nextSale)"
        nextSale += 1
        let card = BenchDatabase.card(serial: Int.random(in: 1...members, using: &generator))
        // 5.00 to 30.00: 5 to 30 points on balances of 0 to 99, so about one sale in nine
        // reaches the 100-point threshold and issues a voucher.
        let cents = Int.random(in: 500...3000, using: &generator)
        let amount = "\(cents / 100).\(cents % 100 < 10 ? "0" : "")\(cents % 100)"
        let head = "\"txn\":\"\(txn)\""

        try await expect(
            "opened",
            head + ",\"op\":\"open\",\"at\":\"2026-03-02T10:15:00+01:00\""
                + ",\"cashier\":\"c1\"")
        let item = try await expect(
            "ok",
            head + ",\"op\":\"item\",\"line\":\"1\",\"sku\":\"8712345678906\""
                + ",\"qty\":\"1\",\"price\":\"\(amount)\"")
        try await expect("member", head + ",\"op\":\"identify\",\"card\":\"\(card)\"")

        let (reply, elapsed) = try await client.request(Self.finalize(txn: txn, amount: amount))
        try check(reply, is: "finalized")
        if case .array(let issued)? = reply["vouchers"]?.value {
            vouchers += issued.count
        }
        if pace == .printed {
            await runtime.waitForPrinting()
        }
        return (elapsed, item)
    }

    /// The fields of a sale's `finalize` (without `id`): a cash tender and the POS's receipt.
    static func finalize(txn: String, amount: String) -> String {
        "\"txn\":\"\(txn)\",\"op\":\"finalize\",\"total\":\"\(amount)\""
            + ",\"tenders\":[{\"type\":\"cash\",\"amount\":\"\(amount)\"}]"
            + ",\"receipt\":\"\(receipt)\""
    }

    @discardableResult
    private func expect(_ op: String, _ fields: String) async throws -> Duration {
        let (reply, elapsed) = try await client.request(fields)
        try check(reply, is: op)
        return elapsed
    }

    private func check(_ reply: JSONNode, is op: String) throws {
        guard reply["op"]?.stringValue == op else {
            throw BenchError("the lane answered \(JSON(reply).serialized), not \(op)")
        }
    }
}
