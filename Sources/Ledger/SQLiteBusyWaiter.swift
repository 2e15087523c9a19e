import CSQLite
import Foundation

/// The busy handler of a connection: retries a lock for up to `timeout`, then gives up.
///
/// It does what `sqlite3_busy_timeout` does, plus one thing: `onWait` is called when a lock
/// attempt first finds the database locked, so a test can tell that a lane is waiting for
/// another lane's write lock without sleeping. SQLite calls the handler with the number of
/// times it was already called for the same lock attempt
/// (https://sqlite.org/c3ref/busy_handler.html); returning 0 makes the attempt fail with
/// `SQLITE_BUSY`.
final class SQLiteBusyWaiter {
    let timeout: Duration
    let onWait: (@Sendable () -> Void)?
    private var deadline = ContinuousClock.now

    init(timeout: Duration, onWait: (@Sendable () -> Void)?) {
        self.timeout = timeout
        self.onWait = onWait
    }

    /// Whether SQLite should try the lock again, after a short sleep.
    func shouldRetry(attempt: Int32) -> Bool {
        let now = ContinuousClock.now
        if attempt == 0 {
            deadline = now + timeout
            onWait?()
        }
        guard now < deadline else {
            return false
        }

        // Short first waits: a lane's commit holds the lock for a few milliseconds.
        let step = Duration.milliseconds(1 << min(Int(attempt), 4))
        let pause = min(step, deadline - now)
        let (seconds, attoseconds) = pause.components
        Thread.sleep(forTimeInterval: Double(seconds) + Double(attoseconds) / 1e18)
        return true
    }

    /// Installs this waiter as the busy handler of `db`; `db` must not outlive it.
    func install(on db: OpaquePointer) -> Int32 {
        let context = Unmanaged.passUnretained(self).toOpaque()
        return sqlite3_busy_handler(db, sqliteBusyCallback, context)
    }
}

private func sqliteBusyCallback(_ context: UnsafeMutableRawPointer?, _ attempt: Int32) -> Int32 {
    guard let context else {
        return 0
    }
    let waiter = Unmanaged<SQLiteBusyWaiter>.fromOpaque(context).takeUnretainedValue()
    return waiter.shouldRetry(attempt: attempt) ? 1 : 0
}
