import Foundation
import Lane

/// One run of the bench: build the databases, start the lane, take turns in blocks of
/// timed sales, floor commits, the store's own SQL and loopback round trips, stop, and
/// check what the lane stored.
struct BenchRun {
    let options: BenchOptions

    /// Sales and floor commits run before the timed ones and not counted: the first of
    /// each prepares statements, grows files and warms the page cache.
    static let warmUp = 20

    /// The size of a WAL file that reached SQLite's checkpoint threshold: a 32-byte header
    /// and 1000 frames of a 24-byte header and a 4096-byte page
    /// (https://sqlite.org/fileformat2.html#walformat).
    static let wrappedWALBytes: Int64 = 32 + 1000 * (24 + 4096)

    /// The most untimed commits spent waiting for a WAL to wrap, for either measurement.
    static let warmUpLimit = 5000

    /// The figures of a finished run.
    struct Result: Sendable {
        let fileSystem: FileSystemInfo
        let folder: String
        let database: BenchDatabase.Summary
        let databaseSeconds: Double
        let floor: LatencyStats
        let finalize: LatencyStats
        let item: LatencyStats
        /// The sale's own statements through plain SQLite (`SaleFloor`).
        let store: LatencyStats
        /// A finalize-sized line's round trip through a bare echo (`LoopbackEcho`).
        let loopback: LatencyStats
        let vouchersIssued: Int
        let salesStored: Int
        let jobsConfirmed: Int
        let events: Int
        /// Untimed sales and floor commits before the timed ones.
        let warmSales: Int
        let warmFloor: Int
        let options: BenchOptions
    }

    func run() async throws -> Result {
        let folder = try prepareFolder()
        let fileSystem = try FileSystemInfo.of(folder)
        guard !fileSystem.isMemory || options.memoryFolder else {
            throw BenchError(
                "\(folder) is on \(fileSystem.description), which is memory: its commits never "
                    + "reach a disk (valid: --folder on a disk file system, e.g. under the "
                    + "repository's .build/; --memory-folder to profile the lane's CPU)")
        }
        progress("bench folder \(folder) on \(fileSystem.description)")

        let lanePath = (folder as NSString).appendingPathComponent("lane.sqlite")
        let built = ContinuousClock.now
        progress("creating \(options.members) members and their history")
        let database = try await BenchDatabase.create(
            path: lanePath, members: options.members, seed: options.seed)
        let databaseSeconds = Double(LatencyStats.nanoseconds(ContinuousClock.now - built)) / 1e9
        let floorPath = (folder as NSString).appendingPathComponent("floor.sqlite")
        let floor = try CommitFloor(path: floorPath)
        let storePath = (folder as NSString).appendingPathComponent("store.sqlite")
        let store = try await SaleFloor(
            path: storePath, members: options.members, seed: options.seed)

        let lane = try await BenchLane.start(in: folder)
        guard let port = lane.host.posPorts.first else {
            throw BenchError("the bench lane has no POS listener")
        }
        let client = try POSClient(port: port)
        let echo = try LoopbackEcho()
        let echoClient = try POSClient(port: echo.port)
        var seller = Seller(
            client: client, runtime: lane.host.runtime, members: options.members,
            seed: options.seed, pace: options.pace)

        // Warm-up, then blocks that take turns: the lane's sales, the floor, the store's
        // own SQL and the loopback, the order rotated every block so slow spells of the
        // disk fall on all of them. Each database warms up until its WAL has reached the
        // checkpoint threshold once and
        // starts over from its beginning: while a WAL file grows, every fdatasync(2) also
        // commits the file system's journal for the new size (milliseconds on a busy
        // disk), once it wraps, a commit overwrites blocks the file already has. Timing
        // one side in its growing phase and the other wrapped compares two different
        // disk operations (the floor's first 500 commits grow its WAL, the lane's first
        // ~150 sales grow its own).
        progress("warming up until the WAL files have wrapped, then \(options.sales) of each")
        var warmSales = 0
        var warmFloor = 0
        for phase in 0..<3 {
            let walPath = [lanePath, floorPath, storePath][phase] + "-wal"
            var count = 0
            while count < Self.warmUpLimit {
                let wrapped = Self.walBytes(walPath) >= Self.wrappedWALBytes
                if phase == 0 {
                    _ = try await seller.sell(Self.warmUp, timed: false)
                    await lane.host.runtime.waitForPrinting()
                } else if phase == 1 {
                    _ = try await floor.measure(Self.warmUp)
                } else {
                    _ = try await store.measure(Self.warmUp)
                }
                count += Self.warmUp
                // Past the threshold: the next commits after the checkpoint overwrite.
                if wrapped { break }
            }
            if phase == 0 { warmSales = count } else if phase == 1 { warmFloor = count }
        }
        _ = try await Self.echo(Self.warmUp, through: echoClient)
        var floorSamples: [Duration] = []
        var finalizeSamples: [Duration] = []
        var loopbackSamples: [Duration] = []
        var storeSamples: [Duration] = []
        var block = 0
        while finalizeSamples.count < options.sales {
            let size = min(options.block, options.sales - finalizeSamples.count)
            // Each block starts one later in lane, floor, store, loopback, so each comes
            // after each of the others in turn.
            for step in (0..<4).map({ ($0 + block) % 4 }) {
                switch step {
                case 0:
                    finalizeSamples += try await seller.sell(size)
                    // The next must have the disk to itself: the last receipt prints first.
                    await lane.host.runtime.waitForPrinting()
                case 1: floorSamples += try await floor.measure(size)
                case 2: storeSamples += try await store.measure(size)
                default: loopbackSamples += try await Self.echo(size, through: echoClient)
                }
            }
            block += 1
        }

        let events = client.eventCount
        await client.close()
        await echoClient.close()
        await lane.stop()
        await floor.close()
        await store.close()
        let stored = try Self.countStored(lanePath)
        return Result(
            fileSystem: fileSystem, folder: folder, database: database,
            databaseSeconds: databaseSeconds, floor: LatencyStats(floorSamples),
            finalize: LatencyStats(finalizeSamples), item: LatencyStats(seller.itemSamples),
            store: LatencyStats(storeSamples), loopback: LatencyStats(loopbackSamples),
            vouchersIssued: seller.vouchers,
            salesStored: stored.sales, jobsConfirmed: stored.confirmed, events: events,
            warmSales: warmSales, warmFloor: warmFloor, options: options)
    }

    /// Times `count` finalize-sized lines echoed back by `LoopbackEcho`.
    private static func echo(_ count: Int, through client: POSClient) async throws
        -> [Duration]
    {
        var samples: [Duration] = []
        for index in 0..<count {
            let line = Seller.finalize(txn: "ECHO-\(index)", amount: "17.50")
            samples.append(try await client.request(line).elapsed)
        }
        return samples
    }

    /// The size of the file at `path`, 0 when there is none.
    private static func walBytes(_ path: String) -> Int64 {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return (attributes?[.size] as? NSNumber)?.int64Value ?? 0
    }

    /// The bench folder, absolute, created, and emptied of a previous run's files.
    private func prepareFolder() throws -> String {
        let manager = FileManager.default
        let folder = URL(
            fileURLWithPath: options.folder,
            relativeTo: URL(fileURLWithPath: manager.currentDirectoryPath, isDirectory: true)
        ).standardizedFileURL.path
        try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let names =
            ["lane.sqlite", "floor.sqlite", "store.sqlite"].flatMap {
                [$0, $0 + "-wal", $0 + "-shm"]
            }
            + ["printer.bin", "lane.json", "program.json"]
        for name in names {
            let path = (folder as NSString).appendingPathComponent(name)
            if manager.fileExists(atPath: path) { try manager.removeItem(atPath: path) }
        }
        return folder
    }

    /// Bench sales stored, and print jobs confirmed, read back after the lane stopped.
    private static func countStored(_ path: String) throws(BenchError)
        -> (sales: Int, confirmed: Int)
    {
        let sqlite = try RawSQLite(path: path)
        defer { sqlite.close() }
        let sales = try sqlite.text(
            "SELECT count(*) FROM transactions WHERE txn LIKE 'BENCH-%' AND lines IS NOT NULL")
        let confirmed = try sqlite.text(
            "SELECT count(*) FROM print_jobs WHERE confirmed_at_ms IS NOT NULL")
        return (Int(sales ?? "") ?? -1, Int(confirmed ?? "") ?? -1)
    }

    private func progress(_ text: String) {
        FileHandle.standardError.write(Data("lanegate-bench: \(text)\n".utf8))
    }
}
