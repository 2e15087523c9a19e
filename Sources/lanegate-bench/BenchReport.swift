import CSQLite
import Foundation
import StrictJSON

/// The bench's output: a table for people, or JSON with `--json`.
struct BenchReport {
    let result: BenchRun.Result

    /// The goal: `finalize` within this many times the floor, at p50 and at p99.
    static let goal = 1.5

    struct Machine {
        let processors: Int
        let kernel: String
        let cpu: String
        let sqlite: String

        static func current() -> Machine {
            var names = utsname()
            uname(&names)
            let release = withUnsafeBytes(of: &names.release) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
            let model =
                cpuinfo.split(separator: "\n")
                .first { $0.hasPrefix("model name") }
                .map { $0.split(separator: ":", maxSplits: 1).last ?? "" }
                .map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown"
            return Machine(
                processors: ProcessInfo.processInfo.activeProcessorCount,
                kernel: "Linux " + release, cpu: model,
                sqlite: String(cString: sqlite3_libversion()))
        }
    }

    var p50Ratio: Double { ratio(result.finalize.p50, result.floor.p50) }
    var p99Ratio: Double { ratio(result.finalize.p99, result.floor.p99) }
    var passes: Bool {
        !result.fileSystem.isMemory && p50Ratio <= Self.goal && p99Ratio <= Self.goal
    }

    func table() -> String {
        let machine = Machine.current()
        let floor = result.floor
        let finalize = result.finalize
        var lines: [String] = []
        lines.append("lanegate-bench: finalize against the disk's commit floor")
        lines.append("")
        lines.append("file system   \(result.fileSystem.description), folder \(result.folder)")
        lines.append(
            "machine       \(machine.processors) processors (\(machine.cpu)), \(machine.kernel), "
                + "SQLite \(machine.sqlite)")
        lines.append(
            "lane database \(result.database.members) members, \(result.database.pastSales) past "
                + "sales, \(result.database.bytes / 1_048_576) MiB, built in "
                + String(format: "%.1f s", result.databaseSeconds))
        lines.append(
            "samples       \(finalize.count) finalize, \(floor.count) floor, "
                + "\(result.store.count) store, \(result.loopback.count) loopback, in turns in "
                + "blocks of \(result.options.block) (after \(result.warmSales) sales and "
                + "\(result.warmFloor) floor commits untimed: the WALs wrapped)"
                + ", pace \(result.options.pace.rawValue)")
        lines.append("")
        lines.append(
            pad("", 12) + pad("p50 µs", 11) + pad("p99 µs", 11) + pad("mean µs", 11)
                + pad("min µs", 11) + pad("max µs", 11))
        for (name, stats) in [("floor", floor), ("finalize", finalize)] {
            lines.append(
                pad(name, 12) + pad(micro(stats.p50), 11) + pad(micro(stats.p99), 11)
                    + pad(micro(stats.mean), 11) + pad(micro(stats.min), 11)
                    + pad(micro(stats.max), 11))
        }
        lines.append(
            pad("(item)", 12) + pad(micro(result.item.p50), 11) + pad(micro(result.item.p99), 11)
                + pad(micro(result.item.mean), 11) + pad(micro(result.item.min), 11)
                + pad(micro(result.item.max), 11) + "POS link round trip, no store")
        lines.append(
            pad("(store)", 12) + pad(micro(result.store.p50), 11)
                + pad(micro(result.store.p99), 11) + pad(micro(result.store.mean), 11)
                + pad(micro(result.store.min), 11) + pad(micro(result.store.max), 11)
                + "a sale's own SQL in plain SQLite: no lane code")
        lines.append(
            pad("(loopback)", 12) + pad(micro(result.loopback.p50), 11)
                + pad(micro(result.loopback.p99), 11) + pad(micro(result.loopback.mean), 11)
                + pad(micro(result.loopback.min), 11) + pad(micro(result.loopback.max), 11)
                + "the same line echoed back: no lane, no store")
        lines.append("")
        lines.append(contentsOf: budget())
        lines.append("")
        lines.append(pad("ratio", 12) + pad("finalize/floor", 16) + pad("goal", 8) + "result")
        for (name, value) in [("p50", p50Ratio), ("p99", p99Ratio)] {
            lines.append(
                pad(name, 12) + pad(String(format: "%.2f", value), 16)
                    + pad(String(format: "<= %.1f", Self.goal), 8)
                    + (result.fileSystem.isMemory
                        ? "not judged: the folder is in memory"
                        : value <= Self.goal ? "PASS" : "MISS"))
        }
        lines.append("")
        lines.append(
            "checked       \(result.salesStored) bench sales stored, \(result.jobsConfirmed) "
                + "print jobs confirmed, \(result.vouchersIssued) vouchers issued, "
                + "\(result.events) printer events")
        return lines.joined(separator: "\n")
    }

    /// Where the goal's time goes at p50 and p99: the floor's commit, the loopback round
    /// trip, what the sale's own SQL costs beyond the floor, and what that leaves for the
    /// lane's code, against what the lane's code took (finalize - store - loopback).
    ///
    /// Percentiles do not add up exactly, so these are estimates: they say how much of the
    /// gap the lane's code can still close and how much the machine and the storage the
    /// design asks for spend anyway.
    func budget() -> [String] {
        var lines = [
            pad("budget", 12) + pad("goal µs", 11) + pad("loopback", 11) + pad("store-floor", 13)
                + pad("left µs", 11) + "the lane's code took"
        ]
        for (name, floor, store, loop, finalize) in [
            ("p50", result.floor.p50, result.store.p50, result.loopback.p50, result.finalize.p50),
            ("p99", result.floor.p99, result.store.p99, result.loopback.p99, result.finalize.p99),
        ] {
            let goal = Int64(Double(floor) * Self.goal)
            lines.append(
                pad(name, 12) + pad(micro(goal), 11) + pad(micro(loop), 11)
                    + pad(micro(store - floor), 13) + pad(micro(goal - store - loop), 11)
                    + micro(finalize - store - loop))
        }
        return lines
    }

    func json() -> String {
        let machine = Machine.current()
        func stats(_ value: LatencyStats) -> JSON {
            .object([
                "count": .number(String(value.count)),
                "p50Microseconds": .number(micro(value.p50)),
                "p99Microseconds": .number(micro(value.p99)),
                "meanMicroseconds": .number(micro(value.mean)),
                "minMicroseconds": .number(micro(value.min)),
                "maxMicroseconds": .number(micro(value.max)),
            ])
        }
        let value = JSON.object([
            "fileSystem": .object([
                "type": .string(result.fileSystem.type),
                "mountPoint": .string(result.fileSystem.mountPoint),
                "source": .string(result.fileSystem.source),
            ]),
            "folder": .string(result.folder),
            "machine": .object([
                "processors": .number(String(machine.processors)),
                "cpu": .string(machine.cpu), "kernel": .string(machine.kernel),
                "sqlite": .string(machine.sqlite),
            ]),
            "members": .number(String(result.database.members)),
            "pastSales": .number(String(result.database.pastSales)),
            "block": .number(String(result.options.block)),
            "warmUpSales": .number(String(result.warmSales)),
            "warmUpFloor": .number(String(result.warmFloor)),
            "pace": .string(result.options.pace.rawValue),
            "floor": stats(result.floor),
            "finalize": stats(result.finalize),
            "item": stats(result.item),
            "store": stats(result.store),
            "loopback": stats(result.loopback),
            "ratioP50": .number(String(format: "%.3f", p50Ratio)),
            "ratioP99": .number(String(format: "%.3f", p99Ratio)),
            "goal": .number(String(format: "%.1f", Self.goal)),
            "pass": .bool(passes),
            "salesStored": .number(String(result.salesStored)),
            "printJobsConfirmed": .number(String(result.jobsConfirmed)),
            "vouchersIssued": .number(String(result.vouchersIssued)),
        ])
        return value.serialized
    }

    private func ratio(_ top: Int64, _ bottom: Int64) -> Double {
        bottom == 0 ? .infinity : Double(top) / Double(bottom)
    }

    private func micro(_ nanoseconds: Int64) -> String {
        String(format: "%.1f", Double(nanoseconds) / 1000)
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
