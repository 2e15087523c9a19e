import Dispatch

extension DispatchQueue {
    /// Runs `body` on this queue and returns its result to the awaiting task: the bench's
    /// timed loops run on serial queues of their own, away from the cooperative pool.
    func result<T: Sendable>(of body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            async { continuation.resume(with: Result { try body() }) }
        }
    }
}

/// A timed loop over a database of its own, run on a serial queue of its own (the
/// floors): `measure` and `close` come from here.
protocol QueuedSampler: AnyObject, Sendable {
    var queue: DispatchQueue { get }
    var sqlite: RawSQLite { get }
    /// Times `count` samples on `queue`.
    func measureHere(_ count: Int) throws -> [Duration]
}

extension QueuedSampler {
    /// Times `count` samples, one after another; returns each one's duration.
    func measure(_ count: Int) async throws -> [Duration] {
        try await queue.result { try self.measureHere(count) }
    }

    /// Closes the database.
    func close() async {
        _ = try? await queue.result { self.sqlite.close() }
    }
}
