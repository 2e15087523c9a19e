/// A failure of the benchmark run, with what to do about it.
struct BenchError: Error, CustomStringConvertible {
    /// What went wrong, where, and the fix.
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
