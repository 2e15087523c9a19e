import Foundation
import Synchronization

/// A serial executor that runs every job (and plain closures, in the same order) on one
/// dedicated thread, and lets other threads take their turn on it synchronously.
///
/// `LedgerStore` runs on one of these so that a commit's `fsync` (and a wait for another
/// lane's write lock) blocks only the thread that asked for it, never the cooperative pool
/// that carries the scanner and the print queue. `DispatchSerialQueue` is not a
/// `SerialExecutor` on Linux, hence this small loop over a locked job list.
///
/// Serial means one at a time, not one thread: a job runs while holding `turn`, and
/// `runExclusively(_:)` holds the same lock on the caller's thread, so nothing the
/// executor guards ever runs twice at once. Inside either, `checkIsolated()` passes, and
/// the actors that use this executor may be entered with `assumeIsolated`
/// (SE-0424). A POS connection's reader thread answers its requests this way: the reply
/// leaves the thread that read the request, without a wake-up of this executor's thread
/// in between (on this project's 2-processor VM that wake-up alone costs about 40 µs, a
/// quarter of a commit). A closure queued with `enqueue(_:)` runs on the thread in its
/// turn, like a job, and may enter the actors the same way.
final class ThreadExecutor: SerialExecutor, @unchecked Sendable {
    // `condition` guards `jobs` and `stopping`. `thread` is written once, in `init`, before
    // the thread starts; it is weak because the running thread keeps itself alive and its
    // block holds this executor.
    private let condition = NSCondition()
    private var jobs: [Work] = []
    private var stopping = false
    private weak var thread: Thread?

    /// Held by whoever runs the executor's work: the executor's thread for a job, or a
    /// caller of `runExclusively(_:)`.
    private let turn = NSLock()
    /// The `pthread_self()` of the thread holding `turn`, 0 when none. Written only by that
    /// thread while it holds `turn`; read by any thread to ask "is it me?", which only the
    /// holder can answer yes to.
    private let holder = Atomic<UInt>(0)

    /// Runs after each job and each `runExclusively(_:)` body, still holding the turn,
    /// once that job's caller has been resumed.
    private let afterEachJob: (() -> Void)?

    /// Starts the thread, named `name` so that it shows in a debugger and in `top -H`;
    /// `afterEachJob` runs after every job (the store's deferred checkpoint).
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

    private enum Work {
        case job(UnownedJob)
        case closure(() -> Void)
    }

    /// Queues `job` to run on the thread after the work already queued.
    func enqueue(_ job: consuming ExecutorJob) {
        append(.job(UnownedJob(job)))
    }

    /// Queues `work` to run on the thread after the work already queued, as a job would.
    func enqueue(_ work: @escaping @Sendable () -> Void) {
        append(.closure(work))
    }

    private func append(_ work: Work) {
        condition.lock()
        jobs.append(work)
        condition.signal()
        condition.unlock()
    }

    /// This executor, as the runtime refers to it.
    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    /// Traps unless called by the thread that holds the turn (used by `assumeIsolated`).
    func checkIsolated() {
        precondition(holdsTurn, "not on the LedgerStore's executor")
    }

    /// Runs `body` on the calling thread, as if it were a job of this executor: after the
    /// job running now, before the next. Called again inside `body`, it runs the inner body
    /// at once.
    func runExclusively<T>(_ body: () throws -> T) rethrows -> T {
        if holdsTurn { return try body() }
        takeTurn()
        defer { endTurn() }
        return try body()
    }

    /// Lets the thread finish the queued jobs and exit.
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    private var holdsTurn: Bool {
        holder.load(ordering: .relaxed) == Self.currentThread
    }

    private static var currentThread: UInt { UInt(bitPattern: Int(bitPattern: pthread_self())) }

    private func takeTurn() {
        turn.lock()
        holder.store(Self.currentThread, ordering: .relaxed)
    }

    private func endTurn() {
        afterEachJob?()
        holder.store(0, ordering: .relaxed)
        turn.unlock()
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

            for work in batch {
                takeTurn()
                switch work {
                case .job(let job): job.runSynchronously(on: asUnownedSerialExecutor())
                case .closure(let closure): closure()
                }
                endTurn()
            }
        }
    }
}
