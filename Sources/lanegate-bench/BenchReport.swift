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
    var passes: Bool { p50Ratio <= Self.goal && p99Ratio <= Self.goal }

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
            "samples       \(finalize.count) finalize, \(floor.count) floor, alternating in "
                + "blocks of \(result.options.block) (after \(result.warmSales) sales and "
                + "\(result.warmFloor) floor commits untimed: both WALs wrapped)"
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
        lines.append("")
        lines.append(pad("ratio", 12) + pad("finalize/floor", 16) + pad("goal", 8) + "result")
        for (name, value) in [("p50", p50Ratio), ("p99", p99Ratio)] {
            lines.append(
                pad(name, 12) + pad(String(format: "%.2f", value), 16)
                    + pad(String(format: "<= %.1f", Self.goal), 8)
                    + (value <= Self.goal ? "PASS" : "MISS"))
        }
        lines.append("")
        lines.append(
            "checked       \(result.salesStored) bench sales stored, \(result.jobsConfirmed) "
                + "print jobs confirmed, \(result.vouchersIssued) vouchers issued, "
                + "\(result.events) printer events")
        return lines.joined(separator: "\n")
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
