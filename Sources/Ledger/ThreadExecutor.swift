import Foundation

/// A serial executor that runs every job on one dedicated thread.
///
/// `LedgerStore` runs on one of these so that a commit's `fsync` (and a wait for another
/// lane's write lock) blocks only this thread, never the cooperative pool that carries the
/// POS link and the scanner. `DispatchSerialQueue` is not a `SerialExecutor` on Linux, hence
/// this small loop over a locked job list.
final class ThreadExecutor: SerialExecutor, @unchecked Sendable {
    // `condition` guards `jobs` and `stopping`. `thread` is written once, in `init`, before
    // the thread starts; it is weak because the running thread keeps itself alive and its
    // block holds this executor.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var stopping = false
    private weak var thread: Thread?

    /// Runs on the thread after each job, once that job's caller has been resumed.
    private let afterEachJob: (() -> Void)?

    /// Starts the thread, named `name` so that it shows in a debugger and in `top -H`;
    /// `afterEachJob` runs on it after every job (the store's deferred checkpoint).
    init(name: String, afterEachJob: (() -> Void)? = nil) {
        self.afterEachJob = afterEachJob
        let thread = Thread { [self] in
            // Set from inside: on Linux a name given before start() is not applied, and a
            // new thread would keep its creator's name (a pool thread's, usually).
            Thread.current.name = name
            self.run()
        }
        self.thread = thread
        thread.start()
    }

    /// Queues `job` to run on the thread after the jobs already queued.
    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        condition.lock()
        jobs.append(unowned)
        condition.signal()
        condition.unlock()
    }

    /// This executor, as the runtime refers to it.
    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    /// Traps unless called on this executor's thread (used by `assumeIsolated`).
    func checkIsolated() {
        precondition(Thread.current === thread, "not on the LedgerStore thread")
    }

    /// Lets the thread finish the queued jobs and exit.
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            while jobs.isEmpty && !stopping {
                condition.wait()
            }
            if jobs.isEmpty {
                // Stopping, and nothing left to run.
                condition.unlock()
                return
            }
            let batch = jobs
            jobs.removeAll(keepingCapacity: true)
            condition.unlock()

            for job in batch {
                job.runSynchronously(on: asUnownedSerialExecutor())
                afterEachJob?()
            }
        }
    }
}
