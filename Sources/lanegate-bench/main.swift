import Foundation
import Lane

// lanegate-bench: `finalize` latency against the disk's commit floor (docs/performance.md).
// Exit 0 when the run completed (whether or not the goal was met), 1 on a failure during
// the run, 2 on bad usage.

let options: BenchOptions
do {
    options = try BenchOptions.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(error.description == BenchOptions.usage ? 0 : 2)
}

// The lane's info lines (one per sale) would bury the figures; warnings still show.
Log.setLevel(.warning)
signal(SIGPIPE, SIG_IGN)

do {
    let result = try await BenchRun(options: options).run()
    let report = BenchReport(result: result)
    print(options.json ? report.json() : report.table())
    print(await ReplugBench.report(json: options.json))
} catch {
    FileHandle.standardError.write(Data("lanegate-bench: \(error)\n".utf8))
    exit(1)
}
