import Foundation
import Lane
import Synchronization
import Testing

/// `lanegate run` killed with SIGKILL in the middle of a stream of sales and started again
/// on the same database: every reply the POS read is stored and its job printed, a
/// `finalize` whose reply was not read is replayed or committed once when the POS retries
/// it, and a job that may have reached paper comes out again only after a reprint notice.
/// The printer (a `VirtualPrinter` behind a `PrinterRelay`) outlives every run, so what it
/// printed is one record across the kills.
@Suite(.serialized) struct CrashRecoveryTests {
    static let cardA = "2900000000032"
    static let cardB = "2900000000049"
    static let expires = "2027-01-03T00:00:00+01:00"

    /// A lane's folder, printer and relay, which outlive every `lanegate run` on them.
    final class Site: Sendable {
        let folder: URL
        let printer: VirtualPrinter
        let relay: PrinterRelay
        private let runs = Mutex(0)

        init() async throws {
            folder = FileManager.default.temporaryDirectory
                .appendingPathComponent("lanegate-crash-\(UUID().uuidString)")
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: true)
            printer = try VirtualPrinter()
            await printer.start()
            relay = try PrinterRelay(printerPort: printer.port)
            await relay.start()
            try Data(LaneDayTests.program.utf8)
                .write(to: folder.appendingPathComponent("program.json"))
            // The confirmation and lock timeouts are long so that a kill meant to land
            // while the lane waits for one lands there however slow the machine is.
            let config = """
                {
                  "store": "S01", "lane": "L01", "timezone": "Europe/Amsterdam",
                  "currency": "EUR", "database": "lane.sqlite", "program": "program.json",
                  "pos": [{ "listen": "tcp://127.0.0.1:0" }],
                  "devices": [
                    { "role": "printer", "profile": "epson-tm-t88v",
                      "port": "tcp://127.0.0.1:\(relay.port)" }
                  ],
                  "printConfirmTimeoutMs": 60000,
                  "printerStatusIntervalMs": 100,
                  "busyTimeoutMs": 60000
                }
                """
            try Data(config.utf8).write(to: folder.appendingPathComponent("lane.json"))
        }

        var database: URL { folder.appendingPathComponent("lane.sqlite") }

        /// Starts `lanegate run` on the folder and connects a POS. Each run draws voucher
        /// codes from its own seed: a seeded generator starts over with the process, and a
        /// code drawn twice would collide with the stored voucher.
        func start() async throws -> (LaneProcess, POSClient) {
            let run = runs.withLock {
                $0 += 1
                return $0
            }
            let lane = try LaneProcess(
                config: folder.appendingPathComponent("lane.json"),
                environment: [
                    "LANEGATE_CLOCK": LaneDayTests.clock, "LANEGATE_SEED": "\(run)",
                    "LANEGATE_LOG": "debug",
                ])
            return (lane, try await POSClient(port: lane.posPort))
        }

        func close() async {
            await relay.stop()
            await printer.stop()
            try? FileManager.default.removeItem(at: folder)
        }
    }

    // MARK: The stream of sales, a kill at each chosen point

    @Test func salesKilledAtChosenPoints() async throws {
        let site = try await Site()
        let printer = site.printer
        let a = Member(id: "M1", card: Self.cardA)
        let b = Member(id: "M2", card: Self.cardB)

        // Run 1. T1 is answered and its job confirmed; the kill comes after both.
        var (lane, pos) = try await site.start()
        try await Self.ring(pos, "T1", a, balance: 0, price: "60.00")
        let finalizeT1 = Self.finalize("T1", total: "60.00")
        let finalizedT1 = Self.finalized("T1", a, earned: 60, balance: 60)
        #expect(try await Self.ask(pos, finalizeT1) == finalizedT1)
        #expect(lane.waitForLog(containing: "event=printed"))
        await Self.crash(lane, pos)
        // The kill left the WAL behind: the next run starts by recovering it.
        #expect(FileManager.default.fileExists(atPath: site.database.path + "-wal"))
        let jobT1 = Self.job(a, earned: 60, balance: 60)

        // Run 2. T1's retry gets the stored reply and prints nothing (T2's job is the
        // printer's next). T2 reaches the threshold; the printer prints its job but the
        // relay keeps the completion reply from the lane, which is still waiting for it
        // when it is killed.
        (lane, pos) = try await site.start()
        #expect(try await Self.ask(pos, Self.retry(finalizeT1)) == Self.retried(finalizedT1))
        try await Self.ring(pos, "T2", a, balance: 60, price: "45.00")
        // The printer's first ASB message (its answer to the lane's `GS a`) must have been
        // taken in before the hold: from then the lane knows the printer is ready. A hold
        // set before that message got through kept it from the lane, which then asked a
        // status it never heard and never sent T2's job (the test waited for it forever).
        #expect(lane.waitForLog(containing: "event=printer-asb"))
        await site.relay.hold(true)
        let receiptT2: [UInt8] = [0x1B, 0x40] + Array("KOFFIEBAR 45.00".utf8) + [0x0A]
        let finalizeT2 = Self.finalize("T2", total: "45.00", receipt: receiptT2)
        let repliedT2 = try await Self.ask(pos, finalizeT2)
        let v1 = try #require(LaneDayTests.voucherCode(in: repliedT2))
        let finalizedT2 = Self.finalized("T2", a, earned: 45, balance: 5, vouchers: [v1])
        #expect(repliedT2 == finalizedT2)
        await printer.waitForJobs(2)
        await Self.crash(lane, pos)
        // What the relay kept: the ASB message answering the `GS a` after the job (4 bytes)
        // and the process ID reply, 37 22 "0002" 00 (7).
        #expect(await site.relay.heldBytes == 11)
        await site.relay.hold(false)
        let jobT2 = Self.job(a, earned: 45, balance: 5, vouchers: [v1], receipt: receiptT2)
        #expect(Paper.hex(await printer.printedJobs[1]) == Paper.hex(jobT2))

        // Run 3. T2's job went out unconfirmed, so the restarted lane prints it again after
        // the reprint notice. T2's retry prints nothing more. T3 redeems V1; the test holds
        // the database's write lock while T3's finalize waits for it, and kills the lane
        // there.
        (lane, pos) = try await site.start()
        await printer.waitForJobs(3)
        #expect(lane.waitForLog(containing: "event=printed"))
        #expect(
            lane.logLines.contains {
                $0.contains("event=printed job=2 ") && $0.contains("reprint=yes")
            })
        #expect(Paper.hex(await printer.printedJobs[2]) == Paper.hex(Paper.reprintNotice + jobT2))
        #expect(try await Self.ask(pos, Self.retry(finalizeT2)) == Self.retried(finalizedT2))
        try await Self.ring(pos, "T3", a, balance: 5, price: "20.00", voucher: v1)
        let lock = try SQLiteLock(site.database.path)
        let waits = lane.logLines.filter { $0.contains("event=store-lock-wait") }.count
        let finalizeT3 = Self.finalize("T3", total: "15.00")
        try await pos.send(finalizeT3)
        #expect(lane.waitForLog(containing: "event=store-lock-wait", count: waits + 1))
        await Self.crash(lane, pos)
        lock.release()

        // Run 4. T3 was never committed: its retry finds no open transaction, the POS rings
        // it again under the same txn (an `open`, not a conflict), V1 is still reservable
        // by T3, and T3 commits once. (Under another txn V1 stays reserved for T3 until
        // the reservation times out: docs/limitations.md.) Then the paper runs out; T4 is
        // answered, its job is held, and the lane is killed while it holds it.
        (lane, pos) = try await site.start()
        #expect(
            try await Self.ask(pos, Self.retry(finalizeT3)).hasPrefix(
                #"{"op":"error","id":"retry","txn":"T3","code":"no-transaction","#))
        try await Self.ring(pos, "X1", a, balance: 5, price: "20.00")
        #expect(
            try await Self.ask(pos, #"{"op":"voucher","id":4,"txn":"X1","code":"\#(v1)"}"#)
                .hasPrefix(#"{"op":"error","id":4,"txn":"X1","code":"voucher-reserved","#))
        #expect(
            try await Self.ask(pos, #"{"op":"cancel","id":6,"txn":"X1"}"#)
                == #"{"op":"cancelled","id":6,"txn":"X1"}"#)
        try await Self.ring(pos, "T3", a, balance: 5, price: "20.00", voucher: v1)
        let finalizedT3 = Self.finalized("T3", a, earned: 15, balance: 20, redeemed: [v1])
        #expect(try await Self.ask(pos, finalizeT3) == finalizedT3)
        await printer.waitForJobs(4)
        #expect(lane.waitForLog(containing: "event=printed"))
        let jobT3 = Self.job(a, earned: 15, balance: 20)
        #expect(Paper.hex(await printer.printedJobs[3]) == Paper.hex(jobT3))
        await printer.setPaperOut(true)
        #expect(lane.waitForLog(containing: "event=printer-state device=printer state=paper-out"))
        try await Self.ring(pos, "T4", b, balance: 0, price: "30.00")
        let finalizedT4 = Self.finalized("T4", b, earned: 30, balance: 30)
        #expect(try await Self.ask(pos, Self.finalize("T4", total: "30.00")) == finalizedT4)
        #expect(lane.waitForLog(containing: "event=print-held"))
        await Self.crash(lane, pos)

        // Run 5. The paper is still out and T4's job stays held. T5 reaches the threshold
        // again; the lane is killed once T5 is committed (its log line), before the POS
        // has read the reply.
        (lane, pos) = try await site.start()
        #expect(lane.waitForLog(containing: "event=print-held"))
        try await Self.ring(pos, "T5", a, balance: 20, price: "85.00")
        let finalizeT5 = Self.finalize("T5", total: "85.00")
        try await pos.send(finalizeT5)
        #expect(lane.waitForLog(containing: "event=finalized txn=T5 "))
        await Self.crash(lane, pos)
        #expect(await printer.printedJobs.count == 4)

        // Run 6. T5's retry gets the reply the POS never read, with V2 in it. With the
        // paper back, T4's and T5's jobs print once each and without a reprint notice:
        // neither had been sent. T6 redeems V2; both vouchers are then used up.
        (lane, pos) = try await site.start()
        let repliedT5 = try await Self.ask(pos, Self.retry(finalizeT5))
        let v2 = try #require(LaneDayTests.voucherCode(in: repliedT5))
        #expect(v2 != v1)
        #expect(
            repliedT5
                == Self.retried(Self.finalized("T5", a, earned: 85, balance: 5, vouchers: [v2])))
        await printer.setPaperOut(false)
        await printer.waitForJobs(6)
        #expect(lane.waitForLog(containing: "event=printed", count: 2))
        let jobT4 = Self.job(b, earned: 30, balance: 30)
        let jobT5 = Self.job(a, earned: 85, balance: 5, vouchers: [v2])
        try await Self.ring(pos, "T6", a, balance: 5, price: "10.00", voucher: v2)
        #expect(
            try await Self.ask(pos, Self.finalize("T6", total: "5.00"))
                == Self.finalized("T6", a, earned: 5, balance: 10, redeemed: [v2]))
        try await Self.ring(pos, "T7", b, balance: 30, price: "1.00")
        for code in [v1, v2] {
            #expect(
                try await Self.ask(pos, #"{"op":"voucher","id":4,"txn":"T7","code":"\#(code)"}"#)
                    .hasPrefix(#"{"op":"error","id":4,"txn":"T7","code":"voucher-used","#))
        }
        #expect(
            try await Self.ask(pos, #"{"op":"cancel","id":6,"txn":"T7"}"#)
                == #"{"op":"cancelled","id":6,"txn":"T7"}"#)
        await printer.waitForJobs(7)
        #expect(lane.waitForLog(containing: "event=printed", count: 3))
        await pos.close()
        #expect(lane.stop() == 0)

        // What the printer printed across the five kills, job by job.
        let jobT6 = Self.job(a, earned: 5, balance: 10)
        #expect(
            await printer.printedJobs.map(Paper.hex)
                == [jobT1, jobT2, Paper.reprintNotice + jobT2, jobT3, jobT4, jobT5, jobT6]
                .map(Paper.hex))

        // The database: every answered sale once, with the points it answered; balances
        // are the sums of the ledger; every job confirmed; the WAL checkpointed away.
        #expect(!FileManager.default.fileExists(atPath: site.database.path + "-wal"))
        let database = try SQLiteFile(site.database.path)
        #expect(
            try database.integers(
                "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'")
                == [1])
        #expect(
            try database.integers("SELECT earned FROM transactions ORDER BY txn")
                == [60, 45, 15, 30, 85, 5])
        #expect(
            try database.integers(
                "SELECT points FROM ledger_entries WHERE member_id = 1 ORDER BY id")
                == [60, 45, -100, 15, 85, -100, 5])
        #expect(
            try database.integers(
                "SELECT points FROM ledger_entries WHERE member_id = 2 ORDER BY id")
                == [30])
        #expect(
            try database.integers(
                "SELECT SUM(points) FROM ledger_entries GROUP BY member_id ORDER BY member_id")
                == [10, 30])
        #expect(
            try database.integers(
                "SELECT count(*) FROM print_jobs GROUP BY txn ORDER BY txn") == [1, 1, 1, 1, 1, 1])
        #expect(
            try database.integers("SELECT attempts FROM print_jobs ORDER BY id") == [
                1, 2, 1, 1, 1, 1,
            ])
        #expect(
            try database.integers(
                "SELECT count(*) FROM print_jobs WHERE confirmed_at_ms IS NULL") == [0])
        #expect(
            try database.integers(
                "SELECT use_count FROM vouchers WHERE reserved_txn IS NULL ORDER BY issued_txn")
                == [1, 1])
        #expect(try database.integers("SELECT count(*) FROM voucher_uses") == [2])
        #expect(!lane.logText.contains("level=error"))
        await site.close()
    }

    // MARK: Kills wherever they land

    /// Four sales on one member, each killed right after its `finalize` was sent (the kill
    /// lands before, during or after the commit) or right after its reply was read (the
    /// job may be unsent, in flight or confirmed). After each restart the POS retries the
    /// `finalize`: an answered one must be replayed; an unanswered one is replayed or, not
    /// committed, rung again and committed once. The printer must have printed every job
    /// whole, any copy after the first behind a reprint notice.
    @Test func salesKilledWhereverTheKillLands() async throws {
        let site = try await Site()
        let member = Member(id: "M1", card: Self.cardB)
        var outcomes: [String] = []
        var jobs: [[UInt8]] = []

        var (lane, pos) = try await site.start()
        for sale in 1...4 {
            let txn = "R\(sale)"
            try await Self.ring(pos, txn, member, balance: 5 * (sale - 1), price: "5.00")
            let request = Self.finalize(txn, total: "5.00")
            let finalized = Self.finalized(txn, member, earned: 5, balance: 5 * sale)
            jobs.append(Self.job(member, earned: 5, balance: 5 * sale))
            let answered = sale.isMultiple(of: 2)
            try await pos.send(request)
            if answered {
                #expect(try await Self.reply(pos) == finalized)
            }
            await Self.crash(lane, pos)

            (lane, pos) = try await site.start()
            let retried = try await Self.ask(pos, Self.retry(request))
            if retried == Self.retried(finalized) {
                outcomes.append("\(txn): replayed")
                continue
            }
            #expect(!answered, "an answered finalize was not replayed: \(retried)")
            #expect(
                retried.hasPrefix(
                    #"{"op":"error","id":"retry","txn":"\#(txn)","code":"no-transaction","#))
            outcomes.append("\(txn): not committed, rung again")
            try await Self.ring(pos, txn, member, balance: 5 * (sale - 1), price: "5.00")
            #expect(try await Self.ask(pos, request) == finalized)
        }

        // A last sale: the queue prints oldest first, so once its job is confirmed every
        // earlier one is too. Five sales committed once each make it job 5.
        try await Self.ring(pos, "R5", member, balance: 20, price: "5.00")
        #expect(
            try await Self.ask(pos, Self.finalize("R5", total: "5.00"))
                == Self.finalized("R5", member, earned: 5, balance: 25))
        jobs.append(Self.job(member, earned: 5, balance: 25))
        #expect(lane.waitForLog(containing: "event=printed job=5 "))
        await pos.close()
        #expect(lane.stop() == 0)

        // The printed stream is whole jobs and reprint notices only, each job's first copy
        // in sale order, any later copy right behind a notice.
        let printed = await site.printer.printedJobs.flatMap { $0 }
        let copies = try #require(Self.copies(of: jobs, in: printed), "\(Paper.hex(printed))")
        for (index, job) in copies.enumerated() {
            #expect(!job.isEmpty, "sale R\(index + 1)'s job was never printed")
            let behindNotices = job.dropFirst().allSatisfy { $0.afterNotice }
            #expect(behindNotices, "R\(index + 1) printed twice without a notice")
        }
        let firsts = copies.compactMap { $0.first?.position }
        #expect(firsts == firsts.sorted())
        let printings = copies.map { job in
            job.map { $0.afterNotice ? "reprint" : "print" }.joined(separator: "+")
        }
        print("crash outcomes: \(zip(outcomes, printings).map { "\($0), \($1)" })")

        let database = try SQLiteFile(site.database.path)
        #expect(
            try database.integers("SELECT points FROM ledger_entries ORDER BY id")
                == [5, 5, 5, 5, 5])
        #expect(
            try database.integers("SELECT count(*) FROM print_jobs GROUP BY txn ORDER BY txn")
                == [1, 1, 1, 1, 1])
        #expect(
            try database.integers(
                "SELECT count(*) FROM print_jobs WHERE confirmed_at_ms IS NULL") == [0])
        #expect(!lane.logText.contains("level=error"))
        await site.close()
    }

    // MARK: Helpers

    struct Member {
        let id: String
        let card: String
    }

    /// Where one job's copies are in the printed stream, and whether each came right
    /// behind a reprint notice.
    struct Copy {
        let position: Int
        let afterNotice: Bool
    }

    /// Reads `printed` as a sequence of reprint notices and whole `jobs`; nil when some
    /// bytes are neither (a torn or stray job). Returns each job's copies.
    static func copies(of jobs: [[UInt8]], in printed: [UInt8]) -> [[Copy]]? {
        var found = Array(repeating: [Copy](), count: jobs.count)
        var cursor = 0
        var notice = false
        outer: while cursor < printed.count {
            let rest = printed[cursor...]
            if rest.starts(with: Paper.reprintNotice) {
                cursor += Paper.reprintNotice.count
                notice = true
                continue
            }
            for (index, job) in jobs.enumerated() where rest.starts(with: job) {
                found[index].append(Copy(position: cursor, afterNotice: notice))
                cursor += job.count
                notice = false
                continue outer
            }
            return nil
        }
        return found
    }

    /// SIGKILL; the POS's connection is dropped with the process.
    static func crash(_ lane: LaneProcess, _ pos: POSClient) async {
        #expect(lane.kill() == SIGKILL)
        await pos.close()
    }

    /// The next reply, past any events (they carry no `id`; a `printer` event may come at
    /// any moment).
    static func reply(_ pos: POSClient) async throws -> String {
        while true {
            let line = try await pos.next()
            if line.range(of: #"^\{"op":"[a-z-]+","id":"#, options: .regularExpression) != nil {
                return line
            }
        }
    }

    /// Sends a request and returns its reply.
    static func ask(_ pos: POSClient, _ line: String) async throws -> String {
        try await pos.send(line)
        return try await reply(pos)
    }

    /// `open`, one `item`, `identify` (and a voucher): a sale ready to be paid.
    static func ring(
        _ pos: POSClient, _ txn: String, _ member: Member, balance: Int, price: String,
        voucher: String? = nil
    ) async throws {
        #expect(
            try await ask(
                pos,
                #"{"op":"open","id":1,"txn":"\#(txn)","at":"\#(LaneDayTests.clock)","cashier":"c1"}"#
            )
                == #"{"op":"opened","id":1,"txn":"\#(txn)"}"#)
        #expect(
            try await ask(
                pos,
                #"{"op":"item","id":2,"txn":"\#(txn)","line":"1","sku":"8712345678906","qty":"1","price":"\#(price)"}"#
            ) == #"{"op":"ok","id":2,"txn":"\#(txn)"}"#)
        #expect(
            try await ask(
                pos, #"{"op":"identify","id":3,"txn":"\#(txn)","card":"\#(member.card)"}"#)
                == #"{"op":"member","id":3,"txn":"\#(txn)","member":\#(json(member, balance))}"#)
        if let voucher {
            #expect(
                try await ask(pos, #"{"op":"voucher","id":4,"txn":"\#(txn)","code":"\#(voucher)"}"#)
                    == #"{"op":"voucher","id":4,"txn":"\#(txn)","code":"\#(voucher)","title":"\#(LaneDayTests.title)","amount":"5.00","expires":"\#(expires)"}"#
            )
        }
    }

    static func json(_ member: Member, _ balance: Int) -> String {
        #"{"id":"\#(member.id)","card":"\#(member.card)","tier":"standard","balance":\#(balance)}"#
    }

    static func finalize(_ txn: String, total: String, receipt: [UInt8]? = nil) -> String {
        let receiptField = receipt.map { #","receipt":"\#(Data($0).base64EncodedString())""# } ?? ""
        return
            #"{"op":"finalize","id":5,"txn":"\#(txn)","total":"\#(total)","tenders":[{"type":"cash","amount":"\#(total)"}]\#(receiptField)}"#
    }

    /// The same request under another `id`, as a POS that lost the reply sends it.
    static func retry(_ request: String) -> String {
        request.replacingOccurrences(of: #""id":5,"#, with: #""id":"retry","#)
    }

    /// A reply as the retry gets it.
    static func retried(_ reply: String) -> String {
        reply.replacingOccurrences(of: #""id":5,"#, with: #""id":"retry","#)
    }

    static func finalized(
        _ txn: String, _ member: Member, earned: Int, balance: Int, redeemed: [String] = [],
        vouchers: [String] = []
    ) -> String {
        let used = redeemed.map { "\"\($0)\"" }.joined(separator: ",")
        let issued = vouchers.map {
            #"{"code":"\#($0)","title":"\#(LaneDayTests.title)","amount":"5.00","expires":"\#(expires)"}"#
        }.joined(separator: ",")
        return
            #"{"op":"finalized","id":5,"txn":"\#(txn)","member":\#(json(member, balance)),"earned":\#(earned),"balance":\#(balance),"redeemed":[\#(used)],"vouchers":[\#(issued)]}"#
    }

    /// A sale's print job, stated from docs/receipt-layout.md (`Paper`).
    static func job(
        _ member: Member, earned: Int, balance: Int, vouchers: [String] = [],
        receipt: [UInt8] = []
    ) -> [UInt8] {
        receipt + Paper.initialize
            + Paper.slip(
                card: member.card, earned: earned, balance: balance, nextReward: 100 - balance)
            + vouchers.flatMap { Paper.voucher(code: $0, validThrough: "2027-01-02") }
            + Paper.partialCut
    }
}
