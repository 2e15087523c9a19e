import Synchronization

/// Values pushed from any thread, in order, taken one by one by a test; a wait that gets
/// nothing within its timeout ends with nil, a safety net so that a missing event fails
/// the test instead of hanging the suite (not a pause: a value that is there is taken at
/// once).
final class Inbox<Value: Sendable>: Sendable {
    private struct State {
        var values: [Value] = []
        var waiter: (token: Int, continuation: CheckedContinuation<Value?, Never>)?
        var tokens = 0
    }

    private let state = Mutex(State())

    /// Adds `value`, or hands it to the waiting `next`.
    func push(_ value: Value) {
        let waiter = state.withLock { state -> CheckedContinuation<Value?, Never>? in
            guard let waiter = state.waiter else {
                state.values.append(value)
                return nil
            }
            state.waiter = nil
            return waiter.continuation
        }
        waiter?.resume(returning: value)
    }

    /// The values pushed and not taken yet, taken now without waiting.
    func takeAll() -> [Value] {
        state.withLock { state in
            defer { state.values.removeAll() }
            return state.values
        }
    }

    /// The next value, waiting up to `timeout` for it.
    func next(timeout: Duration = .seconds(20)) async -> Value? {
        await withCheckedContinuation { continuation in
            let token = state.withLock { state -> Int? in
                if !state.values.isEmpty {
                    continuation.resume(returning: state.values.removeFirst())
                    return nil
                }
                state.tokens += 1
                state.waiter = (state.tokens, continuation)
                return state.tokens
            }
            guard let token else { return }
            Task {
                try? await Task.sleep(for: timeout)
                self.expire(token)
            }
        }
    }

    private func expire(_ token: Int) {
        let waiter = state.withLock { state -> CheckedContinuation<Value?, Never>? in
            guard let waiter = state.waiter, waiter.token == token else { return nil }
            state.waiter = nil
            return waiter.continuation
        }
        waiter?.resume(returning: nil)
    }
}
