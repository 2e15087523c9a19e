/// Percentiles and mean of a set of latencies, in nanoseconds.
///
/// Percentiles are nearest-rank: p50 is the smallest sample with at least half of the
/// samples at or below it, p99 the one with at least 99 %. No interpolation, so every
/// figure is a latency that was really measured.
struct LatencyStats: Sendable {
    let count: Int
    let p50: Int64
    let p99: Int64
    let mean: Int64
    let min: Int64
    let max: Int64

    init(_ samples: [Duration]) {
        let sorted = samples.map(Self.nanoseconds).sorted()
        count = sorted.count
        func rank(_ percent: Int) -> Int64 {
            guard !sorted.isEmpty else { return 0 }
            let index = (percent * sorted.count + 99) / 100 - 1
            return sorted[Swift.max(0, Swift.min(sorted.count - 1, index))]
        }
        p50 = rank(50)
        p99 = rank(99)
        mean = sorted.isEmpty ? 0 : sorted.reduce(0, +) / Int64(sorted.count)
        min = sorted.first ?? 0
        max = sorted.last ?? 0
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
